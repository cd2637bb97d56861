using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>What the module reads from API Gateway v2 (HTTP and WebSocket APIs) in one region. Lists are read to the last page.</summary>
    public interface IApiGatewayV2Port
    {
        /// <summary>GetApis, every page.</summary>
        Task<IReadOnlyList<V2ApiSummary>> GetApisAsync(CancellationToken cancellationToken);

        /// <summary>GetRoutes, every page.</summary>
        Task<IReadOnlyList<V2Route>> GetRoutesAsync(string apiId, CancellationToken cancellationToken);

        /// <summary>GetIntegrations, every page.</summary>
        Task<IReadOnlyList<V2Integration>> GetIntegrationsAsync(string apiId, CancellationToken cancellationToken);

        /// <summary>GetAuthorizers, every page.</summary>
        Task<IReadOnlyList<V2Authorizer>> GetAuthorizersAsync(string apiId, CancellationToken cancellationToken);

        /// <summary>GetStages, every page.</summary>
        Task<IReadOnlyList<V2Stage>> GetStagesAsync(string apiId, CancellationToken cancellationToken);
    }
}
