using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// API Gateway v2 of the fake account in one region: every list is paged with <see cref="FakeAws.PageSize"/> by
    /// maxResults/nextToken, one recorded call per page; an unknown API id is a NotFoundException.
    /// </summary>
    internal sealed class FakeApiGatewayV2Port : IApiGatewayV2Port
    {
        private const string Service = "apigateway";
        private readonly FakeAws _fake;
        private readonly ConnectionOptions _options;
        private readonly string _region;

        public FakeApiGatewayV2Port(FakeAws fake, ConnectionOptions options, string region)
        {
            _fake = fake;
            _options = options;
            _region = region;
        }

        public Task<IReadOnlyList<V2ApiSummary>> GetApisAsync(CancellationToken cancellationToken) =>
            PagedAsync("GetApis", null, () => _fake.V2ApisIn(_region).Select(a => new V2ApiSummary(a.Id, a.Name, a.Type)).ToList(), cancellationToken);

        public Task<IReadOnlyList<V2Route>> GetRoutesAsync(string apiId, CancellationToken cancellationToken) =>
            PagedAsync("GetRoutes", apiId, () => Api(apiId, "GetRoutes").Routes, cancellationToken);

        public Task<IReadOnlyList<V2Integration>> GetIntegrationsAsync(string apiId, CancellationToken cancellationToken) =>
            PagedAsync("GetIntegrations", apiId, () => Api(apiId, "GetIntegrations").Integrations, cancellationToken);

        public Task<IReadOnlyList<V2Authorizer>> GetAuthorizersAsync(string apiId, CancellationToken cancellationToken) =>
            PagedAsync("GetV2Authorizers", apiId, () => Api(apiId, "GetAuthorizers").Authorizers, cancellationToken);

        public Task<IReadOnlyList<V2Stage>> GetStagesAsync(string apiId, CancellationToken cancellationToken) =>
            PagedAsync("GetV2Stages", apiId, () => Api(apiId, "GetStages").Stages, cancellationToken);

        // The REST and v2 GetAuthorizers/GetStages share names on the wire; the fake records the v2 ones as GetV2… so that tests can count each.
        private async Task<IReadOnlyList<T>> PagedAsync<T>(string operation, string? apiId, Func<IReadOnlyList<T>> all, CancellationToken cancellationToken)
        {
            var result = new List<T>();
            string? token = null;
            do
            {
                await _fake.CallAsync(_options, Service, operation, _region, apiId, cancellationToken,
                    ("api_id", apiId), ("maxResults", _fake.PageSize.ToString()), ("nextToken", token)).ConfigureAwait(false);
                lock (_fake.Sync)
                {
                    var items = all();
                    var start = token == null ? 0 : int.Parse(token.Substring(1));
                    result.AddRange(items.Skip(start).Take(_fake.PageSize));
                    var next = start + _fake.PageSize;
                    token = next < items.Count ? "t" + next : null;
                }
            }
            while (token != null);

            return result;
        }

        private FakeV2Api Api(string apiId, string operation)
        {
            lock (_fake.Sync)
            {
                return _fake.FindV2Api(_region, apiId)
                    ?? throw FakeErrors.NotFound(Service, operation, $"Invalid API identifier specified {_fake.CallerAccount}:{apiId}");
            }
        }
    }
}
