using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Api;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Scanning
{
    /// <summary>
    /// The ports of one connection, unchanged, that also remember the stage names of every API whose GetStages
    /// answered. A scan reports targets only, so this is how a cmdlet tells a -StageName that names no stage from a
    /// stage without Lambda targets, without an extra call.
    /// </summary>
    public sealed class StageRecorder : IAwsServices
    {
        private readonly IAwsServices _inner;
        private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _stages = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        public StageRecorder(IAwsServices inner)
        {
            _inner = inner;
        }

        /// <summary>The stage names of each API read so far, by API id.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> StagesByApi => _stages;

        public string Region => _inner.Region;
        public string Partition => _inner.Partition;
        public IApiGatewayPort ApiGateway => new RecordingGateway(_inner.ApiGateway, _stages);
        public IIamPort Iam => _inner.Iam;
        public IStsPort Sts => _inner.Sts;

        public ILambdaPort Lambda(string region) => _inner.Lambda(region);

        public void Dispose() => _inner.Dispose();

        private sealed class RecordingGateway : IApiGatewayPort
        {
            private readonly IApiGatewayPort _inner;
            private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _stages;

            public RecordingGateway(IApiGatewayPort inner, ConcurrentDictionary<string, IReadOnlyList<string>> stages)
            {
                _inner = inner;
                _stages = stages;
            }

            public async Task<IReadOnlyList<ApiStage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken)
            {
                var stages = await _inner.GetStagesAsync(restApiId, cancellationToken).ConfigureAwait(false);
                _stages[restApiId] = stages.Select(s => s.StageName).ToList();
                return stages;
            }

            public Task<IReadOnlyList<RestApiSummary>> GetRestApisAsync(CancellationToken cancellationToken) => _inner.GetRestApisAsync(cancellationToken);


            public Task<IReadOnlyList<ApiResource>> GetResourcesAsync(string restApiId, CancellationToken cancellationToken) => _inner.GetResourcesAsync(restApiId, cancellationToken);

            public Task<IReadOnlyList<ApiAuthorizer>> GetAuthorizersAsync(string restApiId, CancellationToken cancellationToken) => _inner.GetAuthorizersAsync(restApiId, cancellationToken);
        }
    }
}
