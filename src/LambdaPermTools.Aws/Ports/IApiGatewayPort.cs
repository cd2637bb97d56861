using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>What the module reads from API Gateway (REST APIs, v1) in one region. Lists are read to the last page.</summary>
    public interface IApiGatewayPort
    {
        /// <summary>GetRestApis, every page (limit 500).</summary>
        Task<IReadOnlyList<RestApiSummary>> GetRestApisAsync(CancellationToken cancellationToken);

        /// <summary>GetRestApi (its name, for APIs named by id only); NotFound when the API does not exist.</summary>
        Task<RestApiSummary> GetRestApiAsync(string restApiId, CancellationToken cancellationToken);

        /// <summary>GetResources?embed=methods, every page (limit 500).</summary>
        Task<IReadOnlyList<ApiResource>> GetResourcesAsync(string restApiId, CancellationToken cancellationToken);

        /// <summary>GetAuthorizers, every page (limit 500).</summary>
        Task<IReadOnlyList<ApiAuthorizer>> GetAuthorizersAsync(string restApiId, CancellationToken cancellationToken);

        /// <summary>GetStages (not paginated).</summary>
        Task<IReadOnlyList<ApiStage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken);

        /// <summary>GetExport of a stage as OpenAPI 3 JSON with API Gateway's extensions: the deployment the stage serves (docs/aws-rules.md §4.5).</summary>
        Task<string> GetExportAsync(string restApiId, string stageName, CancellationToken cancellationToken);

        /// <summary>GetDeployment's createdDate (null when the answer has none).</summary>
        Task<DateTimeOffset?> GetDeploymentCreatedDateAsync(string restApiId, string deploymentId, CancellationToken cancellationToken);
    }
}
