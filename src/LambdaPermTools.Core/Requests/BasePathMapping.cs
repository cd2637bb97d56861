namespace LambdaPermTools.Requests
{
    /// <summary>A custom domain's API mapping (GetBasePathMappings item): base path → one stage of one REST API.</summary>
    public sealed class BasePathMapping
    {
        /// <summary>"(none)" or empty for the empty base path; may have several levels ("v1/orders").</summary>
        public string BasePath { get; set; } = "";
        public string RestApiId { get; set; } = "";
        public string Stage { get; set; } = "";
    }
}
