namespace LambdaPermTools.Apis
{
    /// <summary>An integration (GetIntegrations item).</summary>
    public sealed class V2Integration
    {
        public string IntegrationId { get; set; } = "";
        /// <summary>AWS_PROXY for Lambda, and on WebSocket APIs also AWS (non-proxy, Lambda or another service); HTTP, HTTP_PROXY, MOCK otherwise.</summary>
        public string IntegrationType { get; set; } = "";
        /// <summary>A function ARN or the arn:…:apigateway:…:lambda:path/…/invocations form.</summary>
        public string? IntegrationUri { get; set; }
        public string? CredentialsArn { get; set; }
    }
}
