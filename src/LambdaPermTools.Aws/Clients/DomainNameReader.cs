using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>
    /// Reads the answers about custom domain names: GetDomainName and GetBasePathMappings items (API Gateway v1, rest-json)
    /// and ListRoutingRules items (API Gateway v2: conditions with matchHeaders.anyOf [{header, valueGlob}] and
    /// matchBasePaths.anyOf [string], actions with invokeApi {apiId, stage, stripBasePath}).
    /// </summary>
    internal static class DomainNameReader
    {
        public static CustomDomainName Domain(JsonElement e, string asked)
        {
            var types = e.TryGetProperty("endpointConfiguration", out var config) && config.ValueKind == JsonValueKind.Object
                ? config.Array("types").Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                : new List<string>();
            return new CustomDomainName(e.Str("domainName") ?? asked, e.Str("routingMode"), types.Count > 0 ? string.Join(",", types) : null);
        }

        public static BasePathMapping Mapping(JsonElement e) => new BasePathMapping
        {
            BasePath = e.Str("basePath") ?? "(none)",
            RestApiId = e.Required("restApiId"),
            Stage = e.Str("stage") ?? "",
        };

        public static RoutingRule Rule(JsonElement e)
        {
            var conditions = e.Array("conditions").Where(c => c.ValueKind == JsonValueKind.Object).ToList();
            var invoke = e.Array("actions").Where(a => a.ValueKind == JsonValueKind.Object).Select(a => Member(a, "invokeApi"))
                .FirstOrDefault(i => i != null) ?? throw new FormatException("a routing rule without an invokeApi action");
            return new RoutingRule
            {
                RuleId = e.Str("routingRuleId") ?? "",
                Priority = e.TryGetProperty("priority", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : throw new FormatException("missing \"priority\""),
                HeaderConditions = conditions.Select(c => Member(c, "matchHeaders")).Where(m => m != null)
                    .Select(m => (IReadOnlyList<HeaderCondition>)m!.Value.Array("anyOf")
                        .Select(h => new HeaderCondition { Header = h.Required("header"), ValueGlob = h.Required("valueGlob") }).ToList())
                    .ToList(),
                BasePaths = conditions.Select(c => Member(c, "matchBasePaths")).Where(m => m != null)
                    .SelectMany(m => m!.Value.Array("anyOf").Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString()!))
                    .ToList(),
                RestApiId = invoke.Required("apiId"),
                Stage = invoke.Required("stage"),
                StripBasePath = invoke.TryGetProperty("stripBasePath", out var strip) && strip.ValueKind == JsonValueKind.True,
            };
        }

        private static JsonElement? Member(JsonElement e, string name) =>
            e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : (JsonElement?)null;
    }
}
