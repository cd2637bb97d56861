namespace LambdaPermTools.Apis
{
    /// <summary>An integration as configured on a method (methodIntegration).</summary>
    public sealed class ApiIntegration
    {
        public string Type { get; set; } = "";
        public string? Uri { get; set; }
        public string? Credentials { get; set; }
        public string? HttpMethod { get; set; }
    }
}
