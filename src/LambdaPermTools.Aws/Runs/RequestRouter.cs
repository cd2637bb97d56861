using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Requests;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// From one failing request to the targets it reaches: the stage from the URL, the resource and method as API
    /// Gateway matches them, then the method's authorizer (first) and integration, each with its Trace. Reads only what
    /// the answer needs: the API's resources and stages, the authorizers only when the method has one.
    /// </summary>
    internal sealed class RequestRouter
    {
        private readonly RunContext _run;

        public RequestRouter(RunContext run)
        {
            _run = run;
        }

        public async Task RouteAsync(RouteRequest request, IRunObserver<IReadOnlyList<IntegrationTarget>> observer)
        {
            if (request.Url.Kind != RequestHostKind.ExecuteApi)
            {
                throw new ArgumentException("Only execute-api URLs are routed by the run; custom domains need their mappings read first.", nameof(request));
            }

            var pick = DomainRouter.ForExecuteApi(request.Url);
            if (pick == null)
            {
                observer.Failed(new RunError(ErrorId.RouteNotFound, $"'{request.Url.Original}' names no stage: the first path segment of an execute-api URL is the stage.",
                    request.Url.Original, "Add the stage to the URL (https://{api}.execute-api.{region}.amazonaws.com/{stage}/…)."));
                return;
            }

            try
            {
                var targets = await ServedTargetsAsync(pick, request, observer).ConfigureAwait(false);
                if (targets != null)
                {
                    observer.Delivered(targets);
                }
            }
            catch (AwsServiceException e)
            {
                observer.Failed(RunError.ForApi(e, pick.RestApiId));
            }
        }

        // The seam for "what the stage serves": today the API's current configuration, read frugally.
        private async Task<IReadOnlyList<IntegrationTarget>?> ServedTargetsAsync(StagePick pick, RouteRequest request, IRunObserver<IReadOnlyList<IntegrationTarget>> observer)
        {
            var gateway = _run.Services.ApiGateway;
            var resources = await gateway.GetResourcesAsync(pick.RestApiId, _run.Cancellation).ConfigureAwait(false);
            var stages = await gateway.GetStagesAsync(pick.RestApiId, _run.Cancellation).ConfigureAwait(false);
            if (!stages.Any(s => s.StageName == pick.Stage))
            {
                var names = string.Join(", ", stages.Select(s => s.StageName).OrderBy(n => n, StringComparer.Ordinal));
                observer.Failed(new RunError(ErrorId.StageNotFound, $"REST API {pick.RestApiId} has no stage '{pick.Stage}' (stages: {names}).", pick.Stage,
                    "Check the first path segment of the URL: it names the stage."));
                return null;
            }

            var match = ResourceRouter.Match(resources, pick.Segments, request.HttpMethod);
            if (!match.Found)
            {
                var path = RequestUrl.PathOf(pick.Segments);
                observer.Failed(new RunError(ErrorId.RouteNotFound,
                    $"{request.HttpMethod} {path} matches no method of stage '{pick.Stage}' of REST API {pick.RestApiId}; nearest: {string.Join("; ", match.Nearest)}.",
                    request.Url.Original, "Check the path and the verb (-HttpMethod) against the API's resources."));
                return null;
            }

            var method = match.Method!;
            var authorizers = method.AuthorizationType == "CUSTOM"
                ? (await gateway.GetAuthorizersAsync(pick.RestApiId, _run.Cancellation).ConfigureAwait(false)).Where(a => a.Id == method.AuthorizerId).ToList()
                : new List<ApiAuthorizer>();
            var snapshot = new ApiSnapshot
            {
                Api = new RestApiSummary(pick.RestApiId, ""),
                AccountId = await _run.CallerAccountAsync().ConfigureAwait(false),
                Region = _run.Services.Region,
                Partition = _run.Services.Partition,
                Resources = new[] { new ApiResource { Id = match.Resource!.Id, Path = match.Resource.Path, Methods = new[] { method } } },
                Authorizers = authorizers,
                Stages = stages.Where(s => s.StageName == pick.Stage).ToList(),
            };
            var targets = TargetResolver.Resolve(snapshot, new TargetSelection { StageNames = new[] { pick.Stage } })
                .OrderBy(t => t.Kind == TargetKind.Authorizer ? 0 : 1)
                .ToList();
            var steps = pick.Trace.Concat(match.Trace).ToList();
            foreach (var target in targets)
            {
                target.Trace = steps.Concat(Describe(target)).ToArray();
            }

            return targets;
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
    }
}
