using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Targets
{
    /// <summary>
    /// Turns an HTTP or WebSocket API snapshot into one target per Lambda route integration and per Lambda REQUEST authorizer,
    /// per stage (docs/aws-rules.md §8). Order: stages by name, within a stage the routes by route key, then the authorizers
    /// by name then id (all ordinal). JWT authorizers invoke no Lambda and are never targets.
    /// </summary>
    public static class V2TargetResolver
    {
        /// <summary>Stands in for a path parameter's value where AWS may present the request's path (§8, UNCONFIRMED).</summary>
        internal const string SampleSegment = "lpt-sample";

        private const string ConnectRoute = "$connect";

        public static IReadOnlyList<IntegrationTarget> Resolve(V2ApiSnapshot api, TargetSelection selection) => ResolveStages(api, selection).Targets;

        /// <summary>
        /// The targets of every selected stage, each read from the API's current configuration. An auto-deploying stage serves
        /// it; a manually deployed stage serves its last deployment, which the tool does not read for HTTP and WebSocket APIs:
        /// with <see cref="ApiConfiguration.Deployed"/> each such stage's targets say so in their Reason, and one warning per stage.
        /// </summary>
        public static TargetResolution ResolveStages(V2ApiSnapshot api, TargetSelection selection)
        {
            var integrations = api.Integrations.ToDictionary(i => "integrations/" + i.IntegrationId, StringComparer.Ordinal);
            var routes = api.Routes.OrderBy(r => r.RouteKey, StringComparer.Ordinal)
                .Select(r => (Route: r, Integration: r.Target != null && integrations.TryGetValue(r.Target, out var i) ? i : null))
                .Where(r => r.Integration != null && InvokesLambda(api.Api.Type, r.Integration))
                .ToList();
            var authorizers = api.Authorizers.Where(a => a.AuthorizerType == "REQUEST" && ToLambdaUri(a.AuthorizerUri) != null)
                .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.AuthorizerId, StringComparer.Ordinal).ToList();

            var wanted = selection.StageNames;
            var result = new TargetResolution();
            var targets = result.Targets;
            var functions = new FunctionResolutions(api.AccountId);
            foreach (var stage in api.Stages.Where(s => wanted == null || wanted.Count == 0 || wanted.Contains(s.StageName)).OrderBy(s => s.StageName, StringComparer.Ordinal))
            {
                var first = targets.Count;
                foreach (var (route, integration) in routes)
                {
                    var target = NewTarget(api, stage, TargetKind.Integration, integration!.IntegrationType, integration.IntegrationUri!, integration.CredentialsArn);
                    target.RouteKey = route.RouteKey;
                    var space = route.RouteKey.IndexOf(' ');
                    target.HttpMethod = space < 0 ? "" : route.RouteKey.Substring(0, space);
                    target.ResourcePath = space < 0 ? "" : route.RouteKey.Substring(space + 1);
                    var authorizer = route.AuthorizationType == "CUSTOM" ? api.Authorizers.FirstOrDefault(a => a.AuthorizerId == route.AuthorizerId) : null;
                    target.AuthorizerId = authorizer?.AuthorizerId ?? "";
                    target.AuthorizerName = authorizer?.Name ?? "";
                    Resolve(functions, stage, target);
                    var prefix = Prefix(api, target);
                    target.PresentedSourceArn = ExecuteApiArn.ForRoute(prefix, api.Api.Id, stage.StageName, route.RouteKey);
                    target.AlternativeSourceArns = RouteAlternatives(prefix, api.Api.Id, stage.StageName, target).ToArray();
                    targets.Add(target);
                }

                foreach (var authorizer in authorizers)
                {
                    var target = NewTarget(api, stage, TargetKind.Authorizer, authorizer.AuthorizerType, authorizer.AuthorizerUri!, authorizer.AuthorizerCredentialsArn);
                    target.AuthorizerId = authorizer.AuthorizerId;
                    target.AuthorizerName = authorizer.Name;
                    target.RouteKey = api.Routes.OrderBy(r => r.RouteKey, StringComparer.Ordinal).FirstOrDefault(r => r.AuthorizationType == "CUSTOM" && r.AuthorizerId == authorizer.AuthorizerId)?.RouteKey ?? "";
                    Resolve(functions, stage, target);
                    var prefix = Prefix(api, target);
                    target.PresentedSourceArn = ExecuteApiArn.ForAuthorizer(prefix, api.Api.Id, authorizer.AuthorizerId);

                    // A WebSocket authorizer runs on $connect; the docs show only its event's methodArn (…/{stage}/$connect), not
                    // the source ARN: both forms are possible (§8 UNCONFIRMED).
                    if (api.Api.Type == ApiType.WebSocket)
                    {
                        target.AlternativeSourceArns = new[] { ExecuteApiArn.ForRoute(prefix, api.Api.Id, stage.StageName, ConnectRoute) };
                    }

                    targets.Add(target);
                }

                if (!stage.AutoDeploy && selection.Configuration == ApiConfiguration.Deployed && targets.Count > first)
                {
                    var kind = api.Api.Type == ApiType.WebSocket ? "WebSocket" : "HTTP";
                    var deployment = string.IsNullOrEmpty(stage.DeploymentId) ? "its last deployment" : $"deployment '{stage.DeploymentId}'";
                    var note = $"Stage '{stage.StageName}' is deployed manually and serves {deployment}, which the tool does not read for {kind} APIs: "
                        + "this verdict is for the API's current configuration, which the stage serves only if it was deployed after the last change.";
                    targets.Skip(first).ToList().ForEach(t => t.ConfigurationNote = note);
                    result.Warnings.Add($"Stage '{stage.StageName}' of {kind} API '{api.Api.Id}' is deployed manually ({deployment}): its targets are judged on the current configuration, which may differ from what it serves.");
                }
            }

            return result;
        }

        /// <summary>
        /// An HTTP API invokes Lambda through AWS_PROXY integrations only; a WebSocket API also through AWS, the non-proxy
        /// type (docs/aws-rules.md §4.1). Either way the URI must be Lambda's (AWS also reaches DynamoDB, SQS, …).
        /// </summary>
        private static bool InvokesLambda(ApiType apiType, V2Integration integration) =>
            (integration.IntegrationType == "AWS_PROXY" || (integration.IntegrationType == "AWS" && apiType == ApiType.WebSocket))
            && ToLambdaUri(integration.IntegrationUri) != null;

        /// <summary>The Lambda URI of a v2 integration or authorizer: the invocations form, or a bare function ARN (quick create writes one).</summary>
        internal static LambdaUri? ToLambdaUri(string? uri)
        {
            if (LambdaUri.TryParse(uri, out var parsed))
            {
                return parsed;
            }

            var parts = uri?.Split(':');
            return parts != null && parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function"
                && LambdaUri.TryParse($"arn:{parts[1]}:apigateway:{parts[3]}:lambda:path/2015-03-31/functions/{uri}/invocations", out parsed)
                ? parsed
                : null;
        }

        // Path parameters may be presented as the template or as the request's values, and ANY as the literal or the
        // request's verb (§8 UNCONFIRMED): every other combination is an alternative.
        private static IEnumerable<string> RouteAlternatives(string prefix, string apiId, string stage, IntegrationTarget target)
        {
            if (target.HttpMethod.Length == 0)
            {
                return new string[0];
            }

            var methods = target.HttpMethod == "ANY" ? new[] { "ANY", "GET" } : new[] { target.HttpMethod };
            var sample = "/" + string.Join("/", target.ResourcePath.Trim('/').Split('/').Select(s => s.StartsWith("{", StringComparison.Ordinal) ? SampleSegment : s));
            var paths = sample == target.ResourcePath ? new[] { target.ResourcePath } : new[] { target.ResourcePath, sample };
            return methods.SelectMany(m => paths.Select(p => ExecuteApiArn.ForMethod(prefix, apiId, stage, m, p)))
                .Where(arn => arn != target.PresentedSourceArn).ToList();
        }

        private static IntegrationTarget NewTarget(V2ApiSnapshot api, V2Stage stage, TargetKind kind, string type, string uri, string? credentials)
        {
            var unresolved = new List<string>();
            var target = new IntegrationTarget
            {
                ApiId = api.Api.Id,
                ApiType = api.Api.Type,
                RestApiName = api.Api.Name,
                ApiAccountId = api.AccountId,
                ApiRegion = api.Region,
                StageName = stage.StageName,
                Kind = kind,
                IntegrationType = type,
                IntegrationUri = uri,
                CredentialsArn = StageVariables.Substitute(credentials ?? "", stage.StageVariables, unresolved),
                UnresolvedVariables = unresolved.ToArray(),
            };

            return target;
        }

        private static void Resolve(FunctionResolutions functions, V2Stage stage, IntegrationTarget target) =>
            functions.For(ToLambdaUri(target.IntegrationUri)!, stage.StageVariables).ApplyTo(target);

        private static string Prefix(V2ApiSnapshot api, IntegrationTarget target) => ExecuteApiArn.Prefix(api.Partition, target.Region, api.AccountId);
    }
}
