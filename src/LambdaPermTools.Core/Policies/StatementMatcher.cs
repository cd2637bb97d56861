using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Policies
{
    /// <summary>Judges one statement against one Invoke request by the rules of docs/aws-rules.md §11.5 and §3.</summary>
    public static class StatementMatcher
    {
        /// <summary>
        /// Judges the statement; with <paramref name="explain"/> false a SourceArn mismatch is one plain difference
        /// instead of a component-by-component explanation (cheap, for when only the outcome matters).
        /// </summary>
        public static StatementMatch Match(PolicyStatement statement, InvokeRequest request, bool explain = true)
        {
            var differences = new List<Difference>();
            var unsupported = statement.NegatedElements.Select(n => $"the {n} element").ToList();
            if (!statement.IsAllow && !statement.IsDeny)
            {
                unsupported.Add($"the Effect '{statement.Effect}'");
            }

            CheckPrincipal(statement, request, differences, unsupported);
            if (!statement.NegatedElements.Contains("NotAction") && !statement.CoversAction(LambdaPermission.InvokeAction))
            {
                differences.Add(new Difference(DifferencePart.Action, $"the action (it allows {List(statement.Actions)}, not {LambdaPermission.InvokeAction})"));
            }

            if (statement.Resources != null && !statement.Resources.Any(r => ResourceCovers(r, request.FunctionArn)))
            {
                differences.Add(new Difference(DifferencePart.Resource, $"the resource (it applies to {List(statement.Resources)}, not '{request.FunctionArn}')"));
            }

            var hasSourceArn = false;
            foreach (var condition in statement.Conditions)
            {
                hasSourceArn |= condition.HasKey(PolicyCondition.SourceArnKey);
                CheckCondition(condition, request, differences, unsupported, explain);
            }

            return new StatementMatch(statement, differences, unsupported, hasSourceArn);
        }

        private static void CheckPrincipal(PolicyStatement statement, InvokeRequest request, List<Difference> differences, List<string> unsupported)
        {
            var principal = statement.Principal;
            if (principal == null)
            {
                if (!statement.NegatedElements.Contains("NotPrincipal"))
                {
                    differences.Add(new Difference(DifferencePart.Principal, "the principal (it names none)"));
                }

                return;
            }

            if (principal.IsEveryone)
            {
                return;
            }

            if (request.RoleArn != null)
            {
                var accepted = new[] { request.RoleArn, request.RoleAccountId, $"arn:{PartitionOf(request.RoleArn)}:iam::{request.RoleAccountId}:root" };
                if (!principal.Aws.Any(accepted.Contains))
                {
                    differences.Add(new Difference(DifferencePart.Principal, $"the principal (it names {Describe(principal)}, not the role '{request.RoleArn}' or its account)"));
                }

                return;
            }

            if (principal.Services.Contains(LambdaPermission.ApiGatewayPrincipal))
            {
                return;
            }

            // Whether service principals fold case is UNCONFIRMED (§3.3): say so rather than guess.
            if (principal.Services.Any(s => string.Equals(s, LambdaPermission.ApiGatewayPrincipal, StringComparison.OrdinalIgnoreCase)))
            {
                unsupported.Add($"the service principal spelled {List(principal.Services)}");
                return;
            }

            differences.Add(new Difference(DifferencePart.Principal, $"the principal (it names {Describe(principal)}, not the service {LambdaPermission.ApiGatewayPrincipal})"));
        }

        /// <summary>A statement's Resource entry covers the invoked (qualified) function ARN: "*", or an ARN pattern (IAM-UG Resource element).</summary>
        internal static bool ResourceCovers(string resource, string functionArn) => resource == "*" || ArnPattern.ArnLike(resource, functionArn);

        private static void CheckCondition(PolicyCondition condition, InvokeRequest request, List<Difference> differences, List<string> unsupported, bool explain)
        {
            var op = condition.Operator;
            if (condition.HasKey(PolicyCondition.SourceArnKey) && request.RoleArn == null)
            {
                var test = ConditionOperators.SourceArnTest(op);
                if (test == null)
                {
                    unsupported.Add($"the condition {op} {condition.Key}");
                }
                else if (!condition.Values.Any(v => test(v, request.PresentedSourceArn)))
                {
                    differences.AddRange(explain ? NearestValue(op, condition.Values, request.PresentedSourceArn) : new[] { new Difference(DifferencePart.SourceArnShape, "the source ARN") });
                }

                return;
            }

            // §3.5: these keys exist only when the call comes through a function URL, so API Gateway never matches them.
            if (IsFunctionUrlOnly(condition))
            {
                differences.Add(new Difference(DifferencePart.FunctionUrl, $"the condition {op} {condition.Key} (it applies only to calls through the function URL, never to API Gateway)"));
                return;
            }

            if (condition.HasKey(PolicyCondition.SourceAccountKey) && request.RoleArn == null && op == ConditionOperators.StringEquals)
            {
                if (!condition.Values.Contains(request.ApiAccountId))
                {
                    differences.Add(new Difference(DifferencePart.SourceAccount, $"the source account (it allows {List(condition.Values)}, the API is owned by '{request.ApiAccountId}')"));
                }

                return;
            }

            unsupported.Add($"the condition {op} {condition.Key}");
        }

        private static bool IsFunctionUrlOnly(PolicyCondition condition) =>
            (condition.HasKey("lambda:FunctionUrlAuthType") && condition.Operator == ConditionOperators.StringEquals)
            || (condition.HasKey("lambda:InvokedViaFunctionUrl") && condition.Operator == "Bool" && condition.Values.Count > 0
                && condition.Values.All(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)));

        // Several values are ORed: explain the one closest to matching.
        private static IReadOnlyList<Difference> NearestValue(string op, IReadOnlyList<string> values, string presented) =>
            values.Count == 0
                ? new[] { new Difference(DifferencePart.SourceArnShape, "the source ARN (the condition lists no value)") }
                : values.Select(v => ExplainValue(op, v, presented)).OrderBy(d => d.Sum(x => x.Weight)).First();

        // A wildcard pattern under StringEquals would match as a pattern; what differs is the operator, not a part of the ARN.
        private static IReadOnlyList<Difference> ExplainValue(string op, string value, string presented) =>
            op == ConditionOperators.StringEquals && ConditionOperators.HasWildcard(value) && ArnPattern.ArnLike(value, presented)
                ? new[] { new Difference(DifferencePart.SourceArnShape, $"the source ARN operator (StringEquals compares '{value}' literally, so its '*' and '?' are no wildcards; ArnLike would match)") }
                : SourceArnDiff.Explain(value, presented);


        private static string PartitionOf(string arn) => ArnPattern.SplitComponents(arn)?[1] ?? "aws";

        private static string Describe(PolicyPrincipal principal)
        {
            var names = principal.Services.Concat(principal.Aws).Concat(principal.Others).ToList();
            return names.Count == 0 ? "no principal" : List(names);
        }

        internal static string List(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
    }
}
