namespace LambdaPermTools.Apis
{
    /// <summary>A method of a resource (resourceMethods entry).</summary>
    public sealed class ApiMethod
    {
        public string HttpMethod { get; set; } = "";
        public string? AuthorizationType { get; set; }
        public string? AuthorizerId { get; set; }

        /// <summary>From an export only: the name of the authorizer the method uses (the export names authorizers, not ids).</summary>
        public string? AuthorizerName { get; set; }
        public ApiIntegration? Integration { get; set; }
    }
}
