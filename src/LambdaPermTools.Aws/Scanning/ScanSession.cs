using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Scanning
{
    /// <summary>
    /// One cmdlet invocation's work against one connection: reads REST APIs frugally (per API only GetResources
    /// pages with embed=methods, GetAuthorizers pages and one GetStages; GetRestApis pages for -All), one
    /// GetCallerIdentity for the API owner's account, and Lambda/IAM evidence shared across APIs
    /// (<see cref="EvidenceCache"/>). Reads up to <see cref="MaxConcurrentApis"/> APIs from API Gateway at once, and
    /// lets later APIs' reads overlap earlier APIs' policy reads, holding at most <see cref="MaxApisInMemory"/> at a time.
    /// </summary>
    public sealed class ScanSession
    {
        /// <summary>APIs whose API Gateway snapshot (GetResources, GetAuthorizers, GetStages) is being read at once.</summary>
        public const int MaxConcurrentApis = 4;

        /// <summary>
        /// APIs between the start of their read and the delivery of their result (their targets, then findings, in memory).
        /// Well above <see cref="MaxConcurrentApis"/>: API Gateway allows only 2.5 GetResources per second (§6.1), so
        /// APIs must be read ahead for their new policy reads to keep Lambda's quota busy (12 measurably starved it at
        /// 40 APIs); bounded, so that memory does not grow with the account.
        /// </summary>
        public const int MaxApisInMemory = 24;
        private const int MaxConcurrentReads = 4;
        private readonly Lazy<Task<CallerIdentity>> _caller;
        private readonly EvidenceCache _evidence;

        public ScanSession(IAwsServices services, CancellationToken cancellation)
        {
            Services = services;
            Cancellation = cancellation;
            _caller = new Lazy<Task<CallerIdentity>>(() => services.Sts.GetCallerIdentityAsync(cancellation));
            _evidence = new EvidenceCache(services, MaxConcurrentReads, cancellation);
        }

        public IAwsServices Services { get; }
        public CancellationToken Cancellation { get; }

        /// <summary>The account of the credentials (GetCallerIdentity, once per session) = the owner of the APIs they read.</summary>
        public async Task<string> CallerAccountAsync() => (await _caller.Value.ConfigureAwait(false)).Account;

        /// <summary>
        /// Scans the requested APIs concurrently; each API's result goes to the listener as soon as it is complete.
        /// With <paramref name="evaluateWith"/> the targets are also judged (findings); without, only listed.
        /// </summary>
        public async Task ScanAsync(ApiRequest request, TargetSelection selection, FixOptions? evaluateWith, IScanListener listener)
        {
            var apis = new List<RestApiSummary>(request.Apis);
            if (request.All)
            {
                try
                {
                    apis.AddRange(await Services.ApiGateway.GetRestApisAsync(Cancellation).ConfigureAwait(false));
                }
                catch (AwsServiceException e)
                {
                    listener.Failed(ScanError.Generic(e, Services.Region, $"the REST APIs of region {Services.Region}"));
                }
            }

            // Each API once; when it is named twice, keep the entry that knows its name.
            apis = apis.GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.OrderByDescending(a => a.Name.Length).First()).ToList();
            using var reading = new SemaphoreSlim(MaxConcurrentApis);
            using var held = new SemaphoreSlim(MaxApisInMemory);
            var completed = 0;
            await Task.WhenAll(apis.Select(async api =>
            {
                await held.WaitAsync(Cancellation).ConfigureAwait(false);
                try
                {
                    listener.ApiCompleted(await ScanApiAsync(api, selection, evaluateWith, reading).ConfigureAwait(false));
                }
                finally
                {
                    held.Release();
                    listener.Progress(Interlocked.Increment(ref completed), apis.Count, api.Id);
                }
            })).ConfigureAwait(false);
        }

        /// <summary>Judges targets that came from the pipeline: the same evidence reads as a scan, no API Gateway calls.</summary>
        public async Task<TargetEvaluation> EvaluateAsync(IReadOnlyList<IntegrationTarget> targets, FixOptions fix)
        {
            var errors = new List<ScanError>();
            var findings = await EvaluateAsync(targets, fix, errors).ConfigureAwait(false);
            return new TargetEvaluation(findings, errors);
        }

        private async Task<ApiScanResult> ScanApiAsync(RestApiSummary api, TargetSelection selection, FixOptions? fix, SemaphoreSlim reading)
        {
            var errors = new List<ScanError>();
            IReadOnlyList<IntegrationTarget> targets;
            try
            {
                targets = await ReadTargetsAsync(api, selection, reading).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                errors.Add(ScanError.ForApi(e, api.Id));
                return new ApiScanResult(api, new IntegrationTarget[0], new PermissionFinding[0], errors);
            }

            var findings = fix == null ? new PermissionFinding[0] : await EvaluateAsync(targets, fix, errors).ConfigureAwait(false);
            return new ApiScanResult(api, targets, findings, errors);
        }

        /// <summary>
        /// Holds a reading slot only while API Gateway is read; the snapshot is dropped here, once its targets are
        /// resolved, so that an API waiting for its policy reads keeps only its targets.
        /// </summary>
        private async Task<IReadOnlyList<IntegrationTarget>> ReadTargetsAsync(RestApiSummary api, TargetSelection selection, SemaphoreSlim reading)
        {
            ApiSnapshot snapshot;
            await reading.WaitAsync(Cancellation).ConfigureAwait(false);
            try
            {
                snapshot = await ReadSnapshotAsync(api).ConfigureAwait(false);
            }
            finally
            {
                reading.Release();
            }

            return TargetResolver.Resolve(snapshot, selection);
        }

        /// <summary>GetResources first: a missing API costs one call, not three.</summary>
        private async Task<ApiSnapshot> ReadSnapshotAsync(RestApiSummary api)
        {
            var gateway = Services.ApiGateway;
            var resources = await gateway.GetResourcesAsync(api.Id, Cancellation).ConfigureAwait(false);
            var authorizers = await gateway.GetAuthorizersAsync(api.Id, Cancellation).ConfigureAwait(false);
            var stages = await gateway.GetStagesAsync(api.Id, Cancellation).ConfigureAwait(false);
            return new ApiSnapshot
            {
                Api = api,
                AccountId = await CallerAccountAsync().ConfigureAwait(false),
                Region = Services.Region,
                Partition = Services.Partition,
                Resources = resources,
                Authorizers = authorizers,
                Stages = stages,
            };
        }

        private async Task<IReadOnlyList<PermissionFinding>> EvaluateAsync(IReadOnlyList<IntegrationTarget> targets, FixOptions fix, List<ScanError> errors)
        {
            var evidence = await _evidence.CollectAsync(EvidenceNeeds.For(targets), errors).ConfigureAwait(false);
            return targets.Select(t => PermissionEvaluator.Evaluate(t, evidence)).ToList();
        }
    }
}
