using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Grants;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Planning
{
    /// <summary>Plans the grants that fix Denied findings, as wide as the chosen scope; pure, like the rest of the core.</summary>
    public static class FixPlanner
    {
        /// <summary>Warn when a policy would grow past this many bytes, 2 KB short of Lambda's limit (docs/aws-rules.md §6.2).</summary>
        public const int PolicySizeWarningBytes = LambdaPermission.PolicyMaxBytes - 2 * 1024;

        // What AddPermission creates on a function that has no policy yet (docs/aws-rules.md §3.2).
        private const string EmptyPolicy = "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[]}";

        /// <summary>
        /// The grants, as wide as <see cref="FixOptions.Scope"/>, for every Denied finding a resource policy can fix, deduplicated.
        /// <paramref name="evidence"/> holds the policies the findings were judged on: a plan that would bring one of them
        /// near or past Lambda's size limit warns. A policy not in it counts as empty.
        /// </summary>
        public static FixPlan Plan(IEnumerable<PermissionFinding> findings, FixOptions options, EvidenceSet evidence)
        {
            var groups = new Dictionary<string, PlannedGrant>(StringComparer.Ordinal);
            var covers = new Dictionary<string, List<PermissionFinding>>(StringComparer.Ordinal);
            foreach (var finding in findings.Where(GrantFixability.IsFixable))
            {
                foreach (var sourceArn in SourceArns(finding, options.Scope))
                {
                    var key = string.Join("\n", finding.FunctionName, finding.Qualifier ?? "", sourceArn);
                    if (!groups.ContainsKey(key))
                    {
                        groups[key] = new PlannedGrant
                        {
                            FunctionName = finding.FunctionName,
                            Qualifier = finding.Qualifier,
                            Region = finding.Region,
                            FunctionAccountId = finding.FunctionAccountId,
                            SourceArn = sourceArn,
                            StatementId = StatementIds.For(sourceArn, finding.Qualifier),
                        };
                        covers[key] = new List<PermissionFinding>();
                    }

                    covers[key].Add(finding);
                }
            }

            var grants = groups.OrderBy(g => g.Value.FunctionName, StringComparer.Ordinal)
                .ThenBy(g => g.Value.Qualifier ?? "", StringComparer.Ordinal)
                .ThenBy(g => g.Value.SourceArn, StringComparer.Ordinal)
                .Select(g =>
                {
                    g.Value.Covers = covers[g.Key];
                    return g.Value;
                })
                .ToList();
            return new FixPlan { Grants = grants, Warnings = SizeWarnings(grants, evidence, options.Scope) };
        }

        /// <summary>
        /// True when the policy already holds this grant: a statement with the planned id, or an Allow statement for the
        /// API Gateway service principal and lambda:InvokeFunction whose SourceArn lists exactly the planned pattern and
        /// that has no other condition (a SourceAccount equal to the pattern's account is fine). <paramref name="statementJson"/>
        /// is that statement. A missing or unreadable policy holds nothing.
        /// </summary>
        public static bool IsSatisfied(PlannedGrant grant, string? policyJson, out string? statementJson)
        {
            statementJson = null;
            PolicyDocument policy;
            try
            {
                policy = PolicyDocument.Parse(policyJson);
            }
            catch (PolicyFormatException)
            {
                return false;
            }

            var found = policy.Statements.FirstOrDefault(s => s.Sid == grant.StatementId) ?? policy.Statements.FirstOrDefault(s => GrantsExactly(s, grant));
            statementJson = found?.Json;
            return found != null;
        }

        private static IEnumerable<string> SourceArns(IntegrationTarget target, FixScope scope)
        {
            switch (scope)
            {
                case FixScope.Stage:
                    return new[] { GrantSourceArn.PinnedToStage(target) }.Concat(GrantSourceArn.Additional(target, target.StageName));
                case FixScope.Api:
                    return new[] { GrantSourceArn.WholeApi(target) };
                default:
                    return new[] { GrantSourceArn.LeastPrivilege(target) }.Concat(GrantSourceArn.Additional(target, "*"));
            }
        }

        private static bool GrantsExactly(PolicyStatement statement, PlannedGrant grant)
        {
            var account = Arns.ArnPattern.SplitComponents(grant.SourceArn)?[4];
            return statement.IsAllow
                && statement.NegatedElements.Count == 0
                && statement.Principal != null && statement.Principal.Services.Contains(grant.Principal)
                && statement.CoversAction(grant.Action)
                && (statement.Resources == null || statement.Resources.Any(r => StatementMatcher.ResourceCovers(r, grant.QualifiedFunctionArn)))
                && statement.Conditions.Any(c => GrantsSourceArn(c, grant.SourceArn))
                && statement.Conditions.All(c =>
                    GrantsSourceArn(c, grant.SourceArn)
                    || (c.HasKey(PolicyCondition.SourceAccountKey) && c.Operator == ConditionOperators.StringEquals && c.Values.All(v => v == account)));
        }

        private static bool GrantsSourceArn(PolicyCondition condition, string pattern) =>
            condition.HasKey(PolicyCondition.SourceArnKey) && condition.Values.Any(v => ConditionOperators.GrantsPattern(condition.Operator, v, pattern));

        private static IReadOnlyList<string> SizeWarnings(IReadOnlyList<PlannedGrant> grants, EvidenceSet evidence, FixScope scope)
        {
            var warnings = new List<string>();
            foreach (var policy in grants.GroupBy(g => g.QualifiedFunctionArn))
            {
                var first = policy.First();
                var existing = evidence.GetPolicy(first.FunctionName, first.Qualifier);
                var before = Encoding.UTF8.GetByteCount(existing?.Status == LookupStatus.Found && existing.PolicyJson != null ? existing.PolicyJson : EmptyPolicy);
                var added = policy.Sum(g => Encoding.UTF8.GetByteCount(AddPermissionStatement.Build(g)) + 1);
                if (before + added <= PolicySizeWarningBytes)
                {
                    continue;
                }

                var left = LambdaPermission.PolicyMaxBytes - before;
                var outcome = added < left
                    ? FormattableString.Invariant($"leaving {left - added:N0} bytes")
                    : "so Lambda would refuse them (PolicyLengthExceededException)";
                var remedy = scope == FixScope.Api
                    ? "remove statements that are no longer needed to make room"
                    : "use the Api scope (one '{apiId}/*' grant per API) to keep it small";
                warnings.Add(FormattableString.Invariant(
                    $"The resource policy of '{policy.Key}' has {left:N0} bytes left of Lambda's {LambdaPermission.PolicyMaxBytes:N0}-byte limit, and the {policy.Count()} planned grant(s) for it take about {added:N0} bytes, {outcome}; {remedy}."));
            }

            return warnings;
        }
    }
}
