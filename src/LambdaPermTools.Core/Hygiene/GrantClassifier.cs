using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LambdaPermTools.Arns;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Hygiene
{
    /// <summary>
    /// Policy hygiene: one <see cref="PermissionGrant"/> per statement of a policy that concerns API Gateway (a service
    /// principal apigateway.amazonaws.com in any case, or an execute-api source ARN), with its Usage, sizes and breadth.
    /// Never calls a grant removable when it cannot see who uses it: a statement without SourceArn, of another account or
    /// region, or whose API could not be read is Foreign, with the reason.
    /// </summary>
    public static class GrantClassifier
    {
        private const string ExecuteApi = ":execute-api:";

        /// <summary>The API ids (REST, HTTP or WebSocket) of the caller's account and the policy's region that the policy's statements name: the APIs whose targets are needed.</summary>
        public static IReadOnlyList<string> ApisNamed(string? policyJson, string callerAccountId, string region) =>
            Statements(policyJson)
                .Select(s => Source.Of(s))
                .Where(s => s.ApiId.Length > 0 && s.Account == callerAccountId && s.Region == region && !HasWildcard(s.ApiId))
                .Select(s => s.ApiId).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>Every statement of the policy that concerns API Gateway, judged.</summary>
        public static IReadOnlyList<PermissionGrant> Classify(GrantPolicy policy)
        {
            var statements = Statements(policy.PolicyJson);
            var policyBytes = Encoding.UTF8.GetByteCount(policy.PolicyJson);
            var qualified = policy.Qualifier.Length == 0 ? policy.FunctionArn : policy.FunctionArn + ":" + policy.Qualifier;
            var targets = policy.Targets.Where(t => t.FunctionName == policy.FunctionArn && (t.Qualifier ?? "") == policy.Qualifier).ToList();
            var judged = statements.Where(Concerns).Select(s => Judge(s, policy, qualified, targets)).ToList();
            MarkRedundant(judged);
            return judged.Select(j =>
            {
                j.Grant.PolicyBytes = policyBytes;
                j.Grant.PolicyBytesLeft = LambdaPermission.PolicyMaxBytes - policyBytes;
                return j.Grant;
            }).ToList();
        }

        private static IReadOnlyList<PolicyStatement> Statements(string? policyJson) =>
            ParsedPolicy.Of(policyJson).Document?.Statements ?? (IReadOnlyList<PolicyStatement>)new PolicyStatement[0];

        private static bool Concerns(PolicyStatement statement) =>
            statement.Principal?.Services.Any(s => string.Equals(s, LambdaPermission.ApiGatewayPrincipal, StringComparison.OrdinalIgnoreCase)) == true
            || statement.Conditions.Any(c => c.Values.Any(v => v.Contains(ExecuteApi)));

        private static Judged Judge(PolicyStatement statement, GrantPolicy policy, string qualified, IReadOnlyList<IntegrationTarget> targets)
        {
            var source = Source.Of(statement);
            var grant = new PermissionGrant
            {
                FunctionName = policy.FunctionArn,
                Qualifier = policy.Qualifier,
                Region = policy.Region,
                StatementId = statement.Sid ?? "",
                Effect = statement.Effect,
                Principal = statement.Principal == null ? "" : statement.Principal.IsEveryone ? "*" : string.Join(", ", statement.Principal.Services.Concat(statement.Principal.Aws).Concat(statement.Principal.Others)),
                Action = string.Join(", ", statement.Actions),
                SourceArn = source.Arn,
                SourceAccount = string.Join(", ", statement.Conditions.Where(c => c.Key.Equals("aws:SourceAccount", StringComparison.OrdinalIgnoreCase)).SelectMany(c => c.Values)),
                ApiId = source.ApiId,
                StageName = source.Stage,
                HttpMethod = source.Method,
                ResourcePath = source.Path,
                StatementBytes = Encoding.UTF8.GetByteCount(statement.Json),
                WholeDocumentReason = WholeDocumentSigns.Violations(statement),
                Statement = statement.Json,
            };
            var request = new InvokeRequest { FunctionArn = qualified, PresentedSourceArn = source.Arn, ApiAccountId = source.Account };
            grant.OverlyBroad = source.ApiId.Length == 0 || ResourcePolicyCheck.WhyOverlyBroad(StatementMatcher.Match(statement, request, explain: false), request, source.ApiId) != null;

            var outcomes = targets.Select(t => (Target: t, Outcome: Outcome(statement, qualified, t))).Where(o => o.Outcome != MatchOutcome.DoesNotMatch).ToList();
            grant.UsedBy = outcomes.Select(o => Describe(o.Target)).ToArray();
            var judged = new Judged(grant, statement, outcomes.Where(o => o.Outcome == MatchOutcome.Matches).Select(o => Describe(o.Target)), grant.UsedBy);
            (grant.Usage, grant.Reason) = Usage(source, policy, grant.UsedBy.Length);
            return judged;
        }

        /// <summary>
        /// Whether the statement grants the target: a v2 target that may present another form (docs/aws-rules.md §8) is granted
        /// for certain only when every form matches, and possibly when some form does, so such a grant is never called Unused.
        /// </summary>
        private static MatchOutcome Outcome(PolicyStatement statement, string qualified, IntegrationTarget target)
        {
            var outcomes = new[] { target.PresentedSourceArn }.Concat(target.AlternativeSourceArns).Select(arn => StatementMatcher.Match(statement, new InvokeRequest
            {
                FunctionArn = qualified,
                PresentedSourceArn = arn,
                ApiAccountId = target.ApiAccountId,
            }, explain: false).Outcome).Distinct().ToList();
            return outcomes.Count == 1 ? outcomes[0] : MatchOutcome.CannotEvaluate;
        }

        private static (GrantUsage, string) Usage(Source source, GrantPolicy policy, int used)
        {
            if (source.Arn.Length == 0)
            {
                return (GrantUsage.Foreign, "It has no SourceArn, so it names no API: any API Gateway API may invoke through it, also APIs the tool cannot see; replace it with a grant per API.");
            }

            if (source.ApiId.Length == 0)
            {
                return (GrantUsage.Foreign, $"Its SourceArn '{source.Arn}' is no execute-api ARN the tool can read.");
            }

            if (source.Account != policy.CallerAccountId)
            {
                return (GrantUsage.Foreign, $"It names account '{source.Account}'; the credentials see only the APIs of account {policy.CallerAccountId}.");
            }

            if (source.Region != policy.Region)
            {
                return (GrantUsage.Foreign, $"It names region '{source.Region}'; the tool read the APIs of region {policy.Region} only.");
            }

            if (HasWildcard(source.ApiId))
            {
                return (GrantUsage.Foreign, $"It names the API id pattern '{source.ApiId}', which may cover APIs that do not exist yet.");
            }

            if (policy.ExistingApiIds == null)
            {
                return (GrantUsage.Foreign, $"The REST, HTTP and WebSocket APIs of region {policy.Region} could not be listed, so whether API '{source.ApiId}' exists is not known.");
            }

            if (!policy.ExistingApiIds.Contains(source.ApiId))
            {
                return Missing(policy, source);
            }

            if (!policy.ReadApiIds.Contains(source.ApiId))
            {
                return (GrantUsage.Foreign, $"The configuration of API '{source.ApiId}' could not be read, so which of its targets use this grant is not known.");
            }

            return used == 0
                ? (GrantUsage.Unused, $"API '{source.ApiId}' exists, but no method, route or authorizer of any of its stages invokes this function{(policy.Qualifier.Length == 0 ? "" : ":" + policy.Qualifier)} through this grant.")
                : (GrantUsage.InUse, $"It grants {used} target(s) that a stage serves today.");
        }

        /// <summary>
        /// An API id absent from the function's region: a grant for an API of another region names the function's region too
        /// (docs/aws-rules.md §1.1), so it is deleted only when the regions the caller named (-ApiRegion) lack it as well.
        /// </summary>
        private static (GrantUsage, string) Missing(GrantPolicy policy, Source source)
        {
            if (policy.ApiRegions.Count == 0)
            {
                return (GrantUsage.Foreign, $"API '{source.ApiId}' is not in region {source.Region}: it was deleted, or it is an API of another region (its grant names the function's region, {source.Region}, too). "
                    + "Pass -ApiRegion with the regions whose APIs call these functions to tell.");
            }

            if (policy.ApiIdsElsewhere == null)
            {
                return (GrantUsage.Foreign, $"API '{source.ApiId}' is not in region {source.Region}, and the APIs of {string.Join(", ", policy.ApiRegions)} could not all be listed, so whether it was deleted is not known.");
            }

            if (policy.ApiIdsElsewhere.TryGetValue(source.ApiId, out var home))
            {
                return (GrantUsage.Foreign, $"API '{source.ApiId}' is in region {home} and calls the function across regions; the tool read the targets of region {policy.Region}'s APIs only.");
            }

            var checkedRegions = new[] { source.Region }.Concat(policy.ApiRegions).Distinct(StringComparer.Ordinal);
            return (GrantUsage.ApiDeleted, $"API '{source.ApiId}' exists in none of the regions checked ({string.Join(", ", checkedRegions)}) of account {source.Account}.");
        }

        /// <summary>
        /// A statement in use is Redundant when every target it may grant is certainly granted by statements that stay. The
        /// narrowest grants stay first (least privilege): statements that are not overly broad before broad ones, then those
        /// that grant more targets, then in document order; so of two statements that cover each other only one goes.
        /// </summary>
        private static void MarkRedundant(List<Judged> judged)
        {
            var covered = new HashSet<string>(StringComparer.Ordinal);
            var kept = new List<Judged>();
            foreach (var candidate in judged.Where(j => j.Grant.Usage == GrantUsage.InUse && j.Statement.IsAllow)
                .OrderBy(j => j.Grant.OverlyBroad).ThenByDescending(j => j.Certain.Count).ThenBy(j => j.Statement.Index))
            {
                if (candidate.Possible.All(covered.Contains))
                {
                    var by = kept.Where(k => candidate.Possible.Any(k.Certain.Contains)).Select(k => k.Statement.Label);
                    candidate.Grant.Usage = GrantUsage.Redundant;
                    candidate.Grant.Reason = $"Every target it grants is also granted by {string.Join(", ", by)} of the same policy.";
                    continue;
                }

                kept.Add(candidate);
                covered.UnionWith(candidate.Certain);
            }
        }

        private static string Describe(IntegrationTarget t) =>
            t.Kind == TargetKind.Authorizer
                ? $"{t.GrantApiId}/{t.StageName} authorizer {t.AuthorizerName}"
                : t.RouteKey.Length > 0 ? $"{t.GrantApiId}/{t.StageName} {t.RouteKey}" : $"{t.GrantApiId}/{t.StageName} {t.HttpMethod} {t.ResourcePath}";

        private static bool HasWildcard(string value) => value.IndexOfAny(new[] { '*', '?' }) >= 0;

        private sealed class Judged
        {
            public Judged(PermissionGrant grant, PolicyStatement statement, IEnumerable<string> certain, IEnumerable<string> possible)
            {
                Grant = grant;
                Statement = statement;
                Certain = new HashSet<string>(certain, StringComparer.Ordinal);
                Possible = possible.ToList();
            }

            public PermissionGrant Grant { get; }
            public PolicyStatement Statement { get; }

            /// <summary>Targets the statement certainly grants.</summary>
            public HashSet<string> Certain { get; }

            /// <summary>Targets it grants or may grant (a condition the tool cannot evaluate).</summary>
            public List<string> Possible { get; }
        }

        /// <summary>The execute-api source ARN a statement names, split as the contract shows it.</summary>
        private sealed class Source
        {
            public string Arn { get; private set; } = "";
            public string Region { get; private set; } = "";
            public string Account { get; private set; } = "";
            public string ApiId { get; private set; } = "";
            public string Stage { get; private set; } = "";
            public string Method { get; private set; } = "";
            public string Path { get; private set; } = "";

            public static Source Of(PolicyStatement statement)
            {
                var arn = statement.Conditions.Where(c => c.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase)).SelectMany(c => c.Values).FirstOrDefault() ?? "";
                var source = new Source { Arn = arn };
                var parts = ArnPattern.SplitComponents(arn);
                if (parts == null || parts[2] != "execute-api")
                {
                    return source;
                }

                source.Region = parts[3];
                source.Account = parts[4];
                var resource = parts[5].Split('/');
                source.ApiId = resource[0];
                source.Stage = resource.Length > 1 ? resource[1] : "";
                source.Method = resource.Length > 2 ? resource[2] : "";
                source.Path = resource.Length > 3 ? "/" + string.Join("/", resource.Skip(3)) : "";
                return source;
            }
        }
    }
}
