using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>Retries and pacing keep a full account read exact under throttling and transient faults (docs/aws-rules.md §6.5).</summary>
    public class FaultToleranceTests
    {
        /// <summary>Everything the scan reads about an account, in a canonical text form for comparison.</summary>
        private static async Task<string> ReadAccountAsync(IAwsServices services)
        {
            var gw = services.ApiGateway;
            var apis = await gw.GetRestApisAsync(CancellationToken.None);
            var perApi = await Task.WhenAll(apis.Select(async api => new
            {
                api.Id,
                api.Name,
                Resources = (await gw.GetResourcesAsync(api.Id, CancellationToken.None)).Select(r => new
                {
                    r.Id,
                    r.Path,
                    Methods = r.Methods.Select(m => new { m.HttpMethod, m.AuthorizationType, m.AuthorizerId, m.Integration?.Type, m.Integration?.Uri }),
                }),
                Authorizers = (await gw.GetAuthorizersAsync(api.Id, CancellationToken.None)).Select(a => new { a.Id, a.Name, a.Type, a.AuthorizerUri }),
                Stages = (await gw.GetStagesAsync(api.Id, CancellationToken.None)).Select(s => new { s.StageName, s.DeploymentId, s.Variables }),
            }));
            return JsonSerializer.Serialize(perApi);
        }

        [Fact]
        public async Task FullReadUnderThrottlingAndFaultsEqualsCleanRead()
        {
            var account = new FakeApiGatewayAccount(apis: 12, resourcesPerApi: 7, authorizersPerApi: 4);
            using var server = new LocalAwsServer(account.Handle);
            using var env = new TestEnvironment();

            string clean;
            using (var services = Connect.ToLocal(server, TestEnvironment.Settings(pageSize: 3), env))
            {
                clean = await ReadAccountAsync(services);
            }

            // With 25% of attempts failing, 3 attempts would lose about 1 call in 64; reads get 10 by default
            // (RetrySettings.DefaultReadAttempts), so no AWS_MAX_ATTEMPTS is needed (the seed keeps it deterministic).
            var faults = new FaultInjectingHandler(seed: 20261125, throttleRate: 0.20, faultRate: 0.05);
            var settings = TestEnvironment.Settings(pageSize: 3);
            settings.CreateHandler = () => faults;
            string faulty;
            using (var services = Connect.ToLocal(server, settings, env))
            {
                faulty = await ReadAccountAsync(services);
            }

            Assert.Equal(clean, faulty);
            int attempts = faults.Throttles + faults.Faults + faults.Forwarded;
            Assert.InRange(faults.Throttles / (double)attempts, 0.12, 0.28);
            Assert.True(faults.Faults > 0, "transient faults were injected");
            Assert.Contains("api0011", faulty);
            Assert.Empty(server.SignatureFailures);
        }

        [Fact]
        public async Task ScanIsPacedToTheApiGatewayQuotas()
        {
            // 30 APIs: 30 GetResources at ≤ 5 per 2 s (burst 5) need ≥ (30 - 5) / 2.5 = 10 s; 1 + 30×3 calls at ≤ 10 rps burst 40 need ≥ 5.1 s.
            // The client paces at a share of each quota (RateLimiterRegistry.PacingShare), so a little longer.
            var clock = new FakeClock();
            var account = new FakeApiGatewayAccount(apis: 30, resourcesPerApi: 2, authorizersPerApi: 1);
            using var server = new LocalAwsServer(account.Handle);
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(clock), env);
            var gw = services.ApiGateway;
            var apis = await gw.GetRestApisAsync(CancellationToken.None);
            await Task.WhenAll(apis.Select(async a =>
            {
                await gw.GetResourcesAsync(a.Id, CancellationToken.None);
                await gw.GetAuthorizersAsync(a.Id, CancellationToken.None);
                await gw.GetStagesAsync(a.Id, CancellationToken.None);
            }));
            Assert.InRange(clock.Elapsed.TotalSeconds, 10.0 / Http.RateLimiterRegistry.PacingShare, 12.5 / Http.RateLimiterRegistry.PacingShare);
        }
    }
}
