using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// What Add-ApiLambdaPermission and ConvertTo-ApiLambdaPermissionTemplate do with a set of findings: the planner's
    /// least-privilege grants and its warnings, and a Skipped change (with its reason) for every finding no grant covers:
    /// Allowed, Unknown, and Denied findings that a resource-policy grant cannot fix.
    /// </summary>
    public sealed class GrantPlan
    {
        private GrantPlan(FixPlan plan, IReadOnlyList<PermissionChange> skipped)
        {
            Grants = plan.Grants;
            Warnings = plan.Warnings;
            Skipped = skipped;
        }

        public IReadOnlyList<PlannedGrant> Grants { get; }

        /// <summary>Sentences for Write-Warning, e.g. a policy that the plan pushes near Lambda's size limit.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>What was not planned, and why (Result Skipped).</summary>
        public IReadOnlyList<PermissionChange> Skipped { get; }

        /// <summary>Plans the grants for these findings; the policies they were judged on tell how full each policy already is.</summary>
        internal static GrantPlan For(IReadOnlyList<Judgement> judgements, FixOptions options)
        {
            var findings = judgements.SelectMany(j => j.Findings).ToList();
            var plan = FixPlanner.Plan(findings, options, PoliciesOf(judgements));
            var covered = new HashSet<string>(plan.Grants.SelectMany(g => g.Covers).Select(Key), StringComparer.Ordinal);
            return new GrantPlan(plan, findings.Where(f => !covered.Contains(Key(f))).Select(Skip).ToList());
        }

        /// <summary>The policy each finding was judged on, gathered from every judgement.</summary>
        private static EvidenceSet PoliciesOf(IEnumerable<Judgement> judgements)
        {
            var policies = new EvidenceSet();
            foreach (var judgement in judgements)
            {
                foreach (var finding in judgement.Findings)
                {
                    var policy = judgement.Evidence.GetPolicy(finding.FunctionName, finding.Qualifier);
                    if (policy != null)
                    {
                        policies.AddPolicy(finding.FunctionName, finding.Qualifier, policy);
                    }
                }
            }

            return policies;
        }

        /// <summary>A finding's identity (target and stage); the planner may hand back copies.</summary>
        private static string Key(PermissionFinding f) =>
            string.Join("\n", f.ApiId, f.StageName, f.Kind, f.ResourceId, f.RouteKey, f.HttpMethod, f.AuthorizerId, f.FunctionArn, f.PresentedSourceArn);

        private static PermissionChange Skip(PermissionFinding f) => new PermissionChange
        {
            FunctionName = f.FunctionName,
            Qualifier = f.Qualifier,
            StatementId = f.StatementId ?? "",
            SourceArn = f.SourceArn ?? f.PresentedSourceArn,
            Action = f.Action ?? "",
            Principal = f.Principal ?? "",
            Result = ChangeResult.Skipped,
            Reason = SkipReason(f),
        };

        private static string SkipReason(PermissionFinding f)
        {
            var where = $"{f.Kind} {f.HttpMethod} {f.ResourcePath} in stage '{f.StageName}'".Replace("  ", " ");
            switch (f.Status)
            {
                case PermissionStatus.Allowed:
                    return $"Nothing to add: {where} is already allowed ({f.Cause}).";
                case PermissionStatus.Unknown:
                    return $"Not changed because the permission could not be decided ({f.Cause}): {f.Reason}";
                default:
                    return $"A resource-policy grant cannot fix {where} ({f.Cause}): {f.Reason}";
            }
        }
    }
}
