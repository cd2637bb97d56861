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
    /// API Gateway REST control plane (docs/aws-rules.md §6.1): rest-json, lists under "item", paged by position/limit,
    /// Accept: application/json on every call (otherwise API Gateway answers HAL). Paced to the account quotas.
    /// </summary>
    internal sealed class ApiGatewayClient : IApiGatewayPort
    {
        private const int MaxLimit = 500;
        private readonly ServiceCaller _caller;
        private readonly int _limit;

        public ApiGatewayClient(ServiceCaller caller, int? pageSize)
        {
            _caller = caller;
            _limit = pageSize ?? MaxLimit;
        }

        public Task<IReadOnlyList<RestApiSummary>> GetRestApisAsync(CancellationToken cancellationToken) =>
            ReadListAsync("GetRestApis", new[] { "restapis" }, null, ReadRestApi, a => a.Id, cancellationToken);

        public async Task<RestApiSummary> GetRestApiAsync(string restApiId, CancellationToken cancellationToken)
        {
            var response = await SendAsync(new AwsRequest("GetRestApi", HttpMethod.Get, "restapis", restApiId), cancellationToken).ConfigureAwait(false);
            return ResponseReader.Json(_caller, "GetRestApi", response, ReadRestApi);
        }

        public Task<IReadOnlyList<ApiResource>> GetResourcesAsync(string restApiId, CancellationToken cancellationToken) =>
            ReadListAsync("GetResources", new[] { "restapis", restApiId, "resources" }, "methods", ReadResource, r => r.Id, cancellationToken);

        public Task<IReadOnlyList<ApiAuthorizer>> GetAuthorizersAsync(string restApiId, CancellationToken cancellationToken) =>
            ReadListAsync("GetAuthorizers", new[] { "restapis", restApiId, "authorizers" }, null, ReadAuthorizer, a => a.Id, cancellationToken);

        public async Task<IReadOnlyList<ApiStage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken)
        {
            // GetStages is not paginated (BC:apigateway).
            var response = await SendAsync(new AwsRequest("GetStages", HttpMethod.Get, "restapis", restApiId, "stages"), cancellationToken).ConfigureAwait(false);
            return ResponseReader.Json(_caller, "GetStages", response, root => (IReadOnlyList<ApiStage>)root.Array("item").Select(ReadStage).ToList());
        }

        public async Task<string> GetExportAsync(string restApiId, string stageName, CancellationToken cancellationToken)
        {
            // extensions=apigateway: integrations and authorizers both (APIGW-API:GetExport; the console's "OpenAPI 3 + API Gateway extensions").
            var request = new AwsRequest("GetExport", HttpMethod.Get, "restapis", restApiId, "stages", stageName, "exports", "oas30")
                .WithQuery("extensions", "apigateway");
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ResponseReader.Json(_caller, "GetExport", response, _ => response.Body);
        }

        public async Task<DateTimeOffset?> GetDeploymentCreatedDateAsync(string restApiId, string deploymentId, CancellationToken cancellationToken)
        {
            var request = new AwsRequest("GetDeployment", HttpMethod.Get, "restapis", restApiId, "deployments", deploymentId);
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ResponseReader.Json(_caller, "GetDeployment", response, root => ReadDate(root, "createdDate"));
        }

        private async Task<IReadOnlyList<T>> ReadListAsync<T>(string operation, string[] path, string? embed,
            System.Func<JsonElement, T> readItem, System.Func<T, string> key, CancellationToken cancellationToken)
        {
            return await Pager.ReadAllAsync(_caller, operation, key, async (position, ct) =>
            {
                var request = new AwsRequest(operation, HttpMethod.Get, path)
                    .WithQuery("embed", embed)
                    .WithQuery("limit", _limit.ToString(CultureInfo.InvariantCulture))
                    .WithQuery("position", position);
                var response = await SendAsync(request, ct).ConfigureAwait(false);
                return ResponseReader.Json(_caller, operation, response,
                    root => new Page<T>(root.Array("item").Select(readItem).ToList(), root.Str("position"), response.Bytes.Length));
            }, cancellationToken).ConfigureAwait(false);
        }

        private Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
        {
            request.Accept = "application/json";
            request.Paced(request.Operation == "GetResources"
                ? new[] { RateLimiterRegistry.ApiGatewayTotal, RateLimiterRegistry.ApiGatewayGetResources }
                : new[] { RateLimiterRegistry.ApiGatewayTotal });
            return _caller.SendAsync(request, cancellationToken);
        }

        private static RestApiSummary ReadRestApi(JsonElement e) => new RestApiSummary(e.Required("id"), e.Str("name") ?? "");

        private static ApiResource ReadResource(JsonElement e)
        {
            var methods = new List<ApiMethod>();
            if (e.TryGetProperty("resourceMethods", out var resourceMethods) && resourceMethods.ValueKind == JsonValueKind.Object)
            {
                foreach (var m in resourceMethods.EnumerateObject())
                {
                    var method = new ApiMethod
                    {
                        HttpMethod = m.Value.Str("httpMethod") ?? m.Name,
                        AuthorizationType = m.Value.Str("authorizationType"),
                        AuthorizerId = m.Value.Str("authorizerId"),
                    };
                    if (m.Value.TryGetProperty("methodIntegration", out var i) && i.ValueKind == JsonValueKind.Object)
                    {
                        method.Integration = new ApiIntegration { Type = i.Str("type") ?? "", Uri = i.Str("uri"), Credentials = i.Str("credentials"), HttpMethod = i.Str("httpMethod") };
                    }

                    methods.Add(method);
                }
            }
            return new ApiResource { Id = e.Required("id"), Path = e.Str("path") ?? "", Methods = methods };
        }

        private static ApiAuthorizer ReadAuthorizer(JsonElement e) => new ApiAuthorizer
        {
            Id = e.Required("id"),
            Name = e.Str("name") ?? "",
            Type = e.Str("type") ?? "",
            AuthorizerUri = e.Str("authorizerUri"),
            AuthorizerCredentials = e.Str("authorizerCredentials"),
        };

        private static ApiStage ReadStage(JsonElement e)
        {
            var variables = StringMap(e, "variables");
            return new ApiStage
            {
                StageName = e.Required("stageName"),
                DeploymentId = e.Str("deploymentId"),
                Variables = variables,
                Canary = ReadCanary(e),
                LastUpdatedDate = ReadDate(e, "lastUpdatedDate"),
            };
        }

        private static Dictionary<string, string> StringMap(JsonElement e, string name)
        {
            var map = new Dictionary<string, string>();
            if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in v.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    map[p.Name] = p.Value.GetString()!;
                }
            }

            return map;
        }

        private static ApiCanary? ReadCanary(JsonElement e) =>
            e.TryGetProperty("canarySettings", out var c) && c.ValueKind == JsonValueKind.Object && c.Str("deploymentId") is string id
                ? new ApiCanary
                {
                    DeploymentId = id,
                    PercentTraffic = c.TryGetProperty("percentTraffic", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : 0,
                    StageVariableOverrides = StringMap(c, "stageVariableOverrides"),
                }
                : null;

        /// <summary>rest-json timestamps are epoch seconds (BC:apigateway); an ISO text is read too.</summary>
        private static DateTimeOffset? ReadDate(JsonElement e, string name)
        {
            if (!e.TryGetProperty(name, out var v))
            {
                return null;
            }

            if (v.ValueKind == JsonValueKind.Number)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(v.GetDouble() * 1000));
            }

            return v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : (DateTimeOffset?)null;
        }
    }
}
