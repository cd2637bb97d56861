namespace LambdaPermTools.Apis
{
    /// <summary>A route (GetRoutes item).</summary>
    public sealed class V2Route
    {
        public string RouteId { get; set; } = "";
        /// <summary>"GET /pets/{id}", "ANY /{proxy+}", "$default"; WebSocket: "$connect", "$default", "sendmessage".</summary>
        public string RouteKey { get; set; } = "";
        /// <summary>"integrations/{integrationId}", or null when the route has no integration.</summary>
        public string? Target { get; set; }
        /// <summary>NONE, AWS_IAM, CUSTOM or JWT.</summary>
        public string? AuthorizationType { get; set; }
        public string? AuthorizerId { get; set; }
    }
}
