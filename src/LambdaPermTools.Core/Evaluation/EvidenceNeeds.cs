using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Evaluation
{
    public static class EvidenceNeeds
    {
        /// <summary>
        /// Policies: each (function, qualifier) whose resource policy decides a target, and — for a qualified target —
        /// also the unqualified policy, so that a grant sitting on the bare function is reported as QualifierMismatch.
        /// Roles: each credentials role with the exact function ARNs it must invoke, plus the policy of a same-account
        /// role's function, only to learn whether it exists. Nothing for targets whose function is unresolved, or
        /// that pass the caller through; no policy for $LATEST.
        /// </summary>
        public static EvidenceRequest For(IEnumerable<IntegrationTarget> targets)
        {
            var policies = new List<KeyValuePair<string, string?>>();
            var seen = new HashSet<(string, string?)>();
            var roles = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var target in targets)
            {
                var path = InvocationPath.Of(target);
                if (path == PathKind.RoleSameAccount || path == PathKind.RoleCrossAccount)
                {
                    AddOnce(roles, target.CredentialsArn, target.FunctionArn);
                }

                if (FunctionArn.IsLatestQualifier(target.Qualifier))
                {
                    continue;
                }

                if (InvocationPath.NeedsResourcePolicy(path))
                {
                    AddOnce(policies, seen, target.FunctionName, target.Qualifier);
                    if (target.Qualifier != null)
                    {
                        AddOnce(policies, seen, target.FunctionName, null);
                    }
                }
                else if (path == PathKind.RoleSameAccount)
                {
                    // The role decides alone, but a role may invoke a function that no longer exists (§10 row 12):
                    // the policy read (404 → GetFunction) is what tells a deleted function apart.
                    AddOnce(policies, seen, target.FunctionName, target.Qualifier);
                }
            }

            return new EvidenceRequest
            {
                Policies = policies,
                Roles = roles.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value, StringComparer.Ordinal),
            };
        }

        /// <summary>In first-seen order; the set keeps an API's hundreds of targets from a quadratic search.</summary>
        private static void AddOnce(List<KeyValuePair<string, string?>> policies, HashSet<(string, string?)> seen, string function, string? qualifier)
        {
            if (seen.Add((function, qualifier)))
            {
                policies.Add(new KeyValuePair<string, string?>(function, qualifier));
            }
        }

        private static void AddOnce(SortedDictionary<string, List<string>> roles, string role, string functionArn)
        {
            if (!roles.TryGetValue(role, out var functions))
            {
                roles[role] = functions = new List<string>();
            }

            if (!functions.Contains(functionArn))
            {
                functions.Add(functionArn);
            }
        }
    }
}
