namespace LambdaPermTools.Aws.Ports
{
    /// <summary>A custom domain name (API Gateway GetDomainName): how it routes requests to its APIs.</summary>
    public sealed class CustomDomainName
    {
        public CustomDomainName(string domainName, string? routingMode, string? endpointType)
        {
            DomainName = domainName;
            RoutingMode = routingMode;
            EndpointType = endpointType;
        }

        public string DomainName { get; }

        /// <summary>routingMode as API Gateway spells it (BASE_PATH_MAPPING_ONLY, ROUTING_RULE_ONLY, …); null when absent.</summary>
        public string? RoutingMode { get; }

        /// <summary>REGIONAL, EDGE or PRIVATE (endpointConfiguration.types), when given.</summary>
        public string? EndpointType { get; }
    }
}
