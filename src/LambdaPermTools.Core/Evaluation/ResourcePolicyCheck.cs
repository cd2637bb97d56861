using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Arns;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Evaluation
{
    /// <summary>The resource-policy half of the decision (docs/aws-rules.md §11.3–§11.7).</summary>
    internal static class ResourcePolicyCheck
    {
        /// <summary>Decides by the function's policy; <paramref name="role"/> is the cross-account credentials role that calls, or null for the service principal.</summary>
        public static Verdict Decide(IntegrationTarget target, EvidenceSet evidence, ReasonWriter reasons, CredentialsArn? role)
        {
            if (InvocationPath.IsLatest(target))
            {
                return Verdict.Denied(PermissionCause.LatestQualifier, reasons.Latest());
            }

            var fixable = role == null;
            var lookup = evidence.GetPolicy(target.FunctionName, target.Qualifier);
            switch (lookup?.Status)
            {
                // Not read or still failing after retries (throttling, 5xx, transport, paging, deadline): ReadFailed,
                // with the service's message; AccessDenied only for a real denial (docs/aws-rules.md §11.3).
                case null:
                    return Verdict.Unknown(PermissionCause.ReadFailed, reasons.PolicyNotRead());
                case LookupStatus.NotFound:
                    return Verdict.Denied(PermissionCause.FunctionNotFound, reasons.FunctionNotFound());
                case LookupStatus.AccessDenied:
                    return Verdict.Unknown(PermissionCause.AccessDenied, reasons.PolicyAccessDenied(lookup.Message));
                case LookupStatus.Failed:
                    return Verdict.Unknown(PermissionCause.ReadFailed, reasons.PolicyReadFailed(lookup.Message));
                case LookupStatus.NoPolicy:
                    return OtherQualifier(target, evidence, reasons, role)
                        ?? Denial(fixable, PermissionCause.NoPolicy, (role == null ? reasons.NoPolicy() : reasons.NoPolicyForRole(role.Text)) + UnreadElsewhere(target, evidence, reasons));
            }

            var parsed = lookup.Parsed();
            if (parsed.Document == null)
            {
                return Verdict.Unknown(PermissionCause.UnsupportedCondition, reasons.PolicyUnreadable(parsed.Error!));
            }

            var policy = parsed.Document;

            var request = RequestFor(target, target.FunctionArn, role);
            var decision = PolicyDecision.Evaluate(policy, request);
            switch (decision.Kind)
            {
                case DecisionKind.Granted:
                    var granting = decision.Deciding!;
                    var broad = WhyOverlyBroad(granting, request, target.GrantApiId);
                    return FormDependent(target, policy, role, reasons, granted: true) ?? Verdict.Allowed(PermissionCause.GrantedByPolicy, reasons.GrantedByPolicy(granting, role?.Text, broad), granting.Statement.Name, broad != null);
                case DecisionKind.ExplicitlyDenied:
                    // A matching Deny wins over every grant (§3.6, §11.5): never fixable, no grant planned.
                    return Verdict.Denied(PermissionCause.ExplicitDeny, reasons.ExplicitDeny(decision.Deciding!));
                case DecisionKind.Uncertain:
                    return Verdict.Unknown(PermissionCause.UnsupportedCondition, reasons.Uncertain(decision.Deciding!));
                default:
                    return FormDependent(target, policy, role, reasons, granted: false)
                        ?? OtherQualifier(target, evidence, reasons, role)
                        ?? Denial(fixable, PermissionCause.NoMatchingStatement, reasons.NoMatchingStatement(decision.Deciding, policy.Statements.Count, role?.Text) + UnreadElsewhere(target, evidence, reasons));
            }
        }

        private static Verdict Denial(bool fixable, PermissionCause cause, string reason) =>
            fixable ? Verdict.Fixable(cause, reason) : Verdict.Denied(cause, reason);

        /// <summary>QualifierMismatch: a policy of another qualifier of the same function (already read) grants this source ARN (§3.1).</summary>
        private static Verdict? OtherQualifier(IntegrationTarget target, EvidenceSet evidence, ReasonWriter reasons, CredentialsArn? role)
        {
            foreach (var pair in evidence.PoliciesOf(target.FunctionName).OrderBy(p => p.Key ?? "", System.StringComparer.Ordinal))
            {
                if (pair.Key == target.Qualifier || pair.Value.Status != LookupStatus.Found)
                {
                    continue;
                }

                var qualifiedArn = pair.Key == null ? target.FunctionName : target.FunctionName + ":" + pair.Key;
                var policy = pair.Value.Parsed().Document;
                if (policy == null)
                {
                    continue;
                }

                var decision = PolicyDecision.Evaluate(policy, RequestFor(target, qualifiedArn, role), explainNearest: false);
                if (decision.Kind == DecisionKind.Granted)
                {
                    return Denial(role == null, PermissionCause.QualifierMismatch, reasons.QualifierMismatch(decision.Deciding!.Statement, pair.Key));
                }
            }

            return null;
        }

        /// <summary>
        /// The note for a denial whose cause could still be QualifierMismatch: another qualifier's policy failed to read, or the
        /// function's qualifiers could not be listed. The denial itself stands (the called qualifier's own policy decides).
        /// </summary>
        private static string UnreadElsewhere(IntegrationTarget target, EvidenceSet evidence, ReasonWriter reasons)
        {
            var unread = evidence.PoliciesOf(target.FunctionName)
                .Where(p => p.Key != target.Qualifier && (p.Value.Status == LookupStatus.Failed || p.Value.Status == LookupStatus.AccessDenied))
                .Select(p => p.Key)
                .OrderBy(q => q ?? "", System.StringComparer.Ordinal)
                .ToList();
            var unlisted = evidence.QualifiersUnlisted(target.FunctionName);
            return unread.Count == 0 && !unlisted ? "" : reasons.OtherQualifiersUnread(unread, unlisted);
        }

        /// <summary>
        /// Unknown when the policy decides another form API Gateway may present (docs/aws-rules.md §8 UNCONFIRMED) otherwise than
        /// the presented one; null when every form gets the same answer.
        /// </summary>
        private static Verdict? FormDependent(IntegrationTarget target, PolicyDocument policy, CredentialsArn? role, ReasonWriter reasons, bool granted)
        {
            foreach (var alternative in target.AlternativeSourceArns)
            {
                var decision = PolicyDecision.Evaluate(policy, RequestFor(target, target.FunctionArn, role, alternative), explainNearest: false);
                if ((decision.Kind == DecisionKind.Granted) != granted)
                {
                    return granted
                        ? Verdict.Unknown(PermissionCause.UnsupportedCondition, reasons.FormUncertain(target.PresentedSourceArn, alternative))
                        : Verdict.Unknown(PermissionCause.UnsupportedCondition, reasons.FormUncertain(alternative, target.PresentedSourceArn));
                }
            }

            return null;
        }

        private static InvokeRequest RequestFor(IntegrationTarget target, string functionArn, CredentialsArn? role, string? presented = null) => new InvokeRequest
        {
            FunctionArn = functionArn,
            PresentedSourceArn = presented ?? target.PresentedSourceArn,
            ApiAccountId = target.ApiAccountId,
            RoleArn = role?.Text,
            RoleAccountId = role?.AccountId,
        };

        /// <summary>
        /// §11.7: why the granting statement is overly broad, or null when it is not: Principal *, no SourceArn, a SourceArn
        /// that covers other APIs (an API id wildcard, however narrow the rest), or one that covers the whole API ({apiId}/*
        /// or broader: it then also matches a made-up method and the authorizer form of this API). For a cross-account role
        /// only Principal * counts.
        /// </summary>
        internal static string? WhyOverlyBroad(StatementMatch granting, InvokeRequest request, string apiId)
        {
            if (granting.Statement.Principal?.IsEveryone == true)
            {
                return "its Principal is '*'";
            }

            // A statement for a cross-account credentials role has no SourceArn to narrow: the role calls, not the service (§4.4).
            if (request.RoleArn != null)
            {
                return null;
            }

            if (!granting.HasSourceArnCondition)
            {
                return "it has no SourceArn, so any API may invoke through it";
            }

            if (OtherApiProbes(request.PresentedSourceArn, apiId).Any(probe => Matches(granting, request, probe)))
            {
                return $"its SourceArn also matches APIs other than '{apiId}' (an API id wildcard), so every such API of the account may invoke through it";
            }

            if (OtherAccountMatches(granting, request))
            {
                return "neither its SourceArn nor a SourceAccount pins the API's account, so an API of another account may invoke through it";
            }

            var api = ExecuteApiArn.PrefixOf(request.PresentedSourceArn) + ":" + apiId;
            return new[] { api + "/lpt-probe-stage/LPTPROBE/lpt/probe", api + "/authorizers/lptprobe" }.All(probe => Matches(granting, request, probe))
                ? $"its SourceArn covers every method and authorizer of API '{apiId}'"
                : null;
        }

        /// <summary>
        /// The presented ARN with the API id's first, then last character made '~', which no API id has: a statement that
        /// still matches names the API id with a wildcard ('*', 'a1b2c?', '*b2c3'), so it also grants other APIs.
        /// </summary>
        private static IEnumerable<string> OtherApiProbes(string presented, string apiId)
        {
            var prefix = ExecuteApiArn.PrefixOf(presented);
            if (prefix == null || apiId.Length == 0)
            {
                yield break;
            }

            var resource = presented.Substring(prefix.Length + 1);
            var rest = resource.IndexOf('/') < 0 ? "" : resource.Substring(resource.IndexOf('/'));
            yield return $"{prefix}:~{apiId.Substring(1)}{rest}";
            yield return $"{prefix}:{apiId.Substring(0, apiId.Length - 1)}~{rest}";
        }

        /// <summary>The presented request as if an API of another account made it: a statement that still matches leaves the account open.</summary>
        private static bool OtherAccountMatches(StatementMatch granting, InvokeRequest request)
        {
            var prefix = ExecuteApiArn.PrefixOf(request.PresentedSourceArn);
            var accountAt = prefix?.LastIndexOf(':') ?? -1;
            if (accountAt < 0)
            {
                return false;
            }

            var other = request.ApiAccountId == "000000000000" ? "999999999999" : "000000000000";
            return Matches(granting, request, prefix!.Substring(0, accountAt + 1) + other + request.PresentedSourceArn.Substring(prefix.Length), other);
        }

        /// <summary>Whether the statement matches <paramref name="probe"/> presented by the request's API account, or by <paramref name="account"/>.</summary>
        private static bool Matches(StatementMatch granting, InvokeRequest request, string probe, string? account = null) =>
            StatementMatcher.OutcomeOf(granting.Statement, new InvokeRequest
            {
                FunctionArn = request.FunctionArn,
                PresentedSourceArn = probe,
                ApiAccountId = account ?? request.ApiAccountId,
            }) == MatchOutcome.Matches;
    }
}
