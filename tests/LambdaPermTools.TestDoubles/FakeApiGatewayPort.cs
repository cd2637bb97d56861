using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>API Gateway (REST, v1) of the fake account in one region; lists are paged with <see cref="FakeAws.PageSize"/>, one recorded call per page.</summary>
    internal sealed class FakeApiGatewayPort : IApiGatewayPort
    {
        private const string Service = "apigateway";
        private readonly FakeAws _fake;
        private readonly ConnectionOptions _options;
        private readonly string _region;

        public FakeApiGatewayPort(FakeAws fake, ConnectionOptions options, string region)
        {
            _fake = fake;
            _options = options;
            _region = region;
        }

        public Task<IReadOnlyList<RestApiSummary>> GetRestApisAsync(CancellationToken cancellationToken) =>
            PagedAsync("GetRestApis", null, () => _fake.ApisIn(_region).Select(a => new RestApiSummary(a.Id, a.Name)).ToList(), cancellationToken);

        public async Task<RestApiSummary> GetRestApiAsync(string restApiId, CancellationToken cancellationToken)
        {
            await _fake.CallAsync(_options, Service, "GetRestApi", _region, restApiId, cancellationToken, ("restapi_id", restApiId)).ConfigureAwait(false);
            var api = Api(restApiId, "GetRestApi");
            return new RestApiSummary(api.Id, api.Name);
        }

        /// <summary>The deployment the stage serves, not the current configuration (a stage added without a deployment serves the current one).</summary>
        public async Task<string> GetExportAsync(string restApiId, string stageName, CancellationToken cancellationToken)
        {
            await _fake.CallAsync(_options, Service, "GetExport", _region, restApiId, cancellationToken,
                ("restapi_id", restApiId), ("stage_name", stageName), ("export_type", "oas30"), ("extensions", "apigateway")).ConfigureAwait(false);
            lock (_fake.Sync)
            {
                var api = Api(restApiId, "GetExport");
                var served = api.Served(stageName) ?? throw FakeErrors.NotFound(Service, "GetExport", $"Invalid stage identifier specified {_fake.CallerAccount}:{restApiId}/{stageName}");
                return FakeExport.Write(api.Name, served);
            }
        }

        /// <summary>GetDeployment: NotFoundException for an id that CreateDeployment did not make.</summary>
        public async Task<DateTimeOffset?> GetDeploymentCreatedDateAsync(string restApiId, string deploymentId, CancellationToken cancellationToken)
        {
            await _fake.CallAsync(_options, Service, "GetDeployment", _region, restApiId, cancellationToken, ("restapi_id", restApiId), ("deployment_id", deploymentId)).ConfigureAwait(false);
            lock (_fake.Sync)
            {
                return Api(restApiId, "GetDeployment").DeploymentCreated(deploymentId)
                    ?? throw FakeErrors.NotFound(Service, "GetDeployment", $"Invalid Deployment identifier specified");
            }
        }

        public Task<IReadOnlyList<ApiResource>> GetResourcesAsync(string restApiId, CancellationToken cancellationToken) =>
            PagedAsync("GetResources", restApiId, () => Api(restApiId, null).Resources, cancellationToken);

        public Task<IReadOnlyList<ApiAuthorizer>> GetAuthorizersAsync(string restApiId, CancellationToken cancellationToken) =>
            PagedAsync("GetAuthorizers", restApiId, () => Api(restApiId, null).Authorizers, cancellationToken);

        public async Task<IReadOnlyList<ApiStage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken)
        {
            await _fake.CallAsync(_options, Service, "GetStages", _region, restApiId, cancellationToken, ("restapi_id", restApiId)).ConfigureAwait(false);
            lock (_fake.Sync)
            {
                return Api(restApiId, "GetStages").Stages;
            }
        }

        /// <summary>Reads a list page by page as the real API does (position token in and out), recording each page.</summary>
        private async Task<IReadOnlyList<T>> PagedAsync<T>(string operation, string? restApiId, Func<IReadOnlyList<T>> all, CancellationToken cancellationToken)
        {
            var result = new List<T>();
            string? position = null;
            do
            {
                var arguments = new List<(string, string?)> { ("position", position) };
                if (restApiId != null)
                {
                    arguments.Insert(0, ("restapi_id", restApiId));
                }

                if (operation == "GetResources")
                {
                    arguments.Add(("embed", "methods"));
                }

                await _fake.CallAsync(_options, Service, operation, _region, restApiId, cancellationToken, arguments.ToArray()).ConfigureAwait(false);
                lock (_fake.Sync)
                {
                    var items = all();
                    var start = position == null ? 0 : int.Parse(position);
                    result.AddRange(items.Skip(start).Take(_fake.PageSize));
                    var next = start + _fake.PageSize;
                    position = next < items.Count ? next.ToString() : null;
                }
            }
            while (position != null);

            return result;
        }

        private FakeRestApi Api(string restApiId, string? operation)
        {
            lock (_fake.Sync)
            {
                return _fake.FindApi(_region, restApiId)
                    ?? throw FakeErrors.NotFound(Service, operation ?? "GetResources", $"Invalid API identifier specified {_fake.CallerAccount}:{restApiId}");
            }
        }
    }
}
