using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// From a request URL to the stage(s) it reaches. An execute-api host names the API and the first segment the
    /// stage. A custom domain routes by its routingMode: API mappings (the longest base path that prefixes the path,
    /// else the <c>(none)</c> mapping; the base path is removed), routing rules (by priority; the first rule whose
    /// conditions all hold invokes its stage), or rules then mappings. A header condition on a header the caller
    /// did not give cannot be decided: every stage such a rule could pick is returned, and the search goes on.
    /// </summary>
    public static class DomainRouter
    {
        /// <summary>The stage of an execute-api URL, or null when the path names no stage.</summary>
        public static StagePick? ForExecuteApi(RequestUrl url)
        {
            if (url.Kind != RequestHostKind.ExecuteApi)
            {
                throw new ArgumentException("Not an execute-api URL.", nameof(url));
            }

            var host = $"Host: {url.Host} is REST API {url.ApiId} in {url.Region} ({url.Partition})"
                + (url.VpcEndpointId.Length > 0 ? $", private, through VPC endpoint {url.VpcEndpointId}" : "");
            if (url.Segments.Count == 0)
            {
                return null;
            }

            var trace = new[] { host, $"Stage: the first path segment names stage '{url.Segments[0]}'" };
            return new StagePick(url.ApiId, url.Segments[0], url.Segments.Skip(1).ToArray(), trace);
        }

        /// <summary>
        /// The stages a custom-domain URL reaches. <paramref name="headers"/> are the request's headers (names compared
        /// case-insensitively); empty when none were given. No element: nothing routes the request.
        /// </summary>
        public static IReadOnlyList<StagePick> ForDomain(
            RequestUrl url,
            DomainRoutingMode mode,
            IReadOnlyList<BasePathMapping> mappings,
            IReadOnlyList<RoutingRule> rules,
            IReadOnlyDictionary<string, string> headers)
        {
            var host = $"Host: {url.Host} is a custom domain name (routing mode {Name(mode)})";
            var picks = new List<StagePick>();
            if (mode != DomainRoutingMode.ApiMappingOnly)
            {
                foreach (var rule in rules.OrderBy(r => r.Priority))
                {
                    var outcome = Evaluate(rule, url.Segments, headers, out var why, out var rest);
                    if (outcome == Outcome.NoMatch)
                    {
                        continue;
                    }

                    var ruleLine = $"Routing rule {rule.RuleId} (priority {rule.Priority}) {why}: invokes stage '{rule.Stage}' of REST API {rule.RestApiId}";
                    AddDistinct(picks, new StagePick(rule.RestApiId, rule.Stage, rest, new[] { host, ruleLine }));
                    if (outcome == Outcome.Match)
                    {
                        return picks;
                    }
                }

                if (mode == DomainRoutingMode.RoutingRuleOnly)
                {
                    return picks;
                }
            }

            var mapping = ByBasePath(mappings, url.Segments);
            if (mapping != null)
            {
                var basePath = BasePathSegments(mapping.BasePath);
                var line = basePath.Length == 0
                    ? $"API mapping: base path (none) maps to stage '{mapping.Stage}' of REST API {mapping.RestApiId}"
                    : $"API mapping: base path '{string.Join("/", basePath)}' maps to stage '{mapping.Stage}' of REST API {mapping.RestApiId}";
                AddDistinct(picks, new StagePick(mapping.RestApiId, mapping.Stage, url.Segments.Skip(basePath.Length).ToArray(), new[] { host, line }));
            }

            return picks;
        }

        /// <summary>
        /// GetDomainName's routingMode: API Gateway v1 says BASE_PATH_MAPPING_ONLY and ROUTING_RULE_THEN_BASE_PATH_MAPPING where
        /// v2 says API_MAPPING_ONLY and ROUTING_RULE_THEN_API_MAPPING; absent means mappings only. Null for a mode not known here.
        /// </summary>
        public static DomainRoutingMode? ParseRoutingMode(string? routingMode)
        {
            switch (routingMode)
            {
                case null:
                case "":
                case "BASE_PATH_MAPPING_ONLY":
                case "API_MAPPING_ONLY":
                    return DomainRoutingMode.ApiMappingOnly;
                case "ROUTING_RULE_THEN_BASE_PATH_MAPPING":
                case "ROUTING_RULE_THEN_API_MAPPING":
                    return DomainRoutingMode.RoutingRuleThenApiMapping;
                case "ROUTING_RULE_ONLY":
                    return DomainRoutingMode.RoutingRuleOnly;
                default:
                    return null;
            }
        }

        private enum Outcome
        {
            NoMatch,
            Match,
            Undecided,
        }

        private static Outcome Evaluate(
            RoutingRule rule,
            IReadOnlyList<string> segments,
            IReadOnlyDictionary<string, string> headers,
            out string why,
            out IReadOnlyList<string> rest)
        {
            rest = segments;
            var reasons = new List<string>();
            if (rule.BasePaths.Count > 0)
            {
                var basePath = rule.BasePaths.Select(BasePathSegments).FirstOrDefault(b => IsPrefix(b, segments));
                if (basePath == null)
                {
                    why = "";
                    return Outcome.NoMatch;
                }

                reasons.Add($"base path '{string.Join("/", basePath)}' matches");
                if (rule.StripBasePath)
                {
                    rest = segments.Skip(basePath.Length).ToArray();
                }
            }

            var undecided = new List<string>();
            foreach (var condition in rule.HeaderConditions)
            {
                var given = condition.Where(c => Find(headers, c.Header) != null).ToList();
                if (given.Any(c => HeaderGlob.IsMatch(c.ValueGlob, Find(headers, c.Header)!)))
                {
                    var hit = given.First(c => HeaderGlob.IsMatch(c.ValueGlob, Find(headers, c.Header)!));
                    reasons.Add($"header {hit.Header} matches '{hit.ValueGlob}'");
                }
                else if (given.Count == condition.Count)
                {
                    why = "";
                    return Outcome.NoMatch;
                }
                else
                {
                    undecided.Add(string.Join(" or ", condition.Where(c => !given.Contains(c)).Select(c => $"header {c.Header} matches '{c.ValueGlob}'")));
                }
            }

            if (undecided.Count > 0)
            {
                why = "would pick it if " + string.Join(" and ", undecided) + " (not given in -Header)"
                    + (reasons.Count > 0 ? "; " + string.Join(", ", reasons) : "");
                return Outcome.Undecided;
            }

            why = reasons.Count > 0 ? "matches: " + string.Join(", ", reasons) : "has no conditions";
            return Outcome.Match;
        }

        private static string? Find(IReadOnlyDictionary<string, string> headers, string name) =>
            headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

        private static BasePathMapping? ByBasePath(IReadOnlyList<BasePathMapping> mappings, IReadOnlyList<string> segments) =>
            mappings
                .Select(m => (Mapping: m, Parts: BasePathSegments(m.BasePath)))
                .Where(m => IsPrefix(m.Parts, segments))
                .OrderByDescending(m => m.Parts.Length)
                .Select(m => m.Mapping)
                .FirstOrDefault();

        private static string[] BasePathSegments(string basePath) =>
            basePath == "(none)" ? new string[0] : basePath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);

        private static bool IsPrefix(string[] prefix, IReadOnlyList<string> segments) =>
            prefix.Length <= segments.Count && prefix.Select((p, i) => p == segments[i]).All(same => same);

        private static void AddDistinct(List<StagePick> picks, StagePick pick)
        {
            if (!picks.Any(p => p.RestApiId == pick.RestApiId && p.Stage == pick.Stage && p.Segments.SequenceEqual(pick.Segments)))
            {
                picks.Add(pick);
            }
        }

        private static string Name(DomainRoutingMode mode) => mode switch
        {
            DomainRoutingMode.RoutingRuleOnly => "ROUTING_RULE_ONLY",
            DomainRoutingMode.RoutingRuleThenApiMapping => "ROUTING_RULE_THEN_API_MAPPING",
            _ => "API_MAPPING_ONLY",
        };
    }
}
