using System.Linq;
using System.Text.Json;
using LambdaPermTools.Aws.Clients;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>The wire shapes of GetDomainName, GetBasePathMappings items and ListRoutingRules items (API Gateway v2, camelCase JSON).</summary>
    public class DomainNameReaderTests
    {
        [Fact]
        public void RoutingRuleReadsHeaderConditionsBasePathsAndTheInvokedStage()
        {
            using var json = JsonDocument.Parse(@"{
                ""routingRuleId"": ""abc123"", ""routingRuleArn"": ""arn:aws:apigateway:us-east-1:111122223333:/domainnames/api.example.com/routingrules/abc123"", ""priority"": 50,
                ""conditions"": [
                    { ""matchHeaders"": { ""anyOf"": [ { ""header"": ""x-version"", ""valueGlob"": ""v2*"" }, { ""header"": ""x-beta"", ""valueGlob"": ""true"" } ] } },
                    { ""matchHeaders"": { ""anyOf"": [ { ""header"": ""x-tenant"", ""valueGlob"": ""*acme"" } ] } },
                    { ""matchBasePaths"": { ""anyOf"": [ ""orders"", ""v2/orders"" ] } } ],
                ""actions"": [ { ""invokeApi"": { ""apiId"": ""a1b2c3"", ""stage"": ""prod"", ""stripBasePath"": true } } ] }");
            var rule = DomainNameReader.Rule(json.RootElement);
            Assert.Equal(("abc123", 50, "a1b2c3", "prod", true), (rule.RuleId, rule.Priority, rule.RestApiId, rule.Stage, rule.StripBasePath));
            Assert.Equal(new[] { 2, 1 }, rule.HeaderConditions.Select(c => c.Count));
            Assert.Equal(("x-tenant", "*acme"), (rule.HeaderConditions[1][0].Header, rule.HeaderConditions[1][0].ValueGlob));
            Assert.Equal(new[] { "orders", "v2/orders" }, rule.BasePaths);
        }

        [Fact]
        public void DomainAndMappingKeepWhatRoutingNeeds()
        {
            using var domain = JsonDocument.Parse(@"{ ""domainName"": ""api.example.com"", ""routingMode"": ""ROUTING_RULE_THEN_BASE_PATH_MAPPING"", ""endpointConfiguration"": { ""types"": [ ""REGIONAL"" ] } }");
            var read = DomainNameReader.Domain(domain.RootElement, "API.example.com");
            Assert.Equal(("api.example.com", "ROUTING_RULE_THEN_BASE_PATH_MAPPING", "REGIONAL"), (read.DomainName, read.RoutingMode, read.EndpointType));

            using var mapping = JsonDocument.Parse(@"{ ""basePath"": ""(none)"", ""restApiId"": ""a1b2c3"", ""stage"": ""prod"" }");
            var m = DomainNameReader.Mapping(mapping.RootElement);
            Assert.Equal(("(none)", "a1b2c3", "prod"), (m.BasePath, m.RestApiId, m.Stage));
        }
    }
}
