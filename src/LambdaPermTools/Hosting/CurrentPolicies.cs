using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Rendering;

namespace LambdaPermTools.Hosting
{
    /// <summary>The current policy of each planned grant's function and qualifier, for ConvertTo-ApiLambdaPermissionTemplate -Format ResourcePolicy.</summary>
    internal static class CurrentPolicies
    {
        /// <summary>
        /// Each grant's current policy: as judged (the judgements' evidence), or read now for piped findings, through the run
        /// whose judgements hold the grant's findings.
        /// </summary>
        public static Dictionary<string, CurrentPolicy> Of(AwsCmdlet cmdlet, List<(Run Run, List<Judgement> Judgements)> runs, IReadOnlyList<PlannedGrant> grants)
        {
            var policies = new Dictionary<string, CurrentPolicy>(StringComparer.Ordinal);
            foreach (var grant in grants.Where(g => !policies.ContainsKey(g.QualifiedFunctionArn)))
            {
                var owner = runs.First(r => r.Judgements.Any(j => j.Findings.Any(f => f.FunctionName == grant.FunctionName && f.Qualifier == grant.Qualifier)));
                var judged = owner.Judgements.Select(j => j.Evidence.GetPolicy(grant.FunctionName, grant.Qualifier)).FirstOrDefault(p => p != null);
                var policy = judged?.Status == LookupStatus.Found ? new CurrentPolicy(judged.PolicyJson, judged.RevisionId)
                    : judged?.Status == LookupStatus.NoPolicy ? new CurrentPolicy(null, null)
                    : cmdlet.Await(() => owner.Run.ReadPolicyAsync(grant, cmdlet.WriteError));
                if (policy != null)
                {
                    policies[grant.QualifiedFunctionArn] = policy;
                }
            }

            return policies;
        }
    }
}
