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
            var found = new Findings(record: true, explain);
            Judge(statement, request, found);
            return new StatementMatch(statement, found.Differences, found.Unsupported, found.HasSourceArn);
        }

        /// <summary>
        /// Only the outcome of <see cref="Match"/>: no phrase is written and judging stops at the first difference. A scan
        /// judges every statement of a policy for every target, so this is the part of judging that runs most.
        /// </summary>
        internal static MatchOutcome OutcomeOf(PolicyStatement statement, InvokeRequest request)
        {
            var found = new Findings(record: false, explain: false);
            Judge(statement, request, found);
            return found.Outcome;
        }

        private static void Judge(PolicyStatement statement, InvokeRequest request, Findings found)
        {
            foreach (var negated in statement.NegatedElements)
            {
                if (found.Unsupports())
                {
                    found.Unsupported.Add($"the {negated} element");
                }
            }

            if (!statement.IsAllow && !statement.IsDeny && found.Unsupports())
            {
                found.Unsupported.Add($"the Effect '{statement.Effect}'");
            }

            CheckPrincipal(statement, request, found);
            if (!found.Settled && !statement.NegatedElements.Contains("NotAction") && !statement.CoversAction(LambdaPermission.InvokeAction) && found.Differs())
            {
                found.Differences.Add(new Difference(DifferencePart.Action, $"the action (it allows {List(statement.Actions)}, not {LambdaPermission.InvokeAction})"));
            }

            if (!found.Settled && statement.Resources != null && !CoversAny(statement.Resources, request.FunctionArn) && found.Differs())
            {
                found.Differences.Add(new Difference(DifferencePart.Resource, $"the resource (it applies to {List(statement.Resources)}, not '{request.FunctionArn}')"));
            }

            foreach (var condition in statement.Conditions)
            {
                if (found.Settled)
                {
                    return;
                }

                found.HasSourceArn |= condition.HasKey(PolicyCondition.SourceArnKey);
                CheckCondition(condition, request, found);
            }
        }

        private static bool CoversAny(IReadOnlyList<string> resources, string functionArn)
        {
            foreach (var resource in resources)
            {
                if (ResourceCovers(resource, functionArn))
                {
                    return true;
                }
            }

            return false;
        }

        private static void CheckPrincipal(PolicyStatement statement, InvokeRequest request, Findings found)
        {
            var principal = statement.Principal;
            if (principal == null)
            {
                if (!statement.NegatedElements.Contains("NotPrincipal") && found.Differs())
                {
                    found.Differences.Add(new Difference(DifferencePart.Principal, "the principal (it names none)"));
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
                if (!principal.Aws.Any(accepted.Contains) && found.Differs())
                {
                    found.Differences.Add(new Difference(DifferencePart.Principal, $"the principal (it names {Describe(principal)}, not the role '{request.RoleArn}' or its account)"));
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
                if (found.Unsupports())
                {
                    found.Unsupported.Add($"the service principal spelled {List(principal.Services)}");
                }

                return;
            }

            if (found.Differs())
            {
                found.Differences.Add(new Difference(DifferencePart.Principal, $"the principal (it names {Describe(principal)}, not the service {LambdaPermission.ApiGatewayPrincipal})"));
            }
        }

        /// <summary>A statement's Resource entry covers the invoked (qualified) function ARN: "*", or an ARN pattern (IAM-UG Resource element).</summary>
        internal static bool ResourceCovers(string resource, string functionArn) => resource == "*" || ArnPattern.ArnLike(resource, functionArn);

        private static void CheckCondition(PolicyCondition condition, InvokeRequest request, Findings found)
        {
            var op = condition.Operator;
            if (condition.HasKey(PolicyCondition.SourceArnKey) && request.RoleArn == null)
            {
                var test = ConditionOperators.SourceArnTest(op);
                if (test == null)
                {
                    if (found.Unsupports())
                    {
                        found.Unsupported.Add($"the condition {op} {condition.Key}");
                    }
                }
                else if (!AnyValueMatches(condition.Values, test, request.PresentedSourceArn) && found.Differs())
                {
                    found.Differences.AddRange(found.Explain ? NearestValue(op, condition.Values, request.PresentedSourceArn) : new[] { new Difference(DifferencePart.SourceArnShape, "the source ARN") });
                }

                return;
            }

            // §3.5: these keys exist only when the call comes through a function URL, so API Gateway never matches them.
            if (IsFunctionUrlOnly(condition))
            {
                if (found.Differs())
                {
                    found.Differences.Add(new Difference(DifferencePart.FunctionUrl, $"the condition {op} {condition.Key} (it applies only to calls through the function URL, never to API Gateway)"));
                }

                return;
            }

            if (condition.HasKey(PolicyCondition.SourceAccountKey) && request.RoleArn == null && op == ConditionOperators.StringEquals)
            {
                if (!condition.Values.Contains(request.ApiAccountId) && found.Differs())
                {
                    found.Differences.Add(new Difference(DifferencePart.SourceAccount, $"the source account (it allows {List(condition.Values)}, the API is owned by '{request.ApiAccountId}')"));
                }

                return;
            }

            if (found.Unsupports())
            {
                found.Unsupported.Add($"the condition {op} {condition.Key}");
            }
        }

        // Several values are ORed.
        private static bool AnyValueMatches(IReadOnlyList<string> values, Func<string, string, bool> test, string presented)
        {
            foreach (var value in values)
            {
                if (test(value, presented))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFunctionUrlOnly(PolicyCondition condition) =>
            (condition.HasKey("lambda:FunctionUrlAuthType") && condition.Operator == ConditionOperators.StringEquals)
            || (condition.HasKey("lambda:InvokedViaFunctionUrl") && condition.Operator == "Bool" && condition.Values.Count > 0
                && condition.Values.All(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)));

        // Explain the value closest to matching.
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

        /// <summary>
        /// What judging found. Recording, it keeps every difference and unsupported element with its phrase; otherwise it
        /// only notes that there is one, and judging is settled at the first difference (the outcome cannot change).
        /// </summary>
        private sealed class Findings
        {
            private readonly bool _record;
            private bool _differs;
            private bool _unsupported;

            public Findings(bool record, bool explain)
            {
                _record = record;
                Explain = explain;
            }

            /// <summary>A SourceArn mismatch is explained component by component.</summary>
            public bool Explain { get; }

            private List<Difference>? _differences;
            private List<string>? _unsupportedPhrases;

            public List<Difference> Differences => _differences ??= new List<Difference>();
            public List<string> Unsupported => _unsupportedPhrases ??= new List<string>();
            public bool HasSourceArn { get; set; }

            public bool Settled => _differs && !_record;

            public MatchOutcome Outcome => _differs ? MatchOutcome.DoesNotMatch : _unsupported ? MatchOutcome.CannotEvaluate : MatchOutcome.Matches;

            /// <summary>Notes a difference; true when its phrase is wanted.</summary>
            public bool Differs()
            {
                _differs = true;
                return _record;
            }

            /// <summary>Notes an element that cannot be evaluated; true when its phrase is wanted.</summary>
            public bool Unsupports()
            {
                _unsupported = true;
                return _record;
            }
        }
    }
}
