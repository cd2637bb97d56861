using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>
    /// An account of REST APIs (one Lambda-proxy method and one stage each) whose calls a test can hold: a held
    /// operation waits until released (or cancelled), so concurrency is observed by counting calls, not by timing.
    /// Counts calls and calls in flight per operation, and APIs whose read began but whose result was not yet delivered.
    /// </summary>
    internal sealed class HeldCallsAccount : IAwsServices, IApiGatewayPort, ILambdaPort, IStsPort, IIamPort
    {
        public const string Account = "111122223333";
        private readonly object _sync = new object();
        private readonly Dictionary<string, string> _functionOfApi = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _withoutPolicy = new HashSet<string>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _holds = new ConcurrentDictionary<string, TaskCompletionSource<bool>>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _calls = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _inFlight = new Dictionary<string, int>(StringComparer.Ordinal);
        private int _apisStarted;
        private int _apisDelivered;

        public HeldCallsAccount(int apis, Func<int, string> functionNameOfApi)
        {
            for (int i = 0; i < apis; i++) _functionOfApi[ApiId(i)] = FunctionArn(functionNameOfApi(i));
        }

        public static string ApiId(int index) => "api" + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        public static string FunctionArn(string name) => $"arn:aws:lambda:us-east-1:{Account}:function:{name}";

        public IReadOnlyList<RestApiSummary> Apis => _functionOfApi.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(id => new RestApiSummary(id, id)).ToList();

        /// <summary>GetPolicy of this function answers ResourceNotFoundException (then GetFunction says it exists).</summary>
        public void WithoutPolicy(string functionName) => _withoutPolicy.Add(FunctionArn(functionName));

        /// <summary>Calls of <paramref name="operation"/> (only those about <paramref name="subject"/>, an API id or function ARN, if given) wait until <see cref="Release"/>.</summary>
        public void Hold(string operation, string? subject = null) =>
            _holds[HoldKey(operation, subject)] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(string operation, string? subject = null)
        {
            if (_holds.TryRemove(HoldKey(operation, subject), out var hold)) hold.SetResult(true);
        }

        private static string HoldKey(string operation, string? subject) => subject == null ? operation : operation + "|" + subject;

        public int Calls(string operation) { lock (_sync) return _calls.TryGetValue(operation, out var n) ? n : 0; }
        public int InFlight(string operation) { lock (_sync) return _inFlight.TryGetValue(operation, out var n) ? n : 0; }

        /// <summary>The most API Gateway reads (GetResources, GetAuthorizers, GetStages of any API) in flight at once.</summary>
        public int MaxApiGatewayReadsInFlight { get; private set; }

        /// <summary>The most APIs that were at once between their first API Gateway call and the delivery of their result.</summary>
        public int MaxApisOutstanding { get; private set; }

        /// <summary>Waits (real time, generous) until <paramref name="condition"/> holds; false if it never did.</summary>
        public static async Task<bool> Eventually(Func<bool> condition, int seconds = 30)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) return false;
                await Task.Delay(10);
            }

            return true;
        }

        private static readonly string[] ApiGatewayReads = { "GetResources", "GetAuthorizers", "GetStages" };

        private async Task Call(string operation, string subject, CancellationToken cancellationToken)
        {
            lock (_sync)
            {
                _calls[operation] = Calls(operation) + 1;
                _inFlight[operation] = InFlight(operation) + 1;
                MaxApiGatewayReadsInFlight = Math.Max(MaxApiGatewayReadsInFlight, ApiGatewayReads.Sum(InFlight));
            }

            try
            {
                await Task.Yield(); // a real call never completes synchronously
                if (_holds.TryGetValue(HoldKey(operation, subject), out var hold) || _holds.TryGetValue(operation, out hold))
                {
                    using (cancellationToken.Register(() => hold.TrySetCanceled()))
                        await hold.Task.ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                lock (_sync) _inFlight[operation] -= 1;
            }
        }

        /// <summary>The scan's listener reports each delivered API result here.</summary>
        public void Delivered() => Interlocked.Increment(ref _apisDelivered);

        // ---- IAwsServices ----

        public string Region => "us-east-1";
        public string Partition => "aws";
        public IApiGatewayPort ApiGateway => this;
        public IIamPort Iam => this;
        public IStsPort Sts => this;
        public ILambdaPort Lambda(string region) => this;
        public void Dispose() { }

        // ---- API Gateway ----

        public Task<IReadOnlyList<RestApiSummary>> GetRestApisAsync(CancellationToken cancellationToken) => Task.FromResult(Apis);

        public Task<RestApiSummary> GetRestApiAsync(string restApiId, CancellationToken cancellationToken) => Task.FromResult(new RestApiSummary(restApiId, restApiId));

        public async Task<IReadOnlyList<ApiResource>> GetResourcesAsync(string restApiId, CancellationToken cancellationToken)
        {
            lock (_sync)
            {
                _apisStarted++;
                MaxApisOutstanding = Math.Max(MaxApisOutstanding, _apisStarted - Volatile.Read(ref _apisDelivered));
            }

            await Call("GetResources", restApiId, cancellationToken).ConfigureAwait(false);
            var uri = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{_functionOfApi[restApiId]}/invocations";
            return new[]
            {
                new ApiResource { Id = "root", Path = "/" },
                new ApiResource
                {
                    Id = "r1", Path = "/items",
                    Methods = new[] { new ApiMethod { HttpMethod = "GET", AuthorizationType = "NONE", Integration = new ApiIntegration { Type = "AWS_PROXY", Uri = uri, HttpMethod = "POST" } } },
                },
            };
        }

        public async Task<IReadOnlyList<ApiAuthorizer>> GetAuthorizersAsync(string restApiId, CancellationToken cancellationToken)
        {
            await Call("GetAuthorizers", restApiId, cancellationToken).ConfigureAwait(false);
            return new ApiAuthorizer[0];
        }

        public async Task<IReadOnlyList<ApiStage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken)
        {
            await Call("GetStages", restApiId, cancellationToken).ConfigureAwait(false);
            return new[] { new ApiStage { StageName = "prod", DeploymentId = "d1" } };
        }

        public Task<string> GetExportAsync(string restApiId, string stageName, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a scan never exports");

        // ---- Lambda ----

        public async Task<LambdaPolicy> GetPolicyAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
        {
            await Call("GetPolicy", functionName, cancellationToken).ConfigureAwait(false);
            if (_withoutPolicy.Contains(functionName))
                throw new AwsServiceException(AwsErrorKind.NotFound, "Lambda", "GetPolicy", "ResourceNotFoundException", 404, "The resource you requested does not exist.");
            return new LambdaPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[]}", "rev-1");
        }

        public async Task<bool> FunctionExistsAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
        {
            await Call("GetFunction", functionName, cancellationToken).ConfigureAwait(false);
            return true;
        }

        public Task<string> AddPermissionAsync(AddPermissionRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a scan never writes");

        public Task RemovePermissionAsync(string functionName, string? qualifier, string statementId, string? revisionId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a scan never writes");

        // ---- STS / IAM ----

        public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new CallerIdentity(Account, $"arn:aws:iam::{Account}:user/scanner", "AIDEXAMPLE"));

        public Task<string> GetRoleTrustPolicyAsync(string roleName, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no integration has credentials");

        public Task<IReadOnlyDictionary<string, string>> SimulatePrincipalPolicyAsync(string policySourceArn, string actionName, IReadOnlyList<string> resourceArns, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no integration has credentials");
    }
}
