using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>
    /// API Gateway v2 control plane (aws-semantics.md §8): rest-json under /v2, lists under "items", paged by
    /// maxResults/nextToken (a next page is only offered when maxResults is sent, so it always is). Same endpoint and
    /// signing name as REST ("apigateway"), so it is paced in the same account bucket.
    /// </summary>
    internal sealed class ApiGatewayV2Client : IApiGatewayV2Port
    {
        // The service documents no maximum for maxResults; 100 keeps a page small and is accepted by every SDK default seen.
        private const int DefaultPageSize = 100;
        private readonly ServiceCaller _caller;
        private readonly int _pageSize;

        public ApiGatewayV2Client(ServiceCaller caller, int? pageSize)
        {
            _caller = caller;
            _pageSize = pageSize ?? DefaultPageSize;
        }

        public Task<IReadOnlyList<V2ApiSummary>> GetApisAsync(CancellationToken cancellationToken) =>
            ReadListAsync("GetApis", new[] { "v2", "apis" }, ReadApi, a => a.Id, cancellationToken);

        public Task<IReadOnlyList<V2Route>> GetRoutesAsync(string apiId, CancellationToken cancellationToken) =>
            ReadListAsync("GetRoutes", new[] { "v2", "apis", apiId, "routes" }, ReadRoute, r => r.RouteId, cancellationToken);

        public Task<IReadOnlyList<V2Integration>> GetIntegrationsAsync(string apiId, CancellationToken cancellationToken) =>
            ReadListAsync("GetIntegrations", new[] { "v2", "apis", apiId, "integrations" }, ReadIntegration, i => i.IntegrationId, cancellationToken);

        public Task<IReadOnlyList<V2Authorizer>> GetAuthorizersAsync(string apiId, CancellationToken cancellationToken) =>
            ReadListAsync("GetAuthorizers", new[] { "v2", "apis", apiId, "authorizers" }, ReadAuthorizer, a => a.AuthorizerId, cancellationToken);

        public Task<IReadOnlyList<V2Stage>> GetStagesAsync(string apiId, CancellationToken cancellationToken) =>
            ReadListAsync("GetStages", new[] { "v2", "apis", apiId, "stages" }, ReadStage, s => s.StageName, cancellationToken);

        private Task<IReadOnlyList<T>> ReadListAsync<T>(string operation, string[] path, Func<JsonElement, T> readItem, Func<T, string> key, CancellationToken cancellationToken) =>
            Pager.ReadAllAsync(_caller, operation, key, async (token, ct) =>
            {
                var request = new AwsRequest(operation, HttpMethod.Get, path)
                    .WithQuery("maxResults", _pageSize.ToString(CultureInfo.InvariantCulture))
                    .WithQuery("nextToken", token);
                request.Accept = "application/json";
                request.Paced(RateLimiterRegistry.ApiGatewayTotal);
                var response = await _caller.SendAsync(request, ct).ConfigureAwait(false);
                return ResponseReader.Json(_caller, operation, response,
                    root => new Page<T>(root.Array("items").Select(readItem).ToList(), root.Str("nextToken"), response.Bytes.Length));
            }, cancellationToken);

        private static V2ApiSummary ReadApi(JsonElement e) =>
            new V2ApiSummary(e.Required("apiId"), e.Str("name") ?? "", e.Str("protocolType") == "WEBSOCKET" ? ApiType.WebSocket : ApiType.Http);

        private static V2Route ReadRoute(JsonElement e) => new V2Route
        {
            RouteId = e.Required("routeId"),
            RouteKey = e.Str("routeKey") ?? "",
            Target = e.Str("target"),
            AuthorizationType = e.Str("authorizationType"),
            AuthorizerId = e.Str("authorizerId"),
        };

        private static V2Integration ReadIntegration(JsonElement e) => new V2Integration
        {
            IntegrationId = e.Required("integrationId"),
            IntegrationType = e.Str("integrationType") ?? "",
            IntegrationUri = e.Str("integrationUri"),
            CredentialsArn = e.Str("credentialsArn"),
        };

        private static V2Authorizer ReadAuthorizer(JsonElement e) => new V2Authorizer
        {
            AuthorizerId = e.Required("authorizerId"),
            Name = e.Str("name") ?? "",
            AuthorizerType = e.Str("authorizerType") ?? "",
            AuthorizerUri = e.Str("authorizerUri"),
            AuthorizerCredentialsArn = e.Str("authorizerCredentialsArn"),
        };

        private static V2Stage ReadStage(JsonElement e)
        {
            var variables = new Dictionary<string, string>();
            if (e.TryGetProperty("stageVariables", out var v) && v.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in v.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    variables[p.Name] = p.Value.GetString()!;
                }
            }

            var autoDeploy = e.TryGetProperty("autoDeploy", out var a) && a.ValueKind == JsonValueKind.True;
            return new V2Stage { StageName = e.Required("stageName"), AutoDeploy = autoDeploy, DeploymentId = e.Str("deploymentId"), StageVariables = variables };
        }
    }
}
