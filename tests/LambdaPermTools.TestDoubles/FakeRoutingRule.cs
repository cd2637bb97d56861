using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Requests;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>Builds one routing rule's conditions as AWS allows them: up to two matchHeaders conditions and one matchBasePaths.</summary>
    public sealed class FakeRoutingRule
    {
        private readonly RoutingRule _rule;
        private readonly object _sync;

        internal FakeRoutingRule(RoutingRule rule, object sync)
        {
            _rule = rule;
            _sync = sync;
        }

        public string RuleId => _rule.RuleId;

        /// <summary>A matchHeaders condition: any of these header = glob pairs (pass name, glob, name, glob, …).</summary>
        public FakeRoutingRule MatchHeaders(params string[] headerGlobPairs)
        {
            lock (_sync)
            {
                if (_rule.HeaderConditions.Count == 2 || headerGlobPairs.Length == 0 || headerGlobPairs.Length % 2 != 0)
                {
                    throw new ArgumentException("A routing rule has at most two matchHeaders conditions, each of header/valueGlob pairs.", nameof(headerGlobPairs));
                }

                var anyOf = Enumerable.Range(0, headerGlobPairs.Length / 2)
                    .Select(i => new HeaderCondition { Header = headerGlobPairs[2 * i], ValueGlob = headerGlobPairs[2 * i + 1] }).ToList();
                _rule.HeaderConditions = _rule.HeaderConditions.Concat(new[] { anyOf }).ToList();
                return this;
            }
        }

        /// <summary>The matchBasePaths condition: any of these base paths.</summary>
        public FakeRoutingRule MatchBasePaths(params string[] basePaths)
        {
            lock (_sync)
            {
                if (_rule.BasePaths.Count > 0)
                {
                    throw new ArgumentException("A routing rule has at most one matchBasePaths condition.", nameof(basePaths));
                }

                _rule.BasePaths = basePaths.ToList();
                return this;
            }
        }
    }
}
