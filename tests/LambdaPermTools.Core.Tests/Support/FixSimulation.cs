using System.Collections.Generic;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>Simulates AddPermission for a plan, and builds probe targets for arbitrary (function, source ARN) pairs.</summary>
    internal static class FixSimulation
    {
        /// <summary>
        /// The evidence after AddPermission of every grant on its own qualifier's policy (a new policy where there was
        /// none). Checks IsSatisfied before (false) and after (true) each grant on the way.
        /// </summary>
        public static EvidenceSet Apply(FixPlan plan, EvidenceSet evidence, IEnumerable<string> functions)
        {
            var policies = new Dictionary<(string, string?), string?>();
            foreach (var grant in plan.Grants)
            {
                var key = (grant.FunctionName, grant.Qualifier);
                if (!policies.ContainsKey(key))
                {
                    var existing = evidence.GetPolicy(grant.FunctionName, grant.Qualifier);
                    policies[key] = existing?.Status == LookupStatus.Found ? existing.PolicyJson : null;
                }

                Assert.False(FixPlanner.IsSatisfied(grant, policies[key], out _), $"{grant.StatementId} is already satisfied before it is added");
                policies[key] = AddPermissionStatement.AppendTo(policies[key], grant);
                Assert.True(FixPlanner.IsSatisfied(grant, policies[key], out var statement));
                Assert.Contains(grant.StatementId, statement);
            }

            var result = new EvidenceSet();
            foreach (var function in functions)
            {
                foreach (var pair in evidence.PoliciesOf(function))
                {
                    var json = policies.TryGetValue((function, pair.Key), out var updated) ? updated : pair.Value.PolicyJson;
                    result.AddPolicy(function, pair.Key, json == null ? pair.Value : new PolicyLookup { Status = LookupStatus.Found, PolicyJson = json });
                }
            }

            return result;
        }

        /// <summary>A resource-policy target: this function and qualifier invoked by API a1b2c3's owner, presenting this source ARN.</summary>
        public static IntegrationTarget Probe(string function, string? qualifier, string presented) => new()
        {
            RestApiId = TestApi.Id,
            ApiId = TestApi.Id,
            ApiAccountId = TestApi.Account,
            FunctionName = function,
            Qualifier = qualifier,
            FunctionArn = function + (qualifier == null ? "" : ":" + qualifier),
            FunctionAccountId = function.Split(':')[4],
            Region = function.Split(':')[3],
            PresentedSourceArn = presented,
        };
    }
}
