using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Fix
{
    public static class FixPlanner
    {
        /// <summary>Warn when a policy would grow past this many bytes (Lambda's limit is 20 KB, aws-semantics §6.2).</summary>
        public const int PolicySizeWarningBytes = 18 * 1024;

        /// <summary>Lambda's limit on a function's resource policy (docs/aws-rules.md §6.2).</summary>
        private const int PolicyMaxBytes = 20 * 1024;

        internal static readonly PermissionCause[] FixableCauses = { PermissionCause.NoPolicy, PermissionCause.NoMatchingStatement, PermissionCause.QualifierMismatch };

        /// <summary>The least-privilege grants for every Denied finding a resource policy can fix, deduplicated.</summary>
        public static FixPlan Plan(IEnumerable<PermissionFinding> findings, FixOptions options, EvidenceSet? evidence = null)
        {
            var groups = new Dictionary<string, PlannedGrant>(StringComparer.Ordinal);
            var covers = new Dictionary<string, List<PermissionFinding>>(StringComparer.Ordinal);
            foreach (var finding in findings.Where(IsFixable))
            {
                var sourceArn = GrantSourceArn.For(finding, options.Scope);
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

            var grants = groups.OrderBy(g => g.Value.FunctionName, StringComparer.Ordinal)
                .ThenBy(g => g.Value.Qualifier ?? "", StringComparer.Ordinal)
                .ThenBy(g => g.Value.SourceArn, StringComparer.Ordinal)
                .Select(g =>
                {
                    g.Value.Covers = covers[g.Key];
                    return g.Value;
                })
                .ToList();
            return new FixPlan { Grants = grants, Warnings = SizeWarnings(grants, evidence) };
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

        internal static bool IsFixable(PermissionFinding finding) =>
            finding.Status == PermissionStatus.Denied && FixableCauses.Contains(finding.Cause) && !finding.GrantCannotFix && InvocationPath.GrantCanFix(finding);

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

        private static IReadOnlyList<string> SizeWarnings(IReadOnlyList<PlannedGrant> grants, EvidenceSet? evidence)
        {
            var warnings = new List<string>();
            foreach (var policy in grants.GroupBy(g => (g.FunctionName, g.Qualifier)))
            {
                var existing = evidence?.GetPolicy(policy.Key.FunctionName, policy.Key.Qualifier);
                var before = existing?.Status == LookupStatus.Found && existing.PolicyJson != null
                    ? Encoding.UTF8.GetByteCount(existing.PolicyJson)
                    : Encoding.UTF8.GetByteCount("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[]}");
                var size = before + policy.Sum(g => Encoding.UTF8.GetByteCount(AddPermissionStatement.Build(g)) + 1);
                if (size > PolicySizeWarningBytes)
                {
                    var owner = policy.Key.Qualifier == null ? $"'{policy.Key.FunctionName}'" : $"'{policy.Key.FunctionName}' at qualifier '{policy.Key.Qualifier}'";
                    warnings.Add(FormattableString.Invariant(
                        $"The resource policy of {owner} has {PolicyMaxBytes - before:N0} bytes left and would grow to about {size / 1024.0:0.0} KB with {policy.Count()} new grant(s), near Lambda's 20 KB limit; use the Api scope (one '{{apiId}}/*' grant per API) to keep it small."));
                }
            }

            return warnings;
        }
    }
}
