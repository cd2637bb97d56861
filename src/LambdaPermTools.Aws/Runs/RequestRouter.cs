using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Requests;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// From one failing request to the targets it reaches: the stage(s) from the URL (an execute-api host, or a custom domain's
    /// API mappings and routing rules), the resource and method as API Gateway matches them in what the stage serves (its
    /// deployment, and its canary's), then the method's authorizer (first) and integration, each with its Trace. An execute-api
    /// host of an HTTP API is routed by its stages and routes instead (custom domains: REST APIs only). Reads only what
    /// the answer needs: a custom domain's GetDomainName and its mappings or rules, the API's GetStages, one GetExport per
    /// deployment served, the authorizers only when the method has one; the current resources only with -Configuration Current
    /// or when a deployment cannot be read. What the current configuration would change is not read (UndeployedChange stays empty).
    /// </summary>
    internal sealed class RequestRouter
    {
        private static readonly IntegrationTarget[] None = new IntegrationTarget[0];
        private readonly RunContext _run;
        private readonly DeploymentReader _deployments;

        public RequestRouter(RunContext run)
        {
            _run = run;
            _deployments = new DeploymentReader(run);
        }

        /// <summary>The targets the request reaches; none, with the reason given to <paramref name="failed"/>, when it reaches no method.</summary>
        public async Task<IReadOnlyList<IntegrationTarget>> RouteAsync(RouteRequest request, Action<RunError> failed, Action<string> warned)
        {
            var executeApi = request.Url.Kind == RequestHostKind.ExecuteApi;
            var stagePick = executeApi ? DomainRouter.ForExecuteApi(request.Url) : null;
            if (executeApi && stagePick == null)
            {
                // No stage in the path: no REST API is reached that way, but an HTTP API's $default stage serves its root URL.
                return await V2OrAsync(() => NoStage(request), request, failed, warned).ConfigureAwait(false);
            }

            var picks = stagePick != null ? new[] { stagePick } : await DomainPicksAsync(request, failed).ConfigureAwait(false);
            var stages = new Dictionary<string, IReadOnlyList<ApiStage>>(StringComparer.Ordinal);
            var targets = new List<IntegrationTarget>();
            foreach (var pick in picks)
            {
                try
                {
                    targets.AddRange(await StageTargetsAsync(pick, request, stages, failed, warned).ConfigureAwait(false));
                }
                catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound && executeApi)
                {
                    targets.AddRange(await V2OrAsync(() => RunError.ForApi(e, pick.RestApiId), request, failed, warned).ConfigureAwait(false));
                }
                catch (AwsServiceException e)
                {
                    failed(RunError.ForApi(e, pick.RestApiId));
                }
            }

            return targets;
        }

        /// <summary>
        /// An execute-api id that is no REST API may be an HTTP API: its stage and route are picked as API Gateway picks them
        /// (<see cref="V2RouteRouter"/>) in the current configuration, as a v2 scan reads it. Reads GetStages, GetApis (the API's
        /// kind and name), GetRoutes, GetIntegrations, and GetAuthorizers only when a selected route has a Lambda authorizer.
        /// A WebSocket API's requests are messages on a connection, which a URL and verb do not route.
        /// </summary>
        private async Task<IReadOnlyList<IntegrationTarget>> V2TargetsAsync(Func<RunError> notV2, RouteRequest request, Action<RunError> failed, Action<string> warned)
        {
            var gateway = _run.Services.ApiGatewayV2;
            var id = request.Url.ApiId;
            IReadOnlyList<V2Stage> stages;
            try
            {
                stages = await gateway.GetStagesAsync(id, _run.Cancellation).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                failed(notV2());
                return None;
            }

            var api = (await gateway.GetApisAsync(_run.Cancellation).ConfigureAwait(false)).FirstOrDefault(a => a.Id == id) ?? new V2ApiSummary(id, "", ApiType.Http);
            if (api.Type == ApiType.WebSocket)
            {
                failed(new RunError(ErrorId.RouteNotFound, $"'{id}' is a WebSocket API: its requests are messages on a connection, which -Uri does not route.",
                    request.Url.Original, $"Judge its routes with Test-ApiLambdaPermission -ApiId {id}."));
                return None;
            }

            var pick = V2RouteRouter.PickStage(request.Url, stages);
            if (pick == null)
            {
                var names = string.Join(", ", stages.Select(s => s.StageName).OrderBy(n => n, StringComparer.Ordinal));
                failed(new RunError(ErrorId.StageNotFound, $"HTTP API {id} has no stage '{request.Url.Segments.FirstOrDefault()}' and no $default stage (stages: {names}).",
                    request.Url.Original, "Check the first path segment of the URL: it names the stage, unless the API has a $default stage."));
                return None;
            }

            var match = V2RouteRouter.Match(await gateway.GetRoutesAsync(id, _run.Cancellation).ConfigureAwait(false), pick.Segments, request.HttpMethod);
            if (!match.Found)
            {
                failed(new RunError(ErrorId.RouteNotFound,
                    $"{request.HttpMethod} {RequestUrl.PathOf(pick.Segments)} matches no route of stage '{pick.Stage}' of HTTP API {id}; nearest: {Listed(match.Nearest)}.",
                    request.Url.Original, "Check the path and the verb (-HttpMethod) against the API's routes."));
                return None;
            }

            var integrations = await gateway.GetIntegrationsAsync(id, _run.Cancellation).ConfigureAwait(false);
            var custom = match.Routes.Where(r => r.AuthorizationType == "CUSTOM").Select(r => r.AuthorizerId).ToList();
            var authorizers = custom.Count == 0 ? new V2Authorizer[0] : await gateway.GetAuthorizersAsync(id, _run.Cancellation).ConfigureAwait(false);
            var snapshot = await _run.V2SnapshotAsync(api, match.Routes, integrations, authorizers.Where(a => custom.Contains(a.AuthorizerId)).ToList(),
                stages.Where(s => s.StageName == pick.Stage).ToList()).ConfigureAwait(false);
            var resolution = V2TargetResolver.ResolveStages(snapshot, new TargetSelection { StageNames = new[] { pick.Stage }, Configuration = request.Configuration });
            resolution.Warnings.ForEach(warned);
            var targets = resolution.Targets.OrderBy(t => t.Kind == TargetKind.Authorizer ? 0 : 1).ToList();
            if (targets.Count == 0)
            {
                warned($"{request.HttpMethod} {RequestUrl.PathOf(pick.Segments)} reaches {string.Join(", ", match.Routes.Select(r => $"route '{r.RouteKey}'"))} of HTTP API {id}, whose integration is no Lambda function: the request invokes none.");
            }

            foreach (var target in targets)
            {
                target.Trace = pick.Trace.Concat(match.Trace).Concat(Describe(target)).ToArray();
            }

            return targets;
        }

        private static RunError NoStage(RouteRequest request) =>
            new RunError(ErrorId.RouteNotFound, $"'{request.Url.Original}' names no stage: the first path segment of a REST API's execute-api URL is the stage.",
                request.Url.Original, "Add the stage to the URL (https://{api}.execute-api.{region}.amazonaws.com/{stage}/…).");

        /// <summary>The request routed as an HTTP API's (<see cref="V2TargetsAsync"/>), or <paramref name="notV2"/> when the id is no v2 API either.</summary>
        private async Task<IReadOnlyList<IntegrationTarget>> V2OrAsync(Func<RunError> notV2, RouteRequest request, Action<RunError> failed, Action<string> warned)
        {
            try
            {
                return await V2TargetsAsync(notV2, request, failed, warned).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                failed(RunError.FromAws(e, request.Url.ApiId, $"HTTP API '{request.Url.ApiId}'"));
                return None;
            }
        }

        /// <summary>GetDomainName, then by its routing mode the base path mappings, the routing rules or both; an unknown domain costs one call.</summary>
        private async Task<IReadOnlyList<StagePick>> DomainPicksAsync(RouteRequest request, Action<RunError> failed)
        {
            var host = request.Url.Host;
            var gateway = _run.Services.ApiGateway;
            try
            {
                var domain = await gateway.GetDomainNameAsync(host, _run.Cancellation).ConfigureAwait(false);
                var mode = DomainRouter.ParseRoutingMode(domain.RoutingMode);
                if (mode == null)
                {
                    failed(new RunError(ErrorId.RouteNotFound, $"Custom domain name '{host}' has routing mode '{domain.RoutingMode}', which this version does not know, so where it routes is unknown.",
                        request.Url.Original, "Pass the stage's execute-api URL (https://{api}.execute-api.{region}.amazonaws.com/{stage}/…) instead."));
                    return new StagePick[0];
                }

                var mappings = mode == DomainRoutingMode.RoutingRuleOnly
                    ? new BasePathMapping[0]
                    : await gateway.GetBasePathMappingsAsync(host, _run.Cancellation).ConfigureAwait(false);
                var rules = mode == DomainRoutingMode.ApiMappingOnly
                    ? new RoutingRule[0]
                    : await gateway.ListRoutingRulesAsync(host, _run.Cancellation).ConfigureAwait(false);
                var picks = DomainRouter.ForDomain(request.Url, mode.Value, mappings, rules, request.Headers);
                if (picks.Count == 0)
                {
                    failed(new RunError(ErrorId.RouteNotFound,
                        $"No API mapping or routing rule of custom domain name '{host}' (routing mode {domain.RoutingMode ?? "BASE_PATH_MAPPING_ONLY"}) routes {RequestUrl.PathOf(request.Url.Segments)}; "
                        + $"base paths: {Listed(mappings.Select(m => m.BasePath))}; rules: {Listed(rules.OrderBy(r => r.Priority).Select(r => $"{r.RuleId} (priority {r.Priority})"))}.",
                        request.Url.Original, "Check the base path in the URL, and -Header for rules that match on headers."));
                }

                return picks;
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                failed(new RunError(ErrorId.DomainNotFound, $"'{host}' is neither an execute-api host nor a custom domain name of region {_run.Services.Region}: {e.Message}",
                    request.Url.Original, "Pass -Region with the region of the custom domain name (or of the API), or the stage's execute-api URL.", e));
            }
            catch (AwsServiceException e)
            {
                failed(RunError.FromAws(e, request.Url.Original, $"custom domain name '{host}'"));
            }

            return new StagePick[0];
        }

        private async Task<IReadOnlyList<IntegrationTarget>> StageTargetsAsync(StagePick pick, RouteRequest request, Dictionary<string, IReadOnlyList<ApiStage>> stagesByApi,
            Action<RunError> failed, Action<string> warned)
        {
            var gateway = _run.Services.ApiGateway;
            if (!stagesByApi.TryGetValue(pick.RestApiId, out var stages))
            {
                stages = stagesByApi[pick.RestApiId] = await gateway.GetStagesAsync(pick.RestApiId, _run.Cancellation).ConfigureAwait(false);
            }

            var stage = stages.FirstOrDefault(s => s.StageName == pick.Stage);
            if (stage == null)
            {
                var names = string.Join(", ", stages.Select(s => s.StageName).OrderBy(n => n, StringComparer.Ordinal));
                failed(new RunError(ErrorId.StageNotFound, $"REST API {pick.RestApiId} has no stage '{pick.Stage}' (stages: {names}).", pick.Stage,
                    request.Url.Kind == RequestHostKind.ExecuteApi ? "Check the first path segment of the URL: it names the stage." : "Check the custom domain's API mapping or routing rule: it names a stage the API does not have."));
                return None;
            }

            var served = await ServedAsync(pick.RestApiId, stages, stage, request.Configuration).ConfigureAwait(false);
            var match = ResourceRouter.Match(served.Resources, pick.Segments, request.HttpMethod);
            if (!match.Found)
            {
                failed(new RunError(ErrorId.RouteNotFound,
                    $"{request.HttpMethod} {RequestUrl.PathOf(pick.Segments)} matches no method of stage '{pick.Stage}' of REST API {pick.RestApiId} ({served.Where}); nearest: {string.Join("; ", match.Nearest)}.",
                    request.Url.Original, "Check the path and the verb (-HttpMethod) against the API's resources."));
                return None;
            }

            var canary = served.Canary == null ? null : ResourceRouter.Match(served.Canary.Resources, pick.Segments, request.HttpMethod);
            var current = NeedsAuthorizers(match, canary)
                ? await gateway.GetAuthorizersAsync(pick.RestApiId, _run.Cancellation).ConfigureAwait(false)
                : new ApiAuthorizer[0];
            var snapshot = new ApiSnapshot
            {
                Api = new RestApiSummary(pick.RestApiId, ""),
                AccountId = await _run.CallerAccountAsync().ConfigureAwait(false),
                Region = _run.Services.Region,
                Partition = _run.Services.Partition,
                Stages = new[] { stage },
                UnreadDeployments = served.Unread,
            };
            var own = Reached(served.DeploymentId ?? "", match, served.Authorizers, current);
            snapshot.Resources = own.Resources;
            snapshot.Authorizers = own.Authorizers;
            var deployments = new Dictionary<string, ApiDeployment>(StringComparer.Ordinal);
            if (served.DeploymentId != null)
            {
                deployments[served.DeploymentId] = own;
            }

            if (canary != null)
            {
                // A canary deployment without this route serves none of it to a Lambda function: no canary target, said once.
                deployments[stage.Canary!.DeploymentId] = canary.Found ? Reached(stage.Canary.DeploymentId, canary, served.Canary!.Authorizers, current) : new ApiDeployment { Id = stage.Canary.DeploymentId };
                if (!canary.Found)
                {
                    warned($"The canary of stage '{stage.StageName}' (deployment '{stage.Canary.DeploymentId}', {Percent(stage.Canary)} of its requests) has no method for {request.HttpMethod} {RequestUrl.PathOf(pick.Segments)}: those requests reach no Lambda function.");
                }
            }

            snapshot.Deployments = deployments;
            var resolution = TargetResolver.ResolveStages(snapshot, new TargetSelection { StageNames = new[] { stage.StageName }, Configuration = request.Configuration });
            resolution.Warnings.ForEach(warned);
            var targets = resolution.Targets.OrderBy(t => t.Canary ? 1 : 0).ThenBy(t => t.Kind == TargetKind.Authorizer ? 0 : 1).ToList();
            foreach (var target in targets)
            {
                var route = target.Canary
                    ? new[] { $"Canary: {Percent(stage.Canary!)} of the stage's requests go to deployment '{stage.Canary!.DeploymentId}' (read with GetExport)" }.Concat(canary!.Trace)
                    : match.Trace;
                target.Trace = pick.Trace.Concat(new[] { served.Step }).Concat(route).Concat(Describe(target)).ToArray();
            }

            return targets;
        }

        /// <summary>
        /// What the stage serves: with the deployed configuration one GetExport per deployment (the stage's and its canary's, through
        /// <see cref="DeploymentReader"/>, as the scan reads them); the current resources with -Configuration Current, for a stage
        /// without a deployment, or when the stage's deployment cannot be read (the resolver then says so in a warning).
        /// </summary>
        private async Task<Served> ServedAsync(string restApiId, IReadOnlyList<ApiStage> stages, ApiStage stage, ApiConfiguration configuration)
        {
            var served = new Served();
            if (configuration == ApiConfiguration.Deployed && !string.IsNullOrEmpty(stage.DeploymentId))
            {
                var read = new ApiSnapshot { Api = new RestApiSummary(restApiId, ""), Stages = stages };
                await _deployments.ReadAsync(read, new TargetSelection { StageNames = new[] { stage.StageName } }).ConfigureAwait(false);
                served.Unread = read.UnreadDeployments;
                if (stage.Canary != null && read.Deployments.TryGetValue(stage.Canary.DeploymentId, out var canary))
                {
                    served.Canary = canary;
                }

                if (read.Deployments.TryGetValue(stage.DeploymentId!, out var deployment))
                {
                    served.DeploymentId = deployment.Id;
                    served.Resources = deployment.Resources;
                    served.Authorizers = deployment.Authorizers;
                    served.Step = $"Deployment: stage '{stage.StageName}' serves deployment '{deployment.Id}' (read with GetExport)";
                    served.Where = $"deployment '{deployment.Id}'";
                    return served;
                }

                served.Step = $"Deployment: stage '{stage.StageName}' serves deployment '{stage.DeploymentId}', which could not be read ({read.UnreadDeployments[stage.DeploymentId!].TrimEnd('.')}): matched on the current configuration";
            }
            else
            {
                served.Step = configuration == ApiConfiguration.Current
                    ? $"Deployment: the current configuration (-Configuration Current), not what stage '{stage.StageName}' serves"
                    : $"Deployment: stage '{stage.StageName}' has no deployment: matched on the current configuration";
            }

            served.Where = "the current configuration";
            served.Resources = await _run.Services.ApiGateway.GetResourcesAsync(restApiId, _run.Cancellation).ConfigureAwait(false);
            return served;
        }

        private static bool NeedsAuthorizers(RouteMatch match, RouteMatch? canary) =>
            match.Method!.AuthorizationType == "CUSTOM" || (canary?.Method?.AuthorizationType == "CUSTOM");

        /// <summary>
        /// The one resource and method a request reaches, with the authorizer it uses; an authorizer read from an export gets its
        /// id from the current authorizers by name (the export has none; the id is in the source ARN the authorizer presents).
        /// </summary>
        private static ApiDeployment Reached(string deploymentId, RouteMatch match, IReadOnlyList<ApiAuthorizer> served, IReadOnlyList<ApiAuthorizer> current)
        {
            var method = match.Method!;
            var used = new List<ApiAuthorizer>();
            if (method.AuthorizationType == "CUSTOM")
            {
                var authorizer = current.FirstOrDefault(a => !string.IsNullOrEmpty(method.AuthorizerId) && a.Id == method.AuthorizerId)
                    ?? served.FirstOrDefault(a => a.Name == method.AuthorizerName);
                if (authorizer != null && authorizer.Id.Length == 0)
                {
                    authorizer.Id = current.FirstOrDefault(a => a.Name == authorizer.Name)?.Id ?? "";
                    method.AuthorizerId = authorizer.Id;
                }

                used.AddRange(authorizer == null ? new ApiAuthorizer[0] : new[] { authorizer });
            }

            return new ApiDeployment
            {
                Id = deploymentId,
                Resources = new[] { new ApiResource { Id = match.Resource!.Id, Path = match.Resource.Path, Methods = new[] { method } } },
                Authorizers = used,
            };
        }

        private static IEnumerable<string> Describe(IntegrationTarget target)
        {
            yield return target.Kind == TargetKind.Authorizer
                ? $"Authorizer: {target.AuthorizerName} ({target.AuthorizerId}, {target.IntegrationType}) calls {target.IntegrationUri}"
                : $"Integration: {target.IntegrationType} {target.IntegrationUri}";
            yield return target.FunctionArn.Length > 0
                ? $"Function: {target.FunctionArn}, presented source ARN {target.PresentedSourceArn}"
                : $"Function: unresolved (stage variables {string.Join(", ", target.UnresolvedVariables)} are not defined in stage '{target.StageName}')";
        }

        private static string Percent(ApiCanary canary) => canary.PercentTraffic.ToString("0.##", CultureInfo.InvariantCulture) + "%";

        private static string Listed(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list);
        }

        /// <summary>The configuration a stage's requests are matched on, and the Trace line that says which.</summary>
        private sealed class Served
        {
            public string? DeploymentId { get; set; }
            public IReadOnlyList<ApiResource> Resources { get; set; } = new ApiResource[0];
            public IReadOnlyList<ApiAuthorizer> Authorizers { get; set; } = new ApiAuthorizer[0];
            public ApiDeployment? Canary { get; set; }
            public IReadOnlyDictionary<string, string> Unread { get; set; } = new Dictionary<string, string>();
            public string Step { get; set; } = "";
            public string Where { get; set; } = "";
        }
    }
}
