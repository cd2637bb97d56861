using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Scanning;
using LambdaPermTools.Aws.Tests.Support;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// How a scan spreads its calls: API Gateway reads of later APIs overlap earlier APIs' policy reads (the Lambda
    /// quota of aws-semantics.md §6.2 is the bottleneck, not API Gateway's §6.1), yet at most a bounded number of APIs is
    /// in memory, every (function, qualifier) is read once, results stream per API and cancellation ends the scan.
    /// Calls are held and released by the test, so what is proven does not depend on the machine's speed.
    /// </summary>
    public class ScanSessionConcurrencyTests
    {
        private sealed class Listener : IScanListener
        {
            private readonly HeldCallsAccount _account;
            public Listener(HeldCallsAccount account) => _account = account;
            public ConcurrentQueue<ApiScanResult> Results { get; } = new ConcurrentQueue<ApiScanResult>();
            public ConcurrentQueue<ScanError> Errors { get; } = new ConcurrentQueue<ScanError>();

            public void ApiCompleted(ApiScanResult result)
            {
                Results.Enqueue(result);
                _account.Delivered();
            }

            public void Failed(ScanError error) => Errors.Enqueue(error);
            public void Progress(int completed, int total, string restApiId) { }
        }

        /// <summary>More APIs than a scan holds at once.</summary>
        private const int ManyApis = ScanSession.MaxApisInMemory + 8;

        /// <summary>An account whose every GetPolicy waits until the test releases it.</summary>
        private static (HeldCallsAccount Account, Listener Listener) PoliciesHeld(int apis, Func<int, string> functionNameOfApi)
        {
            var account = new HeldCallsAccount(apis, functionNameOfApi);
            account.Hold("GetPolicy");
            return (account, new Listener(account));
        }

        private static Task Scan(HeldCallsAccount account, Listener listener, CancellationToken cancellation = default)
        {
            var request = new ApiRequest { All = true };
            return new ScanSession(account, cancellation).ScanAsync(request, new TargetSelection(), new FixOptions(), listener);
        }

        [Fact]
        public async Task LaterApisAreReadWhileEarlierApisWaitForTheirPolicies()
        {
            var (account, listener) = PoliciesHeld(apis: 10, i => "fn" + i);

            var scan = Scan(account, listener);

            // Holding the read slot through the policy reads would stop at 4 APIs read.
            Assert.True(await HeldCallsAccount.Eventually(() => account.Calls("GetStages") == 10), $"APIs read while policies wait: {account.Calls("GetStages")}");
            Assert.Empty(listener.Results);
            Assert.Equal(4, account.InFlight("GetPolicy")); // the evidence reads' own limit
            account.Release("GetPolicy");
            await scan;

            Assert.Equal(10, listener.Results.Count);
            Assert.All(listener.Results, r => Assert.Equal(PermissionStatus.Denied, Assert.Single(r.Findings).Status));
            Assert.Equal(10, account.Calls("GetPolicy"));
            Assert.InRange(account.MaxApiGatewayReadsInFlight, 1, ScanSession.MaxConcurrentApis);
        }

        [Fact]
        public async Task AtMostABoundedNumberOfApisIsHeldInMemory()
        {
            var (account, listener) = PoliciesHeld(ManyApis, i => "fn" + i);

            var scan = Scan(account, listener);

            Assert.True(await HeldCallsAccount.Eventually(() => account.Calls("GetStages") == ScanSession.MaxApisInMemory));
            await Task.Delay(300); // room to (wrongly) start more: a slow machine can only hide a fault here, never invent one
            Assert.Equal(ScanSession.MaxApisInMemory, account.Calls("GetResources"));
            account.Release("GetPolicy");
            await scan;

            Assert.Equal(ManyApis, listener.Results.Count);
            Assert.Equal(ManyApis, account.Calls("GetResources"));
            Assert.Equal(ScanSession.MaxApisInMemory, account.MaxApisOutstanding);
        }

        [Fact]
        public async Task ResultsStreamPerApiWhileAnotherApiStillWaits()
        {
            var account = new HeldCallsAccount(apis: 6, i => i == 0 ? "slow" : "fn" + i);
            var listener = new Listener(account);
            account.Hold("GetPolicy", HeldCallsAccount.FunctionArn("slow"));

            var scan = Scan(account, listener);

            Assert.True(await HeldCallsAccount.Eventually(() => listener.Results.Count == 5), $"delivered while the first API waits: {listener.Results.Count}");
            Assert.DoesNotContain(HeldCallsAccount.ApiId(0), listener.Results.Select(r => r.Api.Id));
            account.Release("GetPolicy", HeldCallsAccount.FunctionArn("slow"));
            await scan;
            Assert.Equal(HeldCallsAccount.ApiId(0), listener.Results.Last().Api.Id);
        }

        [Fact]
        public async Task ConcurrentScansOfTheSameFunctionReadItsPolicyOnce()
        {
            // Every API points at the same function, which has no policy: one GetPolicy (404) and one GetFunction for all.
            var (account, listener) = PoliciesHeld(apis: 8, _ => "shared");
            account.WithoutPolicy("shared");

            var scan = Scan(account, listener);
            Assert.True(await HeldCallsAccount.Eventually(() => account.Calls("GetStages") == 8));
            Assert.Equal(1, account.Calls("GetPolicy"));
            account.Release("GetPolicy");
            await scan;

            Assert.Equal((1, 1), (account.Calls("GetPolicy"), account.Calls("GetFunction")));
            Assert.Equal(8, listener.Results.Count);
            Assert.All(listener.Results, r => Assert.Equal(PermissionCause.NoPolicy, Assert.Single(r.Findings).Cause));
        }

        [Fact]
        public async Task CancellationEndsAScanWhosePolicyReadsAreWaiting()
        {
            var (account, listener) = PoliciesHeld(ManyApis, i => "fn" + i);
            using var cts = new CancellationTokenSource();

            var scan = Scan(account, listener, cts.Token);
            Assert.True(await HeldCallsAccount.Eventually(() => account.Calls("GetStages") == ScanSession.MaxApisInMemory));
            cts.Cancel();

            // Nothing is released: only the cancellation can end the held reads and the queued APIs.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan);
            Assert.Empty(listener.Results);
            Assert.Equal(ScanSession.MaxApisInMemory, account.Calls("GetResources"));
        }
    }
}
