namespace LambdaPermTools.Requests
{
    /// <summary>A custom domain name's routingMode (GetDomainName); absent means API mappings only.</summary>
    public enum DomainRoutingMode
    {
        ApiMappingOnly,
        RoutingRuleThenApiMapping,
        RoutingRuleOnly,
    }
}
