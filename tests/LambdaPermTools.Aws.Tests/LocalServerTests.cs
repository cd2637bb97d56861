using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>What moto cannot show: paging, throttling, faults, malformed bodies, signatures on the wire, HAL vs JSON (docs/aws-rules.md §6).</summary>
    public class LocalServerTests
    {
        [Fact]
        public async Task PagesToTheEndWithPositionAndLimit()
        {
            var account = new FakeApiGatewayAccount(apis: 7, resourcesPerApi: 8, authorizersPerApi: 3);
            using var server = new LocalAwsServer(account.Handle);
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(pageSize: 3), env);

            var apis = await services.ApiGateway.GetRestApisAsync(CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, 7).Select(FakeApiGatewayAccount.ApiId), apis.Select(a => a.Id));
            var resources = await services.ApiGateway.GetResourcesAsync("api0002", CancellationToken.None);
            Assert.Equal(8, resources.Select(r => r.Id).Distinct().Count());
            Assert.Equal(3, (await services.ApiGateway.GetAuthorizersAsync("api0002", CancellationToken.None)).Count);

            var resourcePages = server.Requests.Where(r => r.RawPath == "/restapis/api0002/resources").ToList();
            Assert.Equal(3, resourcePages.Count); // 3 + 3 + 2
            Assert.All(resourcePages, r => Assert.Equal(("methods", "3"), (r.QueryValue("embed"), r.QueryValue("limit"))));
            Assert.Equal(new string?[] { null, "pos-3", "pos-6" }, resourcePages.Select(r => r.QueryValue("position")));
            Assert.Empty(server.SignatureFailures);
        }

        [Fact]
        public async Task DefaultPageSizeIsTheMaximum500()
        {
            using var server = new LocalAwsServer(new FakeApiGatewayAccount(2, 2, 1).Handle);
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            await services.ApiGateway.GetResourcesAsync("api0001", CancellationToken.None);
            Assert.Equal("500", server.Requests.Single().QueryValue("limit"));
        }

        [Fact]
        public async Task APageThatKeepsFailingFailsTheReadInsteadOfTruncatingIt()
        {
            var account = new FakeApiGatewayAccount(apis: 1, resourcesPerApi: 9, authorizersPerApi: 1);
            using var server = new LocalAwsServer(r => r.QueryValue("position") == "pos-6"
                ? Reply.RestJsonError(429, "TooManyRequestsException", "Too Many Requests", retryAfter: "1")
                : account.Handle(r));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(pageSize: 3), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetResourcesAsync("api0000", CancellationToken.None));
            Assert.Equal((AwsErrorKind.Throttled, "GetResources"), (ex.Kind, ex.Operation));
            Assert.Equal(Http.RetrySettings.DefaultReadAttempts, server.Requests.Count(r => r.QueryValue("position") == "pos-6"));
        }

        [Fact]
        public async Task RepeatedPositionTokenIsAnErrorNotALoop()
        {
            using var server = new LocalAwsServer(_ => Reply.Json("{\"item\":[{\"id\":\"a\",\"name\":\"a\"}],\"position\":\"same\"}"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetRestApisAsync(CancellationToken.None));
            Assert.Equal("RepeatedPageToken", ex.ErrorCode);
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task SendsAcceptJsonBecauseApiGatewayOtherwiseAnswersHal()
        {
            // The fake answers HAL (_embedded.item) without Accept: application/json, as API Gateway does.
            using var server = new LocalAwsServer(new FakeApiGatewayAccount(3, 1, 1).Handle);
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            Assert.Equal(3, (await services.ApiGateway.GetRestApisAsync(CancellationToken.None)).Count);
            Assert.Single(await services.ApiGateway.GetResourcesAsync("api0001", CancellationToken.None));
            Assert.Single(await services.ApiGateway.GetStagesAsync("api0001", CancellationToken.None));
            Assert.Equal(3, server.Requests.Count);
            Assert.All(server.Requests, r => Assert.Equal("application/json", r.Header("Accept")));
        }

        [Fact]
        public async Task ThrottlingIsRetriedAfterRetryAfterThenSucceeds()
        {
            int calls = 0;
            using var server = new LocalAwsServer(r => Interlocked.Increment(ref calls) <= 2
                ? Reply.RestJsonError(429, "TooManyRequestsException", "Too Many Requests", retryAfter: "3")
                : Reply.Json("{\"item\":[]}"));
            var clock = new FakeClock();
            var debug = new List<string>();
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(clock), env, o => o.WriteDebug = debug.Add);
            Assert.Empty(await services.ApiGateway.GetStagesAsync("api1", CancellationToken.None));
            Assert.Equal(3, calls);
            Assert.True(clock.TotalDelay >= TimeSpan.FromSeconds(6), "Retry-After 3 s honoured twice, waited " + clock.TotalDelay);
            Assert.Equal(2, debug.Count(d => d.Contains("TooManyRequestsException") && d.Contains("throttled")));
        }

        [Fact]
        public async Task ThrottlingAfterTheLastAttemptIsThrottled()
        {
            using var server = new LocalAwsServer(_ => Reply.RestJsonError(429, "TooManyRequestsException", "Rate exceeded"));
            using var env = new TestEnvironment();
            env.Set("AWS_MAX_ATTEMPTS", "4");
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.Lambda("us-east-1").GetPolicyAsync("f", null, CancellationToken.None));
            Assert.Equal((AwsErrorKind.Throttled, "TooManyRequestsException", 429), (ex.Kind, ex.ErrorCode, ex.StatusCode));
            Assert.Equal(4, server.Requests.Count);
        }

        [Fact]
        public async Task WritesKeepTheStandardThreeAttemptsWhileReadsGetMore()
        {
            using var server = new LocalAwsServer(_ => Reply.RestJsonError(429, "TooManyRequestsException", "Rate exceeded"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var lambda = services.Lambda("us-east-1");
            var write = await Assert.ThrowsAsync<AwsServiceException>(() => lambda.AddPermissionAsync(
                new AddPermissionRequest { FunctionName = "f", StatementId = "s", SourceArn = "arn:aws:execute-api:us-east-1:1:a/*" }, CancellationToken.None));
            Assert.Equal((AwsErrorKind.Throttled, 3), (write.Kind, server.Requests.Count));
            var read = await Assert.ThrowsAsync<AwsServiceException>(() => lambda.GetPolicyAsync("f", null, CancellationToken.None));
            Assert.Equal((AwsErrorKind.Throttled, 3 + 10), (read.Kind, server.Requests.Count));
        }

        [Theory]
        [InlineData(500, "ServiceException")]
        [InlineData(503, "ServiceUnavailableException")]
        [InlineData(502, "")]
        public async Task ServerFaultsAreRetriedAsTransient(int status, string code)
        {
            int calls = 0;
            using var server = new LocalAwsServer(_ => Interlocked.Increment(ref calls) == 1
                ? (code.Length > 0 ? Reply.RestJsonError(status, code, "fault") : new Reply { Status = status, Body = "<html>bad gateway</html>" })
                : Reply.Json("{\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\",\"RevisionId\":\"r1\"}"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var policy = await services.Lambda("us-east-1").GetPolicyAsync("f", null, CancellationToken.None);
            Assert.Equal("r1", policy.RevisionId);
            Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[]}", policy.PolicyJson);
            Assert.Equal(2, calls);
        }

        [Fact]
        public async Task ConnectionResetsAreRetriedAndFinallyReportedAsTransport()
        {
            int calls = 0;
            using var flaky = new LocalAwsServer(_ => Interlocked.Increment(ref calls) == 1 ? new Reply { Reset = true } : Reply.Json("{\"item\":[]}"));
            using var env = new TestEnvironment();
            using (var services = Connect.ToLocal(flaky, TestEnvironment.Settings(), env))
            {
                Assert.Empty(await services.ApiGateway.GetStagesAsync("a", CancellationToken.None));
            }

            Assert.Equal(2, calls);

            using var dead = new LocalAwsServer(_ => new Reply { Reset = true });
            using var broken = Connect.ToLocal(dead, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => broken.ApiGateway.GetStagesAsync("a", CancellationToken.None));
            Assert.Equal((AwsErrorKind.Transport, 0), (ex.Kind, ex.StatusCode));
            Assert.Equal(Http.RetrySettings.DefaultReadAttempts, dead.Requests.Count);
        }

        [Theory]
        [InlineData(404, "ResourceNotFoundException", AwsErrorKind.NotFound)]
        [InlineData(403, "AccessDeniedException", AwsErrorKind.AccessDenied)]
        [InlineData(401, "UnauthorizedException", AwsErrorKind.AccessDenied)]
        [InlineData(409, "ResourceConflictException", AwsErrorKind.Conflict)]
        [InlineData(412, "PreconditionFailedException", AwsErrorKind.PreconditionFailed)]
        [InlineData(400, "InvalidParameterValueException", AwsErrorKind.Validation)]
        [InlineData(400, "PolicyLengthExceededException", AwsErrorKind.Service)]
        public async Task PermanentErrorsAreNotRetriedAndMapToKinds(int status, string code, AwsErrorKind kind)
        {
            using var server = new LocalAwsServer(_ => Reply.RestJsonError(status, code, "it failed"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.Lambda("us-east-1").AddPermissionAsync(
                new AddPermissionRequest { FunctionName = "f", StatementId = "s", SourceArn = "arn:aws:execute-api:us-east-1:1:a/*" }, CancellationToken.None));
            Assert.Equal((kind, code, status), (ex.Kind, ex.ErrorCode, ex.StatusCode));
            Assert.Contains("it failed", ex.Message);
            Assert.Single(server.Requests);
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData("{\"item\": [ {\"name\": \"no id\"} ]}")]
        [InlineData("[1,2,3]")]
        public async Task MalformedBodiesAreReportedNotSwallowed(string body)
        {
            using var server = new LocalAwsServer(_ => Reply.Json(body));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetRestApisAsync(CancellationToken.None));
            Assert.Equal((AwsErrorKind.Service, "MalformedResponse"), (ex.Kind, ex.ErrorCode));
        }

        [Fact]
        public async Task SignatureOnTheWireMatchesForArnPathsQueriesBodiesAndTokens()
        {
            using var server = new LocalAwsServer(r => r.Method == "POST"
                ? Reply.Json("{\"Statement\":\"{}\"}", 201)
                : Reply.Json("{\"Policy\":\"{}\",\"RevisionId\":\"r\"}"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env, o => o.SessionToken = "session/token+=");
            var lambda = services.Lambda("eu-central-1");
            string arn = "arn:aws:lambda:eu-central-1:111122223333:function:my-fn";
            await lambda.GetPolicyAsync(arn, "$LATEST", CancellationToken.None);
            await lambda.AddPermissionAsync(new AddPermissionRequest { FunctionName = arn, Qualifier = "live", StatementId = "s-1", SourceArn = "arn:aws:execute-api:eu-central-1:111122223333:abc/*/GET/a b" }, CancellationToken.None);
            Assert.Empty(server.SignatureFailures);
            var get = server.Requests.First();
            Assert.Equal("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-central-1%3A111122223333%3Afunction%3Amy-fn/policy", get.RawPath);
            Assert.Equal("$LATEST", get.QueryValue("Qualifier"));
            Assert.Equal("session/token+=", get.Header("X-Amz-Security-Token"));
            Assert.Contains("/eu-central-1/lambda/aws4_request", get.Header("Authorization"));
        }

        [Fact]
        public async Task WrongSecretIsRejectedByTheSignatureCheck()
        {
            using var server = new LocalAwsServer(_ => Reply.Json("{\"item\":[]}"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env, o => o.SecretKey = "not-the-secret");
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.ApiGateway.GetStagesAsync("a", CancellationToken.None));
            Assert.Equal((AwsErrorKind.AccessDenied, "InvalidSignatureException"), (ex.Kind, ex.ErrorCode));
            Assert.Single(server.SignatureFailures);
        }

        [Fact]
        public async Task IamQueryErrorsAndPagedSimulation()
        {
            const string ns = "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"";
            using var server = new LocalAwsServer(r =>
            {
                var form = r.Body.Split('&').Select(p => p.Split('=')).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
                if (form["Action"] == "GetRole")
                {
                    return Reply.Xml($"<ErrorResponse {ns}><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name {form["RoleName"]} cannot be found.</Message></Error><RequestId>1</RequestId></ErrorResponse>", 404);
                }

                int page = form.TryGetValue("Marker", out var m) ? int.Parse(m[1..]) : 0;
                string member(int i) => $"<member><EvalActionName>lambda:InvokeFunction</EvalActionName><EvalResourceName>arn:aws:lambda:us-east-1:1:function:f{i}</EvalResourceName><EvalDecision>{(i % 2 == 0 ? "allowed" : "implicitDeny")}</EvalDecision></member>";
                string more = page < 2 ? $"<IsTruncated>true</IsTruncated><Marker>m{page + 1}</Marker>" : "<IsTruncated>false</IsTruncated>";
                return Reply.Xml($"<SimulatePrincipalPolicyResponse {ns}><SimulatePrincipalPolicyResult><EvaluationResults>{member(page * 2)}{member(page * 2 + 1)}</EvaluationResults>{more}</SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>");
            });
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(pageSize: 2), env);

            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.Iam.GetRoleTrustPolicyAsync("arn:aws:iam::1:role/service-role/my-role", CancellationToken.None));
            Assert.Equal((AwsErrorKind.NotFound, "NoSuchEntity"), (ex.Kind, ex.ErrorCode));
            Assert.Contains("RoleName=my-role", server.Requests.Single().Body);

            var resources = Enumerable.Range(0, 6).Select(i => $"arn:aws:lambda:us-east-1:1:function:f{i}").ToList();
            var decisions = await services.Iam.SimulatePrincipalPolicyAsync("arn:aws:iam::1:role/r", "lambda:InvokeFunction", resources, CancellationToken.None);
            Assert.Equal(resources, decisions.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("allowed", decisions[resources[4]]);
            Assert.Equal("implicitDeny", decisions[resources[5]]);
            var simulations = server.Requests.Skip(1).ToList();
            Assert.Equal(3, simulations.Count);
            Assert.All(simulations, r => Assert.Contains("MaxItems=2", r.Body));
            Assert.All(simulations, r => Assert.Contains("/us-east-1/iam/aws4_request", r.Header("Authorization")));
            Assert.Empty(server.SignatureFailures);
        }

        [Fact]
        public async Task CancellationStopsPromptlyEvenDuringBackoff()
        {
            using var server = new LocalAwsServer(_ => Reply.RestJsonError(429, "TooManyRequestsException", "slow down", retryAfter: "20"));
            using var env = new TestEnvironment();
            var settings = TestEnvironment.Settings();
            settings.Clock = Http.SystemClock.Instance; // real waiting: the 20 s backoff must be cut short
            using var services = Connect.ToLocal(server, settings, env);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.ApiGateway.GetStagesAsync("a", cts.Token));
            // Far below the 20 s backoff, with room for a busy machine.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "cancelled after " + watch.Elapsed);
        }
    }
}
