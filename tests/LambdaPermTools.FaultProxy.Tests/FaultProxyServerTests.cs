using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using LambdaPermTools.FaultProxy;

namespace LambdaPermTools.FaultProxy.Tests
{
    public sealed class FaultProxyServerTests : IAsyncLifetime
    {
        private const string LambdaAuth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=abc";
        private const string ApiGatewayAuth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=abc";
        private const string IamAuth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=abc";
        private const string PolicyTarget = "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/policy?Qualifier=live";

        private EchoUpstream upstream = null!;
        private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

        public async Task InitializeAsync() => upstream = await EchoUpstream.StartAsync();

        public async Task DisposeAsync()
        {
            client.Dispose();
            await upstream.DisposeAsync();
        }

        private Task<FaultProxyServer> StartProxy(Action<FaultProxyOptions>? configure = null)
        {
            var options = new FaultProxyOptions { Upstream = upstream.Endpoint, Lifetime = TimeSpan.FromSeconds(60) };
            configure?.Invoke(options);
            return FaultProxyServer.StartAsync(options);
        }

        private Task<HttpResponseMessage> Send(FaultProxyServer proxy, HttpMethod method, string target, string authorization, string? body = null, string contentType = "application/json", CancellationToken cancellation = default)
        {
            var request = new HttpRequestMessage(method, proxy.Endpoint + target.TrimStart('/'));
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, contentType);
            }

