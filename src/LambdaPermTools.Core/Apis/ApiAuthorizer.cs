namespace LambdaPermTools.Apis
{
    /// <summary>An authorizer (GetAuthorizers item).</summary>
    public sealed class ApiAuthorizer
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>TOKEN, REQUEST or COGNITO_USER_POOLS.</summary>
        public string Type { get; set; } = "";
        public string? AuthorizerUri { get; set; }
        public string? AuthorizerCredentials { get; set; }
    }
}
