using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// A server that lies (issue 18): echoes our secrets back, pages forever, sends huge bodies, never answers. Each ends in a
    /// bounded time and memory with a stable kind, and no text the HTTP layer writes holds a secret.
    /// </summary>
    public class HostileServerTests
    {
        private const string SessionToken = "FwoGZXIvYXdzEHostileToken+/Echo//Test+Value==";

        /// <summary>Echoes of the request's token (and its Authorization header) in the forms real servers and proxies use.</summary>
        private static string Echo(ReceivedRequest r, string form)
        {
            string token = r.Header("X-Amz-Security-Token") ?? "";
            string authorization = r.Header("Authorization") ?? "";
            string signature = authorization.Substring(authorization.LastIndexOf('=') + 1);
            return form switch
            {
                "json-headers" => JsonSerializer.Serialize(new Dictionary<string, string> { ["X-Amz-Security-Token"] = token, ["Authorization"] = authorization }),
                "escaped-json" => "{\\\"X-Amz-Security-Token\\\": \\\"" + token.Replace("/", "\\/") + "\\\"}",
                "url-encoded" => "X-Amz-Security-Token=" + Uri.EscapeDataString(token) + "&X-Amz-Signature=" + signature,
                "python-repr" => "{'x-amz-security-token': '" + token + "', 'authorization': '" + authorization + "'}",
                _ => "bad credentials " + token + " " + signature,
            };
        }

        [Theory]
        [InlineData("json-headers")]
        [InlineData("escaped-json")]
        [InlineData("url-encoded")]
        [InlineData("python-repr")]
        [InlineData("bare")]
        public async Task AnEchoedTokenIsInNoMessageCodeOrDebugLine(string form)
        {
            using var server = new LocalAwsServer(r =>
            {
                var reply = Reply.Json(JsonSerializer.Serialize(new { message = "Echo: " + Echo(r, form), code = Echo(r, "bare") }), 500);
                reply.Headers["x-amzn-ErrorType"] = r.Header("X-Amz-Security-Token")!;
                return reply;
            });
            using var env = new TestEnvironment();
            env.Set("AWS_MAX_ATTEMPTS", "2");
            var debug = new List<string>();
            var verbose = new List<string>();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env, o =>
            {
                o.SessionToken = SessionToken;
                o.WriteDebug = debug.Add;
                o.WriteVerbose = verbose.Add;
            });
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetStagesAsync("a", CancellationToken.None));

            string everything = string.Join("\n", new[] { ex.Message, ex.ErrorCode, ex.ToString() }.Concat(debug).Concat(verbose));
            foreach (string part in new[] { "HostileToken", "Echo//Test", "Echo%2F%2FTest", "Echo\\/\\/Test", LocalAwsServer.SecretKey, "AWS4-HMAC-SHA256 Credential" })
            {
                Assert.False(everything.Contains(part), $"'{part}' shown: {everything}");
            }

            Assert.Contains("Echo: ", ex.Message);
            Assert.Contains(SecretRedactor.Mark, ex.Message);
            Assert.Equal("Http500", ex.ErrorCode); // the header held no code, only the token
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task EndlessPagesOfNewItemsStopAtTheItemLimit()
        {
            int served = 0;
            using var server = new LocalAwsServer(r =>
            {
                int page = Interlocked.Increment(ref served);
                var items = Enumerable.Range(0, 50).Select(i => new { id = $"p{page}i{i}", name = "api" });
                return Reply.Json(JsonSerializer.Serialize(new { item = items, position = "next-" + page }));
            });
            using var env = new TestEnvironment();
            var settings = TestEnvironment.Settings();
            settings.Limits = new ReadLimits { MaxItems = 1000 };
            using var services = Connect.ToLocal(server, settings, env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetRestApisAsync(CancellationToken.None));
            Assert.Equal((AwsErrorKind.PagingLimit, "TooManyItems"), (ex.Kind, ex.ErrorCode));
            Assert.Equal(21, server.Requests.Count); // 21 × 50 > 1,000
        }

        [Fact]
        public async Task EndlessPagesStopAtThePageLimitWhateverTheyHold()
        {
            int served = 0;
            using var server = new LocalAwsServer(r =>
            {
                int page = Interlocked.Increment(ref served);
                return Reply.Json(JsonSerializer.Serialize(new { item = new[] { new { id = "r" + page, path = "/" + page } }, position = "next-" + page }));
            });
            using var env = new TestEnvironment();
            var settings = TestEnvironment.Settings();
            settings.Limits = new ReadLimits { MaxPages = 30 };
            using var services = Connect.ToLocal(server, settings, env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetResourcesAsync("a", CancellationToken.None));
            Assert.Equal((AwsErrorKind.PagingLimit, "TooManyPages"), (ex.Kind, ex.ErrorCode));
            Assert.Equal(30, server.Requests.Count);
        }

        [Fact]
        public async Task PagesThatRepeatTheSameItemsStopAfterThreeWithNothingNew()
        {
            int served = 0;
            using var server = new LocalAwsServer(_ => Reply.Json(JsonSerializer.Serialize(new
            {
                item = new[] { new { id = "a", name = "a" }, new { id = "b", name = "b" } },
                position = "fresh-" + Interlocked.Increment(ref served),
            })));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetRestApisAsync(CancellationToken.None));
            Assert.Equal((AwsErrorKind.PagingLimit, "NoNewItems"), (ex.Kind, ex.ErrorCode));
            Assert.Equal(4, server.Requests.Count);
        }

        [Fact]
        public async Task ARepeatedPageTokenIsAPagingLimitAndTheTokenIsShownCut()
        {
            string token = new string('t', 50_000);
            int served = 0;
            using var server = new LocalAwsServer(_ => Reply.Json(JsonSerializer.Serialize(new
            {
                item = new[] { new { id = "a" + Interlocked.Increment(ref served), name = "a" } },
                position = token,
            })));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetRestApisAsync(CancellationToken.None));
            Assert.Equal((AwsErrorKind.PagingLimit, "RepeatedPageToken"), (ex.Kind, ex.ErrorCode));
            Assert.Contains("45,904 more characters cut", ex.Message);
            Assert.True(ex.Message.Length < 10_000, "message of " + ex.Message.Length);
        }

        [Fact]
        public async Task XmlWithADtdIsRefusedNotExpanded()
        {
            const string bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
                "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>&b;</Account><Arn>x</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>";
            using var server = new LocalAwsServer(_ => Reply.Xml(bomb));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.Sts.GetCallerIdentityAsync(CancellationToken.None));
            Assert.Equal((AwsErrorKind.Service, "MalformedResponse"), (ex.Kind, ex.ErrorCode));
            Assert.Contains("DTD", ex.Message);
        }

        [Fact]
        public async Task ATenMegabyteErrorBodyGivesAShortMessage()
        {
            string body = "{\"message\":\"" + new string('x', 10 * 1024 * 1024) + "\"}";
            using var server = new LocalAwsServer(_ => Reply.Json(body, 400));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetStagesAsync("a", CancellationToken.None));
            Assert.True(ex.Message.Length < 10_000, "message of " + ex.Message.Length);
            Assert.Contains("10,485,774 bytes", ex.Message);
            Assert.Contains("more characters cut", ex.Message);
            Assert.Equal("Http400", ex.ErrorCode);
        }

        [Fact]
        public async Task ALongErrorMessageIsCutWithANoteOfHowMuch()
        {
            using var server = new LocalAwsServer(_ => Reply.RestJsonError(400, "BadRequestException", new string('m', 20_000)));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetStagesAsync("a", CancellationToken.None));
            Assert.Equal((AwsErrorKind.Validation, "BadRequestException"), (ex.Kind, ex.ErrorCode));
            Assert.Contains("m … (15,904 more characters cut)", ex.Message);
        }

        [Fact]
        public async Task AResponseLargerThanTheLimitIsRefusedUnreadAndNotRetried()
        {
            string big = JsonSerializer.Serialize(new { item = Enumerable.Range(0, 2000).Select(i => new { id = "api" + i, name = new string('n', 500) }) });
            using var server = new LocalAwsServer(_ => Reply.Json(big));
            using var env = new TestEnvironment();
            var settings = TestEnvironment.Settings();
            settings.Limits = new ReadLimits { MaxResponseBytes = 100_000 };
            using var services = Connect.ToLocal(server, settings, env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetRestApisAsync(CancellationToken.None));
            Assert.Equal((AwsErrorKind.Service, "ResponseTooLarge"), (ex.Kind, ex.ErrorCode));
            Assert.Contains(big.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes", ex.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task AHungEndpointEndsWithTimeoutNamingTheEndpointAndTheTimeSpent()
        {
            using var release = new ManualResetEventSlim();
            using var server = new LocalAwsServer(_ => { release.Wait(TimeSpan.FromSeconds(30)); return Reply.Json("{\"item\":[]}"); });
            using var env = new TestEnvironment();
            env.Set("AWS_LPT_CALL_TIMEOUT", "1.5");
            var settings = TestEnvironment.Settings();
            settings.Clock = SystemClock.Instance; // the deadline is real time
            settings.SlowAttempt = TimeSpan.FromMilliseconds(300);
            var verbose = new List<string>();
            using var services = Connect.ToLocal(server, settings, env, o => o.WriteVerbose = line => { lock (verbose) { verbose.Add(line); } });
            try
            {
                var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetStagesAsync("a", CancellationToken.None));
                Assert.Equal((AwsErrorKind.Timeout, "Timeout", 0), (ex.Kind, ex.ErrorCode, ex.StatusCode));
                Assert.Contains(server.Url, ex.Message);
                Assert.Matches(@"deadline of 1\.5 s; \d+\.\d s spent in 1 attempt", ex.Message);
                lock (verbose)
                {
                    Assert.Contains(verbose, line => line.Contains("attempt 1 of 10 to " + server.Url + "/ has not finished after 0.3 s"));
                }
            }
            finally
            {
                release.Set();
            }
        }

        [Fact]
        public async Task RetriesStopWhenTheNextWaitWouldPassTheDeadline()
        {
            using var server = new LocalAwsServer(_ => Reply.RestJsonError(429, "TooManyRequestsException", "slow down", retryAfter: "20"));
            using var env = new TestEnvironment();
            env.Set("AWS_LPT_CALL_TIMEOUT", "30");
            var clock = new FakeClock();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(clock), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetStagesAsync("a", CancellationToken.None));
            // Attempt 1, a 20 s wait, attempt 2; a second 20 s wait would end past 30 s.
            Assert.Equal((AwsErrorKind.Timeout, 2), (ex.Kind, server.Requests.Count));
            Assert.Contains("would pass the call's deadline of 30.0 s", ex.Message);
            Assert.Contains("HTTP 429 TooManyRequestsException", ex.Message);
            Assert.Equal(TimeSpan.FromSeconds(20), clock.TotalDelay);
        }

        [Fact]
        public async Task EveryThrottleSlowsThePacingInStandardModeToo()
        {
            int calls = 0;
            using var server = new LocalAwsServer(_ => Interlocked.Increment(ref calls) == 1
                ? Reply.RestJsonError(429, "TooManyRequestsException", "slow down")
                : Reply.Json("{\"item\":[]}"));
            using var env = new TestEnvironment();
            var settings = TestEnvironment.Settings();
            using var services = Connect.ToLocal(server, settings, env);
            await services.ApiGateway.GetStagesAsync("a", CancellationToken.None);
            var bucket = settings.RateLimits.Get(LocalAwsServer.AccessKey, "us-east-1", RateLimiterRegistry.ApiGatewayTotal);
            Assert.True(bucket.Rate < 10 * RateLimiterRegistry.PacingShare, "rate " + bucket.Rate);
        }
    }
}