            return client.SendAsync(request, cancellation);
        }

        [Fact]
        public async Task ListensOnLoopbackOnly()
        {
            await using var proxy = await StartProxy();

            Assert.Equal("127.0.0.1", proxy.Endpoint.Host);
            Assert.NotEqual(0, proxy.Endpoint.Port);
        }

        [Fact]
        public async Task ForwardsMethodEncodedTargetBodyAndSignedHostUnchanged()
        {
            await using var proxy = await StartProxy();

            using var response = await Send(proxy, HttpMethod.Post, PolicyTarget, LambdaAuth, "{\"StatementId\":\"s1\"}");

            var seen = Assert.Single(upstream.Requests);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("POST", seen.Method);
            Assert.Equal(PolicyTarget, seen.RawTarget);
            Assert.Equal("{\"StatementId\":\"s1\"}", seen.Body);
            Assert.Equal($"127.0.0.1:{proxy.Endpoint.Port}", seen.Host);
            Assert.Equal(LambdaAuth, seen.Authorization);
            Assert.Equal("upstream-id", response.Headers.GetValues("x-amzn-RequestId").Single());
        }

        [Fact]
        public async Task AddsTheConfiguredLatency()
        {
            await using var proxy = await StartProxy(o =>
            {
                o.Latency = TimeSpan.FromMilliseconds(20);
                o.OperationLatency["lambda:AddPermission"] = TimeSpan.FromMilliseconds(300);
            });
            using (await Send(proxy, HttpMethod.Get, "/restapis", ApiGatewayAuth))
            {
            }

            var read = Stopwatch.StartNew();
            using (await Send(proxy, HttpMethod.Get, PolicyTarget, LambdaAuth))
            {
                read.Stop();
            }

            var write = Stopwatch.StartNew();
            using (await Send(proxy, HttpMethod.Post, PolicyTarget, LambdaAuth, "{}"))
            {
                write.Stop();
            }

            // Lower bounds only: a busy machine may add time, never remove it.
            Assert.True(read.ElapsedMilliseconds >= 20, $"read took {read.ElapsedMilliseconds} ms");
            Assert.True(write.ElapsedMilliseconds >= 300, $"write took {write.ElapsedMilliseconds} ms");
        }

        [Fact]
        public async Task CountsARequestWhenItArrivesSoObserversSeeItInFlight()
        {
            // Held for a minute, then abandoned: it is certainly still in flight when observed, however slow the machine.
            await using var proxy = await StartProxy(o => o.OperationLatency["lambda:AddPermission"] = TimeSpan.FromSeconds(60));
            using var abandon = new CancellationTokenSource();

            var pending = Send(proxy, HttpMethod.Post, PolicyTarget, LambdaAuth, "{}", cancellation: abandon.Token);
            var deadline = Stopwatch.StartNew();
            while (!proxy.GetStats().Operations.ContainsKey("lambda:AddPermission") && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }

            var inFlight = proxy.GetStats().Operations["lambda:AddPermission"];
            abandon.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

            Assert.Equal(1, inFlight.Requests);
            Assert.Equal(0, inFlight.Forwarded);
            Assert.Empty(upstream.Requests);
        }

        [Fact]
        public async Task RecordsWhenAnOperationFirstAndLastArrived()
        {
            await using var proxy = await StartProxy();

            using (await Send(proxy, HttpMethod.Get, PolicyTarget, LambdaAuth))
            { }
            await Task.Delay(250);
            using (await Send(proxy, HttpMethod.Get, PolicyTarget, LambdaAuth))
            { }

            var policy = proxy.GetStats().Operations["lambda:GetPolicy"];
            Assert.NotNull(policy.FirstArrivalSeconds);
            // Seconds, not milliseconds; no tight upper bound, a busy machine may delay the second request.
            Assert.InRange(policy.LastArrivalSeconds!.Value - policy.FirstArrivalSeconds!.Value, 0.25, 60);
        }

        [Fact]
        public async Task AQuotaThatIsSpentAnswersTooManyRequestsWithRetryAfter()
        {
            // DeleteRestApi: 1 per 30 s (docs/aws-rules.md §6.1): the second call is over the quota on any machine.
            await using var proxy = await StartProxy(o => o.EnforcePublishedQuotas = true);

            using var first = await Send(proxy, HttpMethod.Delete, "/restapis/a1", ApiGatewayAuth);
            using var second = await Send(proxy, HttpMethod.Delete, "/restapis/a2", ApiGatewayAuth);

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal((HttpStatusCode)429, second.StatusCode);
            Assert.Equal("TooManyRequestsException", second.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.InRange(int.Parse(second.Headers.GetValues("Retry-After").Single()), 29, 30);
            Assert.Single(upstream.Requests);
            Assert.Equal(1, proxy.GetStats().Operations["apigateway:DeleteRestApi"].RateLimited);
        }

        [Fact]
        public async Task LambdaThrottleCarriesReasonAndRetryAfter()
        {
            await using var proxy = await StartProxy(o => o.ThrottleRate = 1);

            using var throttled = await Send(proxy, HttpMethod.Get, PolicyTarget, LambdaAuth);

            Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
            Assert.Equal("TooManyRequestsException", throttled.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single()) >= 1);
            using var body = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync());
            Assert.Equal("CallerRateLimitExceeded", body.RootElement.GetProperty("Reason").GetString());
            Assert.Equal(1, proxy.GetStats().Operations["lambda:GetPolicy"].InjectedThrottles);
        }

        [Fact]
        public async Task ApiGatewayThrottleHasItsOwnShape()
        {
            await using var proxy = await StartProxy(o => { o.ThrottleRate = 1; o.MaxConsecutiveFaults = 1; });

            using var throttled = await Send(proxy, HttpMethod.Get, "/restapis/a/resources?embed=methods", ApiGatewayAuth);
            using var retried = await Send(proxy, HttpMethod.Get, "/restapis/a/resources?embed=methods", ApiGatewayAuth);

            Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
            Assert.Equal("TooManyRequestsException", throttled.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.True(throttled.Headers.Contains("Retry-After"));
            Assert.Equal("{\"message\":\"Too Many Requests\"}", await throttled.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        [Fact]
        public async Task IamThrottleIsQueryXmlWithCodeThrottling()
        {
            await using var proxy = await StartProxy(o => o.ThrottleRate = 1);

            using var response = await Send(proxy, HttpMethod.Post, "/", IamAuth, "Action=GetRole&Version=2010-05-08&RoleName=r", "application/x-www-form-urlencoded");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
            Assert.Equal("ErrorResponse", error.Name.LocalName);
            Assert.Equal("Throttling", error.Descendants().Single(e => e.Name.LocalName == "Code").Value);
            Assert.Equal(1, proxy.GetStats().Operations["iam:GetRole"].InjectedThrottles);
        }

        [Fact]
        public async Task ServerErrorsUseTheServiceShape()
        {
            await using var proxy = await StartProxy(o => o.ServerErrorRate = 1);

            using var lambda = await Send(proxy, HttpMethod.Get, PolicyTarget, LambdaAuth);
            using var apigateway = await Send(proxy, HttpMethod.Get, "/restapis", ApiGatewayAuth);

            Assert.Equal(HttpStatusCode.InternalServerError, lambda.StatusCode);
            Assert.Equal("ServiceException", lambda.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, apigateway.StatusCode);
            Assert.Equal("ServiceUnavailableException", apigateway.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.Empty(upstream.Requests);
        }

        [Fact]
        public async Task ResetsTheConnectionWithoutReachingTheUpstream()
        {
            await using var proxy = await StartProxy(o => o.ResetRate = 1);

            await Assert.ThrowsAsync<HttpRequestException>(() => Send(proxy, HttpMethod.Get, PolicyTarget, LambdaAuth));

            Assert.Empty(upstream.Requests);
            Assert.Equal(1, proxy.GetStats().Operations["lambda:GetPolicy"].InjectedResets);
        }

        [Fact]
        public async Task StatsAreServedOnTheAdminPathAndResetClearsThem()
        {
            await using var proxy = await StartProxy();
            for (var i = 0; i < 3; i++)
            {
                using (await Send(proxy, HttpMethod.Get, PolicyTarget, LambdaAuth))
                { }
            }

            using (await Send(proxy, HttpMethod.Get, "/restapis/a/stages", ApiGatewayAuth))
            { }

            using var stats = JsonDocument.Parse(await client.GetStringAsync(proxy.Endpoint + "__proxy/stats"));
            using var reset = await client.PostAsync(proxy.Endpoint + "__proxy/reset", null);

            var operations = stats.RootElement.GetProperty("operations");
            Assert.Equal(3, operations.GetProperty("lambda:GetPolicy").GetProperty("forwarded").GetInt64());
            Assert.Equal(1, operations.GetProperty("apigateway:GetStages").GetProperty("statusCodes").GetProperty("200").GetInt64());
            Assert.Equal(4, stats.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
            var total = stats.RootElement.GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "apigateway:Total");
            Assert.Equal(1, total.GetProperty("requests").GetInt64());
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
            Assert.Empty(proxy.GetStats().Operations);
        }

        [Fact]
        public async Task FloorEndpointAppliesThePublishedQuotasToGivenCounts()
        {
            await using var proxy = await StartProxy();

            using var response = await client.PostAsync(proxy.Endpoint + "__proxy/floor", new StringContent("{\"lambda:GetPolicy\":315,\"lambda:AddPermission\":30}"));
            using var floors = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            var byName = floors.RootElement.EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("floorSeconds").GetDouble());
            Assert.Equal(20.0, byName["lambda:GetPolicy"], 6);
            Assert.Equal(1.0, byName["lambda:ControlPlane"], 6);
            Assert.Equal(0.0, byName["apigateway:Total"], 6);
        }

        [Fact]
        public async Task UnreachableUpstreamIsABadGatewayAndCounted()
        {
            await using var proxy = await FaultProxyServer.StartAsync(new FaultProxyOptions { Upstream = new Uri("http://127.0.0.1:9"), Lifetime = TimeSpan.FromSeconds(30) });

            using var response = await Send(proxy, HttpMethod.Get, "/restapis", ApiGatewayAuth);

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal(1, proxy.GetStats().Total.UpstreamFailures);
        }

        [Fact]
        public async Task StopsByItselfWhenItsLifetimeIsOver()
        {
            var proxy = await FaultProxyServer.StartAsync(new FaultProxyOptions { Upstream = upstream.Endpoint, Lifetime = TimeSpan.FromMilliseconds(300) });

            var finished = await Task.WhenAny(proxy.Stopped, Task.Delay(TimeSpan.FromSeconds(60)));

            Assert.Same(proxy.Stopped, finished);
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(proxy.Endpoint + "__proxy/stats"));
        }

        [Fact]
        public async Task AdminStopEndsTheProxy()
        {
            var proxy = await StartProxy();

            using var response = await client.PostAsync(proxy.Endpoint + "__proxy/stop", null);
            var finished = await Task.WhenAny(proxy.Stopped, Task.Delay(TimeSpan.FromSeconds(60)));

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Same(proxy.Stopped, finished);
        }
    }
}
