using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Reads APIs frugally (per REST API only GetResources pages with embed=methods, GetAuthorizers pages, one GetStages,
    /// GetRestApi when only the id is known, and one GetExport per distinct deployment the selected stages serve; GetRestApis
    /// pages for every API of the region; per HTTP or WebSocket API only its GetRoutes, GetIntegrations, GetAuthorizers and
    /// GetStages pages, and one GetApis listing for all of them), resolves their targets and hands each API's targets
    /// to a finishing step (listing or judging) whose result goes to the observer as soon as that API is done. Reads up
    /// to <see cref="MaxConcurrentApis"/> APIs from API Gateway at once and lets later APIs' reads overlap earlier APIs'
    /// policy reads, holding at most <see cref="MaxApisInMemory"/> at a time. Knows every API's stages, so that a
    /// -StageName no API has is reported (StageNotFound) without another call.
    /// </summary>
    internal sealed class ApiScanner
    {
        /// <summary>APIs whose API Gateway snapshot (GetResources, GetAuthorizers, GetStages) is being read at once.</summary>
        public const int MaxConcurrentApis = 4;

        /// <summary>
        /// APIs between the start of their read and the delivery of their result (their targets, then findings, in memory).
        /// Far above <see cref="MaxConcurrentApis"/>: API Gateway allows only 2.5 GetResources per second (docs/aws-rules.md
        /// §6.1), and once the first APIs have named most functions, every later API waits for policy reads until nearly the
        /// last of them; APIs not yet read by then form a tail after the policies (24 left 13 of 40 APIs for after them). An
        /// API that waits holds only its targets (its snapshot is dropped once resolved), a few hundred KB; bounded, so that
        /// a very large account cannot hold them all.
        /// </summary>
        public const int MaxApisInMemory = 256;

        private readonly RunContext _run;
        private readonly DeploymentReader _deployments;

        public ApiScanner(RunContext run)
        {
            _run = run;
            _deployments = new DeploymentReader(run);
        }

        /// <summary>Reads the requested APIs and delivers each API's targets as they are.</summary>
        public Task ScanTargetsAsync(RunRequest request, IRunObserver<IReadOnlyList<IntegrationTarget>> observer) =>
            ScanAsync(request, (targets, errors, deliver) =>
            {
                deliver(targets);
                return Task.CompletedTask;
            }, observer);

        /// <summary>
        /// Reads the requested APIs concurrently; <paramref name="finish"/> turns one API's targets into results, delivering
        /// each as soon as it has it (a judge delivers per function, so no API's findings wait for its slowest function).
        /// </summary>
        public async Task ScanAsync<T>(RunRequest request, Func<IReadOnlyList<IntegrationTarget>, List<RunError>, Action<T>, Task> finish, IRunObserver<T> observer)
        {
            var apis = (await RestApisAsync(request, observer).ConfigureAwait(false)).Select(a => new ApiSource(a.Id, () => ReadRestAsync(a, request.Stages), e => RunError.ForApi(e, a.Id)))
                .Concat((await V2ApisAsync(request, observer).ConfigureAwait(false)).Select(a => new ApiSource(a.Id, () => ReadV2Async(a, request.Stages), e => RunError.FromAws(e, a.Id, $"{a.Type} API '{a.Id}'"))))
                .ToList();
            if (apis.Count > 0)
            {
                // Every snapshot needs the account: asked for beside the first APIs' reads, not after them.
                _run.StartCallerIdentity();
            }

            var stagesByApi = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            using var reading = new SemaphoreSlim(MaxConcurrentApis);
            using var held = new SemaphoreSlim(MaxApisInMemory);
            var completed = 0;
            await Task.WhenAll(apis.Select(async api =>
            {
                await held.WaitAsync(_run.Cancellation).ConfigureAwait(false);
                try
                {
                    await ScanAsync(api, reading, stagesByApi, finish, observer).ConfigureAwait(false);
                }
                finally
                {
                    held.Release();
                    observer.Progressed(Interlocked.Increment(ref completed), apis.Count, api.Id);
                }
            })).ConfigureAwait(false);

            foreach (var error in StageCheck.Missing(request.Stages, stagesByApi))
            {
                observer.Failed(error);
            }
        }

        private async Task ScanAsync<T>(ApiSource api, SemaphoreSlim reading, ConcurrentDictionary<string, IReadOnlyList<string>> stagesByApi,
            Func<IReadOnlyList<IntegrationTarget>, List<RunError>, Action<T>, Task> finish, IRunObserver<T> observer)
        {
            var errors = new List<RunError>();
            Task finishing;
            try
            {
                finishing = Finish(await ReadTargetsAsync(api, reading, stagesByApi).ConfigureAwait(false), finish, errors, observer);
            }
            catch (AwsServiceException e)
            {
                observer.Failed(api.Failure(e));
                return;
            }

            await finishing.ConfigureAwait(false);
            errors.ForEach(observer.Failed);
        }

        /// <summary>
        /// Hands the targets to the finishing step without keeping them: a judge lets each function's targets go once they
        /// are judged, which it could not if this scan held the API's list until its last function.
        /// </summary>
        private static Task Finish<T>(TargetResolution resolution, Func<IReadOnlyList<IntegrationTarget>, List<RunError>, Action<T>, Task> finish, List<RunError> errors, IRunObserver<T> observer)
        {
            resolution.Warnings.ForEach(observer.Warned);
            return finish(resolution.Targets, errors, observer.Delivered);
        }

        /// <summary>The named REST APIs and, with <see cref="RunRequest.AllApis"/>, every REST API of the region; each once.</summary>
        public async Task<IReadOnlyList<RestApiSummary>> RestApisAsync<T>(RunRequest request, IRunObserver<T> observer)
        {
            var apis = new List<RestApiSummary>(request.Apis);
            if (request.AllApis)
            {
                try
                {
                    apis.AddRange(await _run.Services.ApiGateway.GetRestApisAsync(_run.Cancellation).ConfigureAwait(false));
                }
                catch (AwsServiceException e)
                {
                    observer.Failed(RunError.FromAws(e, _run.Services.Region, $"the REST APIs of region {_run.Services.Region}"));
                }
            }

            // When an API is named twice, keep the entry that knows its name.
            return apis.GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.OrderByDescending(a => a.Name.Length).First()).ToList();
        }

        /// <summary>
        /// The HTTP and WebSocket APIs named by id, already listed (<see cref="RunRequest.V2Apis"/>) and, with
        /// <see cref="RunRequest.AllV2Types"/>, every one of those types; each once. One GetApis listing serves both: it gives each named API its type and name (its routes do not say whether it
        /// is HTTP or WebSocket), and an id it does not list is an ApiNotFound without further calls.
        /// </summary>
        private async Task<IReadOnlyList<V2ApiSummary>> V2ApisAsync<T>(RunRequest request, IRunObserver<T> observer)
        {
            if (request.V2ApiIds.Count == 0 && request.AllV2Types.Count == 0)
            {
                return request.V2Apis;
            }

            IReadOnlyList<V2ApiSummary> listed;
            try
            {
                listed = await _run.Services.ApiGatewayV2.GetApisAsync(_run.Cancellation).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                observer.Failed(RunError.FromAws(e, _run.Services.Region, $"the HTTP and WebSocket APIs of region {_run.Services.Region}"));
                return new V2ApiSummary[0];
            }

            foreach (var missing in request.V2ApiIds.Distinct(StringComparer.Ordinal).Where(id => listed.All(a => a.Id != id)))
            {
                observer.Failed(RunError.V2ApiNotFound(missing, _run.Services.Region));
            }

            return listed.Where(a => request.AllV2Types.Contains(a.Type) || request.V2ApiIds.Contains(a.Id)).Concat(request.V2Apis)
                .GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        }

        /// <summary>
        /// Holds a reading slot only while API Gateway is read; the snapshot is dropped here, once its targets are
        /// resolved, so that an API waiting for its policy reads keeps only its targets.
        /// </summary>
        private async Task<TargetResolution> ReadTargetsAsync(ApiSource api, SemaphoreSlim reading, ConcurrentDictionary<string, IReadOnlyList<string>> stagesByApi)
        {
            ResolvedApi resolved;
            await reading.WaitAsync(_run.Cancellation).ConfigureAwait(false);
            try
            {
                resolved = await api.Read().ConfigureAwait(false);
            }
            finally
            {
                reading.Release();
            }

            stagesByApi[api.Id] = resolved.Stages;
            return await resolved.Resolve().ConfigureAwait(false);
        }

        /// <summary>
        /// GetRestApi (only for an API named by id, to fill its name) or GetResources first: a missing API costs one call. With
        /// the deployed configuration, then one GetExport per distinct deployment of the selected stages.
        /// </summary>
        private async Task<ResolvedApi> ReadRestAsync(RestApiSummary api, TargetSelection selection)
        {
            var gateway = _run.Services.ApiGateway;
            if (api.Name.Length == 0)
            {
                api = await gateway.GetRestApiAsync(api.Id, _run.Cancellation).ConfigureAwait(false);
            }

            // The API is known to exist (listed, or read above): its three reads need nothing from each other, so they
            // share one round trip; GetResources' failure is the one reported.
            var resources = gateway.GetResourcesAsync(api.Id, _run.Cancellation);
            var authorizers = gateway.GetAuthorizersAsync(api.Id, _run.Cancellation);
            var stages = gateway.GetStagesAsync(api.Id, _run.Cancellation);
            await Task.WhenAll(resources, authorizers, stages).ConfigureAwait(false);
            var snapshot = new ApiSnapshot
            {
                Api = api,
                AccountId = await _run.CallerAccountAsync().ConfigureAwait(false),
                Region = _run.Services.Region,
                Partition = _run.Services.Partition,
                Resources = resources.Result,
                Authorizers = authorizers.Result,
                Stages = stages.Result,
            };
            if (selection.Configuration == ApiConfiguration.Deployed)
            {
                await _deployments.ReadAsync(snapshot, selection).ConfigureAwait(false);
            }

            return new ResolvedApi(stages.Result.Select(s => s.StageName).ToList(), () => ResolveRestAsync(snapshot, selection));
        }

        /// <summary>Resolves outside the reading slot: dating an undeployed change may read deployments, after which the targets are resolved again.</summary>
        private async Task<TargetResolution> ResolveRestAsync(ApiSnapshot snapshot, TargetSelection selection)
        {
            var resolution = TargetResolver.ResolveStages(snapshot, selection);
            return await _deployments.DateChangedAsync(snapshot, resolution.Targets).ConfigureAwait(false)
                ? TargetResolver.ResolveStages(snapshot, selection)
                : resolution;
        }

        /// <summary>
        /// Only the API's list pages (docs/aws-rules.md §8): the current configuration, which an auto-deploying stage serves; a
        /// manually deployed stage's deployment is not read (its findings and a warning say so).
        /// </summary>
        private async Task<ResolvedApi> ReadV2Async(V2ApiSummary api, TargetSelection selection)
        {
            var gateway = _run.Services.ApiGatewayV2;
            var routes = await gateway.GetRoutesAsync(api.Id, _run.Cancellation).ConfigureAwait(false);
            var integrations = await gateway.GetIntegrationsAsync(api.Id, _run.Cancellation).ConfigureAwait(false);
            var authorizers = await gateway.GetAuthorizersAsync(api.Id, _run.Cancellation).ConfigureAwait(false);
            var stages = await gateway.GetStagesAsync(api.Id, _run.Cancellation).ConfigureAwait(false);
            var snapshot = await _run.V2SnapshotAsync(api, routes, integrations, authorizers, stages).ConfigureAwait(false);
            return new ResolvedApi(stages.Select(s => s.StageName).ToList(), () => Task.FromResult(V2TargetResolver.ResolveStages(snapshot, selection)));
        }

        /// <summary>One API to scan: its id and how to read and resolve it.</summary>
        private sealed class ApiSource
        {
            public ApiSource(string id, Func<Task<ResolvedApi>> read, Func<AwsServiceException, RunError> failure)
            {
                Id = id;
                Read = read;
                Failure = failure;
            }

            public string Id { get; }
            public Func<Task<ResolvedApi>> Read { get; }
            public Func<AwsServiceException, RunError> Failure { get; }
        }

        private sealed class ResolvedApi
        {
            public ResolvedApi(IReadOnlyList<string> stages, Func<Task<TargetResolution>> resolve)
            {
                Stages = stages;
                Resolve = resolve;
            }

            public IReadOnlyList<string> Stages { get; }

            /// <summary>Resolves the targets once the reading slot is released.</summary>
            public Func<Task<TargetResolution>> Resolve { get; }
        }
    }
}
