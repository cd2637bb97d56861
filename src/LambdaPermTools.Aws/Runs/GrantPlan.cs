using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// What Add-ApiLambdaPermission and ConvertTo-ApiLambdaPermissionTemplate do with a set of findings: the planner's
    /// least-privilege grants and its warnings, and a Skipped change (with its reason) for every finding no grant covers:
    /// Allowed, Unknown, and Denied findings that a resource-policy grant cannot fix. A finding whose parts are not what AWS
    /// issues (an edited RestApiId '*', a region wildcard, a path with '..') gets no grant but an UnsafeGrant error
    /// (<see cref="SafeSourceArn"/>, checked on the finding's parts and again on each planned SourceArn).
    /// </summary>
    public sealed class GrantPlan
    {
        private GrantPlan(IReadOnlyList<PlannedGrant> grants, IReadOnlyList<string> warnings, IReadOnlyList<PermissionChange> skipped, IReadOnlyList<RunError> refused)
        {
            Grants = grants;
            Warnings = warnings;
            Skipped = skipped;
            Refused = refused;
        }

        public IReadOnlyList<PlannedGrant> Grants { get; }

        /// <summary>Sentences for Write-Warning, e.g. a policy that the plan pushes near Lambda's size limit.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>What was not planned, and why (Result Skipped).</summary>
        public IReadOnlyList<PermissionChange> Skipped { get; }

        /// <summary>UnsafeGrant, one per finding no grant may be built from (the finding is the error's target).</summary>
        public IReadOnlyList<RunError> Refused { get; }

        /// <summary>Plans the grants for these findings; the policies they were judged on tell how full each policy already is.</summary>
        internal static GrantPlan For(IReadOnlyList<Judgement> judgements, FixOptions options)
        {
            var findings = judgements.SelectMany(j => j.Findings).ToList();
            var refused = new List<RunError>();
            var safe = new List<PermissionFinding>();
            foreach (var finding in findings)
            {
                var refusal = GrantFixability.IsFixable(finding) ? SafeSourceArn.CheckTarget(finding) : null;
                if (refusal == null)
                {
                    safe.Add(finding);
                }
                else
                {
                    refused.Add(Refuse(finding, refusal));
                }
            }

            var plan = FixPlanner.Plan(safe, options, PoliciesOf(judgements));
            var grants = new List<PlannedGrant>();
            foreach (var grant in plan.Grants)
            {
                var refusal = SafeSourceArn.CheckSourceArn(grant.SourceArn);
                if (refusal == null)
                {
                    grants.Add(grant);
                }
                else
                {
                    refused.AddRange(grant.Covers.Select(f => Refuse(f, refusal)));
                }
            }

            var covered = new HashSet<string>(plan.Grants.SelectMany(g => g.Covers).Select(Key), StringComparer.Ordinal);
            var warnings = plan.Warnings.Concat(options.Scope == FixScope.Api ? grants.Select(WiderThanLeastPrivilege) : Enumerable.Empty<string>()).ToList();
            return new GrantPlan(grants, warnings, safe.Where(f => !covered.Contains(Key(f))).Select(Skip).ToList(), refused);
        }

        /// <summary>UnsafeGrant for a finding no grant may be built from; the finding is the target.</summary>
        private static RunError Refuse(PermissionFinding finding, GrantRefusal refusal) =>
            new RunError(ErrorId.UnsafeGrant,
                $"No grant for {finding.Kind} {finding.HttpMethod} {finding.ResourcePath} of REST API '{finding.RestApiId}': {refusal}".Replace("  ", " "),
                finding, $"Pipe the finding as Test-ApiLambdaPermission wrote it, without changing {refusal.Field}: a grant names one API, literally.");

        private static string WiderThanLeastPrivilege(PlannedGrant grant) =>
            $"The grant '{grant.SourceArn}' on '{grant.QualifiedFunctionArn}' lets every stage, method and authorizer of the API invoke the function: "
            + "wider than least privilege (-Scope Method, one grant per method). Choose -Scope Api only to keep a policy under Lambda's 20 KB limit.";

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
