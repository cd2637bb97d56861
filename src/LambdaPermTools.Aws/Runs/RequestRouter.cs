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

        /// <summary>The targets the request reaches; none, with the reason given to <paramref name="failed"/>, when it reaches no method.</summary>
        public async Task<IReadOnlyList<IntegrationTarget>> RouteAsync(RouteRequest request, Action<RunError> failed)
        {
            if (request.Url.Kind != RequestHostKind.ExecuteApi)
            {
                failed(new RunError(ErrorId.DomainNotFound,
                    $"'{request.Url.Host}' is not an execute-api host, and custom domain names (GetDomainName, GetBasePathMappings, routing rules) are not read by this version.",
                    request.Url.Original, "Pass the stage's execute-api URL (https://{api}.execute-api.{region}.amazonaws.com/{stage}/…): the domain's API mapping names the API and stage."));
                return new IntegrationTarget[0];
            }

            var pick = DomainRouter.ForExecuteApi(request.Url);
            if (pick == null)
            {
                failed(new RunError(ErrorId.RouteNotFound, $"'{request.Url.Original}' names no stage: the first path segment of an execute-api URL is the stage.",
                    request.Url.Original, "Add the stage to the URL (https://{api}.execute-api.{region}.amazonaws.com/{stage}/…)."));
                return new IntegrationTarget[0];
            }

            try
            {
                return await ServedTargetsAsync(pick, request, failed).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                failed(RunError.ForApi(e, pick.RestApiId));
                return new IntegrationTarget[0];
            }
        }

        // The seam for "what the stage serves": today the API's current configuration, read frugally.
        private async Task<IReadOnlyList<IntegrationTarget>> ServedTargetsAsync(StagePick pick, RouteRequest request, Action<RunError> failed)
        {
            var gateway = _run.Services.ApiGateway;
            var resources = await gateway.GetResourcesAsync(pick.RestApiId, _run.Cancellation).ConfigureAwait(false);
            var stages = await gateway.GetStagesAsync(pick.RestApiId, _run.Cancellation).ConfigureAwait(false);
            if (!stages.Any(s => s.StageName == pick.Stage))
            {
                var names = string.Join(", ", stages.Select(s => s.StageName).OrderBy(n => n, StringComparer.Ordinal));
                failed(new RunError(ErrorId.StageNotFound, $"REST API {pick.RestApiId} has no stage '{pick.Stage}' (stages: {names}).", pick.Stage,
                    "Check the first path segment of the URL: it names the stage."));
                return new IntegrationTarget[0];
            }

            var match = ResourceRouter.Match(resources, pick.Segments, request.HttpMethod);
            if (!match.Found)
            {
                var path = RequestUrl.PathOf(pick.Segments);
                failed(new RunError(ErrorId.RouteNotFound,
                    $"{request.HttpMethod} {path} matches no method of stage '{pick.Stage}' of REST API {pick.RestApiId}; nearest: {string.Join("; ", match.Nearest)}.",
                    request.Url.Original, "Check the path and the verb (-HttpMethod) against the API's resources."));
                return new IntegrationTarget[0];
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
