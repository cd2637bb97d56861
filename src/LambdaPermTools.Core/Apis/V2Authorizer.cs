namespace LambdaPermTools.Apis
{
    /// <summary>An authorizer (GetAuthorizers item).</summary>
    public sealed class V2Authorizer
    {
        public string AuthorizerId { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>REQUEST (a Lambda) or JWT (invokes nothing).</summary>
        public string AuthorizerType { get; set; } = "";
        public string? AuthorizerUri { get; set; }
        public string? AuthorizerCredentialsArn { get; set; }
    }
}
