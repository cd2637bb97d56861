using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Aws.Tests.Support;
using LambdaPermTools.TestDoubles;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// How a run spreads its calls: API Gateway reads of later APIs overlap earlier APIs' policy reads (the Lambda quota
    /// of docs/aws-rules.md §6.2 is the bottleneck, not API Gateway's §6.1), yet at most a bounded number of APIs is in
    /// memory, every (function, qualifier) is read once, results stream per API and cancellation ends the run. Calls of
    /// the fake account are held and released by the test, so what is proven does not depend on the machine's speed.
    /// </summary>
    public class RunConcurrencyTests
    {
        /// <summary>More APIs than a run holds at once.</summary>
        private const int ManyApis = Run.MaxApisInMemory + 8;

        private static readonly string[] ApiGatewayReads = { "GetResources", "GetAuthorizers", "GetStages" };

        /// <summary>APIs api000, api001, … with one Lambda-proxy method and one stage each; none of the functions has a policy.</summary>
        private static FakeAws Account(int apis, Func<int, string> functionNameOfApi)
        {
            var fake = new FakeAws();
            for (var i = 0; i < apis; i++)
            {
                var function = fake.AddFunction(functionNameOfApi(i));
                fake.AddRestApi(ApiId(i), ApiId(i))
                    .AddMethod("/items", "GET", "AWS_PROXY", $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{function}/invocations")
                    .AddStage("prod");
            }

            return fake;
        }

        private static string ApiId(int index) => "api" + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

        private static string FunctionArn(FakeAws fake, string name) => $"arn:aws:lambda:us-east-1:{fake.CallerAccount}:function:{name}";

        private static Task Judge(FakeAws fake, RecordingObserver<Judgement> observer, CancellationToken cancellation = default)
        {
            var request = new RunRequest { AllApis = true };
            return new Run(new ConnectionOptions(), fake, cancellation).JudgeAsync(request, observer);
        }

        [Fact]
        public async Task LaterApisAreReadWhileEarlierApisWaitForTheirPolicies()
        {
            const int Apis = Run.MaxConcurrentReads + 4;
            var fake = Account(Apis, i => "fn" + i);
            var observer = new RecordingObserver<Judgement>();
            fake.Hold("GetPolicy");

            var run = Judge(fake, observer);

            // Holding the read slot through the policy reads would stop at 4 APIs read.
            Assert.True(await Eventually.True(() => fake.CallCount("GetStages") == Apis), $"APIs read while policies wait: {fake.CallCount("GetStages")}");
            Assert.Empty(observer.Results);
            Assert.Equal(Run.MaxConcurrentReads, fake.InFlight("GetPolicy")); // the evidence reads' own limit
            fake.Release("GetPolicy");
            await run;

            Assert.Equal(Apis, observer.Results.Count);
            Assert.All(observer.Results, r => Assert.Equal(PermissionStatus.Denied, Assert.Single(r.Findings).Status));
            Assert.Equal(Apis, fake.CallCount("GetPolicy"));
            // Each API being read sends its GetResources, GetAuthorizers and GetStages at once.
            Assert.InRange(fake.MaxInFlight(ApiGatewayReads), 1, ApiGatewayReads.Length * Run.MaxConcurrentApis);
        }

        [Fact]
        public async Task AtMostABoundedNumberOfApisIsHeldInMemory()
        {
            var fake = Account(ManyApis, i => "fn" + i);
            int started = 0, delivered = 0, mostOutstanding = 0;
            fake.CallRecorded += call =>
            {
                if (call.Operation == "GetResources")
                {
                    var outstanding = Interlocked.Increment(ref started) - Volatile.Read(ref delivered);
                    InterlockedMax(ref mostOutstanding, outstanding);
                }
            };
            var observer = new RecordingObserver<Judgement>(() => Interlocked.Increment(ref delivered));
            fake.Hold("GetPolicy");

            var run = Judge(fake, observer);

            Assert.True(await Eventually.True(() => fake.CallCount("GetStages") == Run.MaxApisInMemory));
            await Task.Delay(300); // room to (wrongly) start more: a slow machine can only hide a fault here, never invent one
            Assert.Equal(Run.MaxApisInMemory, fake.CallCount("GetResources"));
            fake.Release("GetPolicy");
            await run;

            Assert.Equal(ManyApis, observer.Results.Count);
            Assert.Equal(ManyApis, fake.CallCount("GetResources"));
            Assert.Equal(Run.MaxApisInMemory, mostOutstanding);
        }

        [Fact]
        public async Task ResultsStreamPerApiWhileAnotherApiStillWaits()
        {
            var fake = Account(apis: 6, i => i == 0 ? "slow" : "fn" + i);
            var observer = new RecordingObserver<Judgement>();
            fake.Hold("GetPolicy", FunctionArn(fake, "slow"));

            var run = Judge(fake, observer);

            Assert.True(await Eventually.True(() => observer.Results.Count == 5), $"delivered while the first API waits: {observer.Results.Count}");
            Assert.DoesNotContain(ApiId(0), observer.Results.Select(r => r.Findings[0].RestApiId));
            fake.Release("GetPolicy", FunctionArn(fake, "slow"));
            await run;
            Assert.Equal(ApiId(0), observer.Results.Last().Findings[0].RestApiId);
        }

        [Fact]
        public async Task ConcurrentScansOfTheSameFunctionReadItsPolicyOnce()
        {
            // Every API points at the same function, which has no policy: one GetPolicy (404) and one GetFunction for all.
            var fake = Account(apis: 8, _ => "shared");
            var observer = new RecordingObserver<Judgement>();
            fake.Hold("GetPolicy");

            var run = Judge(fake, observer);
            Assert.True(await Eventually.True(() => fake.CallCount("GetStages") == 8));
            Assert.Equal(1, fake.CallCount("GetPolicy"));
            fake.Release("GetPolicy");
            await run;

            Assert.Equal((1, 1), (fake.CallCount("GetPolicy"), fake.CallCount("GetFunction")));
            Assert.Equal(8, observer.Results.Count);
            Assert.All(observer.Results, r => Assert.Equal(PermissionCause.NoPolicy, Assert.Single(r.Findings).Cause));
        }

        [Fact]
        public async Task CancellationEndsARunWhosePolicyReadsAreWaiting()
        {
            var fake = Account(ManyApis, i => "fn" + i);
            var observer = new RecordingObserver<Judgement>();
            fake.Hold("GetPolicy");
            using var cts = new CancellationTokenSource();

            var run = Judge(fake, observer, cts.Token);
            Assert.True(await Eventually.True(() => fake.CallCount("GetStages") == Run.MaxApisInMemory));
            cts.Cancel();

            // Nothing is released: only the cancellation can end the held reads and the queued APIs.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.Empty(observer.Results);
            Assert.Equal(Run.MaxApisInMemory, fake.CallCount("GetResources"));
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
