using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Tests.Requests
{
    /// <summary>docs/aws-rules.md §7: execution-log lines to failed requests, grouped by request id.</summary>
    public class ExecutionLogReaderTests
    {
        private const string Fn = "arn:aws:lambda:us-east-1:111122223333:function:orders";
        private const string Auth = "arn:aws:lambda:us-east-1:111122223333:function:authz";

        // KC-REST integration form, with the INFO lines that name the method template and the request path.
        internal static readonly string[] IntegrationLines =
        {
            "(11111111-aaaa-4bbb-8ccc-000000000001) Starting execution for request: 11111111-aaaa-4bbb-8ccc-000000000001",
            "(11111111-aaaa-4bbb-8ccc-000000000001) HTTP Method: GET, Resource Path: /pets/42",
            "(11111111-aaaa-4bbb-8ccc-000000000001) API Key  authorized because method 'GET /pets/{petId}' does not require API Key. Request will not contribute to throttle or quota limits",
            $"(11111111-aaaa-4bbb-8ccc-000000000001) Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/{Fn}/invocations",
            "(11111111-aaaa-4bbb-8ccc-000000000001) Execution failed due to configuration error: Invalid permissions on Lambda function",
            "(11111111-aaaa-4bbb-8ccc-000000000001) Method completed with status: 500",
        };

        // KC-REST authorizer form.
        internal static readonly string[] AuthorizerLines =
        {
            $"(22222222-aaaa-4bbb-8ccc-000000000002) Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/{Auth}/invocations",
            "(22222222-aaaa-4bbb-8ccc-000000000002) Execution failed due to configuration error: Invalid permissions on Lambda function",
            "(22222222-aaaa-4bbb-8ccc-000000000002) Execution failed due to configuration error: Authorizer error",
        };

        [Fact]
        public void IntegrationFormNamesMethodTemplateAndFunction()
        {
            var failed = Assert.Single(ReadAll(IntegrationLines));
            Assert.Equal(TargetKind.Integration, failed.Kind);
            Assert.Equal(("GET", "/pets/{petId}", "/pets/42", Fn), (failed.HttpMethod, failed.ResourcePath, failed.RequestPath, failed.FunctionArn));
            Assert.Equal("11111111-aaaa-4bbb-8ccc-000000000001", failed.RequestId);
        }

        [Fact]
        public void AuthorizerFormIsAnAuthorizerFailure()
        {
            var failed = Assert.Single(ReadAll(AuthorizerLines));
            Assert.Equal((TargetKind.Authorizer, Auth), (failed.Kind, failed.FunctionArn));
        }

        [Fact] // interleaved requests are told apart by their request id; a successful one yields nothing
        public void LinesAreGroupedByRequestId()
        {
            var ok = new[]
            {
                $"(33333333-aaaa-4bbb-8ccc-000000000003) Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/{Fn}/invocations",
                "(33333333-aaaa-4bbb-8ccc-000000000003) Method completed with status: 200",
            };
            var mixed = IntegrationLines.Zip(AuthorizerLines.Concat(ok).Concat(new[] { "", "" }), (a, b) => new[] { a, b }).SelectMany(x => x);
            var failed = ReadAll(mixed);
            Assert.Equal(new[] { TargetKind.Authorizer, TargetKind.Integration }, failed.Select(f => f.Kind));
        }

        [Fact] // the console Test pane: "date : message", no request id; the date becomes the time
        public void ConsoleTestPaneLines()
        {
            var lines = IntegrationLines.Select(l => "Wed, 05 Jun 2024 14:22:11 GMT : " + l.Substring(l.IndexOf(')') + 2));
            var failed = Assert.Single(ReadAll(lines));
            Assert.Equal(new DateTimeOffset(2024, 6, 5, 14, 22, 11, TimeSpan.Zero), failed.Time);
            Assert.Equal("11111111-aaaa-4bbb-8ccc-000000000001", failed.RequestId); // from "Starting execution for request"
            Assert.Equal(Fn, failed.FunctionArn);
        }

        [Fact] // exported text may put an ISO timestamp before the (request-id) prefix
        public void ExportedTimestampIsSkipped()
        {
            var failed = Assert.Single(ReadAll(AuthorizerLines.Select(l => "2024-06-05T14:22:11.123Z " + l)));
            Assert.Equal(Auth, failed.FunctionArn);
        }

        [Fact] // a request whose end is not in the text still counts when the text ends
        public void UnfinishedFailedRequestIsYieldedAtTheEnd()
        {
            var failed = Assert.Single(ReadAll(IntegrationLines.Take(5)));
            Assert.Equal(TargetKind.Integration, failed.Kind);
        }

        [Fact]
        public void UnrecognisedTextHasNoRecognisedLines()
        {
            var reader = new ExecutionLogReader();
            Assert.Empty(reader.Read("hello world").Concat(reader.Read("ERROR something else")).Concat(reader.Complete()));
            Assert.Equal(0, reader.RecognisedLines);
        }

        [Fact] // never-ending requests are let go oldest first, so memory is bounded; failed ones still count
        public void OpenRequestsAreBounded()
        {
            var reader = new ExecutionLogReader();
            var yielded = new List<FailedRequest>();
            for (var i = 0; i < ExecutionLogReader.MaxOpenRequests + 5; i++)
            {
                yielded.AddRange(reader.Read($"({i}) Execution failed due to configuration error: Invalid permissions on Lambda function"));
            }

            Assert.Equal(5, yielded.Count);
            Assert.Equal(ExecutionLogReader.MaxOpenRequests, reader.Complete().Count());
        }

        [Fact] // one failure per distinct target, counted, first/last time, at most five request ids
        public void TallyCountsPerTarget()
        {
            var tally = new FailureTally();
            var t0 = new DateTimeOffset(2024, 6, 5, 14, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 7; i++)
            {
                tally.Add(new FailedRequest { RequestId = "r" + i, FunctionArn = Fn, HttpMethod = "GET", ResourcePath = "/pets/{petId}", Time = t0.AddMinutes(6 - i) }, "abcdef1234", "prod", false, "g");
            }

            tally.Add(new FailedRequest { RequestId = "a", FunctionArn = Auth, Kind = TargetKind.Authorizer }, "abcdef1234", "prod", false, "g");
            Assert.Equal(2, tally.Failures.Count);
            var first = tally.Failures[0];
            Assert.Equal((7, t0, t0.AddMinutes(6)), (first.Count, first.FirstSeen!.Value, first.LastSeen!.Value));
            Assert.Equal(new[] { "r0", "r1", "r2", "r3", "r4" }, first.RequestIds);
        }

        private static List<FailedRequest> ReadAll(IEnumerable<string> lines)
        {
            var reader = new ExecutionLogReader();
            var failed = lines.SelectMany(l => reader.Read(l)).ToList();
            failed.AddRange(reader.Complete());
            return failed;
        }
    }
}
