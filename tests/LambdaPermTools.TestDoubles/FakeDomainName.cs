using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Requests;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// A custom domain name of the fake account in one region, as API Gateway keeps it: its routingMode (v1 spelling,
    /// BASE_PATH_MAPPING_ONLY by default), its base path mappings (one per base path; "(none)" for the empty one) and its
    /// routing rules (API Gateway v2; one per priority). Like AWS, it refuses a mapping on a ROUTING_RULE_ONLY domain and a
    /// rule on a BASE_PATH_MAPPING_ONLY one (both stay readable after the mode changes: set <see cref="RoutingMode"/>).
    /// </summary>
    public sealed class FakeDomainName
    {
        private readonly object _sync;
        private readonly List<BasePathMapping> _mappings = new List<BasePathMapping>();
        private readonly List<RoutingRule> _rules = new List<RoutingRule>();

        internal FakeDomainName(string name, string routingMode, object sync)
        {
            Name = name;
            RoutingMode = routingMode;
            _sync = sync;
        }

        public string Name { get; }

        /// <summary>BASE_PATH_MAPPING_ONLY, ROUTING_RULE_THEN_BASE_PATH_MAPPING or ROUTING_RULE_ONLY (what GetDomainName returns).</summary>
        public string RoutingMode { get; set; }

        /// <summary>CreateBasePathMapping: <paramref name="basePath"/> "" or "(none)" is the empty base path; "v1/orders" has two levels.</summary>
        public FakeDomainName AddBasePathMapping(string basePath, string restApiId, string stage)
        {
            lock (_sync)
            {
                if (RoutingMode == "ROUTING_RULE_ONLY")
                {
                    throw new InvalidOperationException($"Domain {Name} routes by routing rules only: API Gateway refuses a base path mapping.");
                }

                var path = string.IsNullOrEmpty(basePath) ? "(none)" : basePath.Trim('/');
                if (_mappings.Any(m => m.BasePath == path))
                {
                    throw new InvalidOperationException($"Base path already exists for this domain name: {path}");
                }

                _mappings.Add(new BasePathMapping { BasePath = path, RestApiId = restApiId, Stage = stage });
                return this;
            }
        }

        /// <summary>CreateRoutingRule invoking one stage of one REST API; add conditions with the returned rule's builders.</summary>
        public FakeRoutingRule AddRoutingRule(int priority, string restApiId, string stage, bool stripBasePath = true)
        {
            lock (_sync)
            {
                if (RoutingMode == "BASE_PATH_MAPPING_ONLY")
                {
                    throw new InvalidOperationException($"Domain {Name} routes by base path mappings only: API Gateway refuses a routing rule.");
                }

                if (_rules.Any(r => r.Priority == priority))
                {
                    throw new InvalidOperationException($"A routing rule with priority {priority} already exists for {Name}.");
                }

                var rule = new RoutingRule { RuleId = "rr" + (_rules.Count + 1), Priority = priority, RestApiId = restApiId, Stage = stage, StripBasePath = stripBasePath };
                _rules.Add(rule);
                return new FakeRoutingRule(rule, _sync);
            }
        }

        /// <summary>GetBasePathMappings order: by base path.</summary>
        internal IReadOnlyList<BasePathMapping> Mappings => _mappings.OrderBy(m => m.BasePath, StringComparer.Ordinal).ToList();

        /// <summary>ListRoutingRules order: by rule id, not by priority (callers must sort).</summary>
        internal IReadOnlyList<RoutingRule> Rules => _rules.OrderBy(r => r.RuleId, StringComparer.Ordinal).ToList();
    }
}
