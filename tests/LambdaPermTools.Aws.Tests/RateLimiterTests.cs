using System;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// Client-side pacing: one bucket per published quota (docs/aws-rules.md §6.1, §6.2, §6.5), per account and region,
    /// at <see cref="RateLimiterRegistry.PacingShare"/> of the published rate. Time is a <see cref="FakeClock"/>: nothing waits.
    /// </summary>
    public class RateLimiterTests
    {
        private const double Share = RateLimiterRegistry.PacingShare;

        [Fact]
        public async Task TokenBucketAllowsTheBurstThenTheRate()
        {
            var clock = new FakeClock();
            var registry = new RateLimiterRegistry(clock);
            var total = registry.Get("AK", "us-east-1", RateLimiterRegistry.ApiGatewayTotal);
            for (int i = 0; i < 40; i++)
            {
                await total.AcquireAsync(CancellationToken.None);
            }

            Assert.Equal(TimeSpan.Zero, clock.Elapsed);
            total.OnAnswered();
            for (int i = 0; i < 50; i++)
            {
                await total.AcquireAsync(CancellationToken.None);
            }

            Assert.Equal(50 / (10 * Share), clock.Elapsed.TotalSeconds, 3);
            Assert.NotSame(total, registry.Get("AK", "eu-west-1", RateLimiterRegistry.ApiGatewayTotal)); // per account and region
            Assert.NotSame(total, registry.Get("AK2", "us-east-1", RateLimiterRegistry.ApiGatewayTotal));
            Assert.Same(total, registry.Get("AK", "us-east-1", RateLimiterRegistry.ApiGatewayTotal));
        }

        [Fact]
        public async Task BucketRefillsOnlyFromTheFirstAnswer()
        {
            // The service's bucket starts full at the first arrival; a first request slowed by connection set-up must
            // not let the client count refill from before it.
            var clock = new FakeClock();
            var bucket = new TokenBucket(clock, 2, 1);
            await bucket.AcquireAsync(CancellationToken.None);
            await clock.Delay(TimeSpan.FromSeconds(3), CancellationToken.None); // the first answer takes 3 s
            bucket.OnAnswered();
            await bucket.AcquireAsync(CancellationToken.None);
            Assert.Equal(3.5, clock.Elapsed.TotalSeconds, 3); // a whole token's wait after the answer, none of it before
        }

        [Theory]
        [InlineData(RateLimiterRegistry.ApiGatewayTotal, 10, 40)]
        [InlineData(RateLimiterRegistry.ApiGatewayGetResources, 2.5, 5)] // 5 every 2 s
        [InlineData(RateLimiterRegistry.LambdaGetPolicy, 15, 15)]
        [InlineData(RateLimiterRegistry.LambdaGetFunction, 100, 100)]
        [InlineData(RateLimiterRegistry.LambdaControlPlane, 15, 15)]
        public async Task EachBucketPacesJustUnderItsPublishedQuota(string bucketName, double publishedRate, int burst)
        {
            var clock = new FakeClock();
            var bucket = new RateLimiterRegistry(clock).Get("AK", "us-east-1", bucketName);
            for (int i = 0; i < burst; i++)
            {
                await bucket.AcquireAsync(CancellationToken.None);
            }

            Assert.Equal(TimeSpan.Zero, clock.Elapsed);
            bucket.OnAnswered();
            for (int i = 0; i < 20; i++)
            {
                await bucket.AcquireAsync(CancellationToken.None);
            }

            double seconds = clock.Elapsed.TotalSeconds;
            Assert.Equal(20 / (publishedRate * Share), seconds, 3);
            Assert.True(seconds > 20 / publishedRate, "paced under the published rate, so that jitter does not cross it");
        }

        [Theory]
        [InlineData("GetPolicy", RateLimiterRegistry.LambdaGetPolicy)]
        [InlineData("GetFunction", RateLimiterRegistry.LambdaGetFunction)]
        [InlineData("AddPermission", RateLimiterRegistry.LambdaControlPlane)]
        [InlineData("RemovePermission", RateLimiterRegistry.LambdaControlPlane)]
        public void LambdaOperationsMapToTheirPublishedQuota(string operation, string bucket) =>
            Assert.Equal(bucket, RateLimiterRegistry.LambdaBucketFor(operation));

        [Fact]
        public async Task LambdaClientDrawsGetPolicyGetFunctionAndTheRestFromSeparateBuckets()
        {
            // GetPolicy 15 rps, GetFunction 100 rps, AddPermission with the rest of the control plane 15 rps (§6.2):
            // a full burst of each costs no waiting; only the 16th GetPolicy waits, for one GetPolicy token.
            using var server = new LocalAwsServer(r =>
                r.Method == "POST" ? Reply.Json("{\"Statement\":\"{}\"}", 201)
                : r.RawPath.EndsWith("/policy", StringComparison.Ordinal) ? Reply.Json("{\"Policy\":\"{}\",\"RevisionId\":\"r1\"}")
                : Reply.Json("{\"Configuration\":{}}"));
            using var env = new TestEnvironment();
            var clock = new FakeClock();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(clock), env);
            var lambda = services.Lambda("us-east-1");
            const string fn = "arn:aws:lambda:us-east-1:123456789012:function:f";

            for (int i = 0; i < 15; i++)
            {
                await lambda.GetPolicyAsync(fn, null, CancellationToken.None);
            }

            for (int i = 0; i < 100; i++)
            {
                Assert.True(await lambda.FunctionExistsAsync(fn, null, CancellationToken.None));
            }

            for (int i = 0; i < 15; i++)
            {
                await lambda.AddPermissionAsync(new AddPermissionRequest { FunctionName = fn, StatementId = "s" + i }, CancellationToken.None);
            }

            Assert.Equal(TimeSpan.Zero, clock.TotalDelay);

            await lambda.GetPolicyAsync(fn, null, CancellationToken.None);
            Assert.Equal(1 / (15 * Share), clock.TotalDelay.TotalSeconds, 3);
            Assert.Equal(131, server.Requests.Count);
            Assert.Empty(server.SignatureFailures);
        }

        [Fact]
        public async Task TheSameAccountSharesItsLimitsAcrossConnections()
        {
            // Consecutive cmdlet calls open new connections; the account's budget is still the same one.
            using var server = new LocalAwsServer(_ => Reply.Json("{\"Policy\":\"{}\",\"RevisionId\":\"r1\"}"));
            using var env = new TestEnvironment();
            var clock = new FakeClock();
            var settings = TestEnvironment.Settings(clock);
            const string fn = "arn:aws:lambda:us-east-1:123456789012:function:f";
            using (var first = Connect.ToLocal(server, settings, env))
            {
                for (int i = 0; i < 15; i++)
                {
                    await first.Lambda("us-east-1").GetPolicyAsync(fn, null, CancellationToken.None);
                }
            }

            using var second = Connect.ToLocal(server, settings, env);
            await second.Lambda("us-east-1").GetPolicyAsync(fn, null, CancellationToken.None);
            Assert.Equal(1 / (15 * Share), clock.TotalDelay.TotalSeconds, 3);
        }

        [Fact]
        public void AThrottleSlowsTheBucketAndSuccessesRestoreIt()
        {
            var bucket = new TokenBucket(new FakeClock(), 15, 15);
            bucket.OnThrottled();
            Assert.Equal(10.5, bucket.Rate, 3);
            for (int i = 0; i < 100; i++)
            {
                bucket.OnSuccess();
            }

            Assert.Equal(15, bucket.Rate, 3);
        }

        [Fact]
        public async Task WaitingForTheLimiterHonoursCancellation()
        {
            // Real time: the next token is 100 s away, so only the cancellation can end the wait.
            var bucket = new TokenBucket(SystemClock.Instance, 0.01, 1);
            await bucket.AcquireAsync(CancellationToken.None);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bucket.AcquireAsync(cts.Token));
        }
    }
}
