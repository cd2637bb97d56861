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
    /// <summary>The CloudWatch Logs client on the wire (docs/aws-rules.md §6.4): JSON 1.1, signed, paged through empty pages, errors by __type.</summary>
    public class CloudWatchLogsClientTests
    {
        private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        private static readonly LogEventQuery Query = new LogEventQuery("API-Gateway-Execution-Logs_a1b2c3d4e5/prod", "\"Invalid permissions on Lambda function\"", Start, Start.AddHours(1));

        [Fact]
        public async Task PagesThroughAnEmptyPageToTheEndWithTheJsonProtocol()
        {
            var pages = new Dictionary<string, string>
            {
                [""] = "{\"events\":[{\"logStreamName\":\"s1\",\"timestamp\":1796612400000,\"message\":\"(r1) one\"}],\"nextToken\":\"t1\"}",
                ["t1"] = "{\"events\":[],\"nextToken\":\"t2\"}",
                ["t2"] = "{\"events\":[{\"logStreamName\":\"s2\",\"timestamp\":1796612401000,\"message\":\"(r2) two\"}]}",
            };
            using var server = new LocalAwsServer(r => Reply.Json(pages[JsonDocument.Parse(r.Body).RootElement.TryGetProperty("nextToken", out var t) ? t.GetString()! : ""]));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(pageSize: 1), env);

            var seen = new List<LogEvent>();
            await services.Logs.FilterLogEventsAsync(Query, page => { seen.AddRange(page); return true; }, CancellationToken.None);

            Assert.Equal(new[] { "(r1) one", "(r2) two" }, seen.Select(e => e.Message));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796612401000), seen[1].Timestamp);
            Assert.Equal("s2", seen[1].LogStreamName);
            var requests = server.Requests.ToList();
            Assert.Equal(3, requests.Count);
            Assert.All(requests, r => Assert.Equal(("POST", "/", "Logs_20140328.FilterLogEvents"), (r.Method, r.RawPath, r.Header("X-Amz-Target"))));
            Assert.All(requests, r => Assert.StartsWith("application/x-amz-json-1.1", r.Header("Content-Type")));
            Assert.All(requests, r => Assert.Contains("x-amz-target", r.Header("Authorization")));
            var body = JsonDocument.Parse(requests[0].Body).RootElement;
            Assert.Equal(Query.LogGroupName, body.GetProperty("logGroupName").GetString());
            Assert.Equal(Query.FilterPattern, body.GetProperty("filterPattern").GetString());
            Assert.Equal(Start.ToUnixTimeMilliseconds(), body.GetProperty("startTime").GetInt64());
            Assert.Equal(Start.AddHours(1).ToUnixTimeMilliseconds(), body.GetProperty("endTime").GetInt64());
            Assert.Equal(1, body.GetProperty("limit").GetInt32());
            Assert.Empty(server.SignatureFailures);
        }

        [Fact]
        public async Task StopsWhenThePageHandlerSaysSo()
        {
            using var server = new LocalAwsServer(_ => Reply.Json("{\"events\":[{\"timestamp\":1,\"message\":\"m\"}],\"nextToken\":\"more\"}"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            await services.Logs.FilterLogEventsAsync(Query, _ => false, CancellationToken.None);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task AMissingGroupIsNotFound()
        {
            using var server = new LocalAwsServer(_ => Reply.Json("{\"__type\":\"com.amazonaws.logs#ResourceNotFoundException\",\"message\":\"The specified log group does not exist.\"}", 400));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.Logs.FilterLogEventsAsync(Query, _ => true, CancellationToken.None));
            Assert.Equal((AwsErrorKind.NotFound, "ResourceNotFoundException", "FilterLogEvents"), (ex.Kind, ex.ErrorCode, ex.Operation));
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task ThrottlingIsRetried()
        {
            var calls = 0;
            using var server = new LocalAwsServer(_ => Interlocked.Increment(ref calls) == 1
                ? Reply.Json("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", 400)
                : Reply.Json("{\"events\":[]}"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            await services.Logs.FilterLogEventsAsync(Query, _ => true, CancellationToken.None);
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task ARepeatedTokenIsAnErrorNotALoop()
        {
            using var server = new LocalAwsServer(_ => Reply.Json("{\"events\":[],\"nextToken\":\"same\"}"));
            using var env = new TestEnvironment();
            using var services = Connect.ToLocal(server, TestEnvironment.Settings(), env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.Logs.FilterLogEventsAsync(Query, _ => true, CancellationToken.None));
            Assert.Equal((AwsErrorKind.PagingLimit, "RepeatedPageToken"), (ex.Kind, ex.ErrorCode));
            Assert.Equal(2, server.Requests.Count);
        }
    }
}
