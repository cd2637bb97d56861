using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Aws.Scanning
{
    /// <summary>
    /// What Add-ApiLambdaPermission and ConvertTo-ApiLambdaPermissionTemplate do with a set of findings: the
    /// planner's least-privilege grants, and a Skipped change (with its reason) for every finding no grant covers:
    /// Allowed, Unknown, and Denied findings that a resource-policy grant cannot fix.
    /// </summary>
    public sealed class FixWork
    {
        private FixWork(FixPlan plan, IReadOnlyList<PermissionChange> skipped)
        {
            Plan = plan;
            Skipped = skipped;
        }

        public FixPlan Plan { get; }
        public IReadOnlyList<PermissionChange> Skipped { get; }

        public static FixWork Prepare(IReadOnlyList<PermissionFinding> findings, FixOptions options)
        {
            var plan = FixPlanner.Plan(findings, options, new EvidenceSet());
            var covered = new HashSet<string>(plan.Grants.SelectMany(g => g.Covers).Select(Key), StringComparer.Ordinal);
            var skipped = findings.Where(f => !covered.Contains(Key(f))).Select(Skip).ToList();
            return new FixWork(plan, skipped);
        }

        /// <summary>A finding's identity (target and stage); the planner may hand back copies.</summary>
        private static string Key(PermissionFinding f) =>
            string.Join("\n", f.RestApiId, f.StageName, f.Kind, f.ResourceId, f.HttpMethod, f.AuthorizerId, f.FunctionArn, f.PresentedSourceArn);

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
