using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.TestDoubles;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>The fake's CloudWatch Logs follows FilterLogEvents' semantics (docs/aws-rules.md §6.4), which the Find tests rely on.</summary>
    public class FakeLogsTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        private readonly FakeAws _fake = new FakeAws { LogPageSize = 2 };
        private readonly ICloudWatchLogsPort _logs;

        public FakeLogsTests()
        {
            _logs = _fake.Create(new ConnectionOptions()).Logs;
            _fake.AddLogEvents("g", T0, new[] { "(a) Invalid permissions on Lambda function", "(b) Method completed", "(c) invalid permissions", "(d) Invalid then permissions" });
        }

        [Fact] // terms all (case-sensitive), quoted phrases exact, ?-terms any; both ends of the window inclusive
        public async Task FilterPatternsAndWindow()
        {
            Assert.Equal(new[] { "(a) Invalid permissions on Lambda function" }, await MessagesAsync("\"Invalid permissions\""));
            Assert.Equal(new[] { "(a) Invalid permissions on Lambda function", "(d) Invalid then permissions" }, await MessagesAsync("Invalid permissions"));
            Assert.Equal(new[] { "(b) Method completed", "(c) invalid permissions" }, await MessagesAsync("?\"(b)\" ?\"(c)\""));
            Assert.Equal(new[] { "(b) Method completed", "(c) invalid permissions" }, await MessagesAsync("", T0.AddMilliseconds(1), T0.AddMilliseconds(2)));
        }

        [Fact]
        public async Task PagesWithATokenOneCallPerPage()
        {
            Assert.Equal(4, (await MessagesAsync("")).Length);
            var calls = _fake.CallsOf("FilterLogEvents");
            Assert.Equal(new string?[] { null, "2" }, calls.Select(c => c["nextToken"]));
        }

        [Fact] // what the fake does not model is refused, not guessed; a missing group is CloudWatch's ResourceNotFoundException
        public async Task UnmodelledPatternAndMissingGroup()
        {
            var invalid = await Assert.ThrowsAsync<AwsServiceException>(() => MessagesAsync("{ $.x = 1 }"));
            Assert.Equal(AwsErrorKind.Validation, invalid.Kind);
            var missing = await Assert.ThrowsAsync<AwsServiceException>(() =>
                _logs.FilterLogEventsAsync(new LogEventQuery("nope", "", T0, T0), _ => true, CancellationToken.None));
            Assert.Equal((AwsErrorKind.NotFound, "ResourceNotFoundException"), (missing.Kind, missing.ErrorCode));
        }

        private async Task<string[]> MessagesAsync(string pattern, DateTimeOffset? start = null, DateTimeOffset? end = null)
        {
            var seen = new List<string>();
            await _logs.FilterLogEventsAsync(new LogEventQuery("g", pattern, start ?? T0, end ?? T0.AddMinutes(1)), page =>
            {
                seen.AddRange(page.Select(e => e.Message));
                return true;
            }, CancellationToken.None);
            return seen.ToArray();
        }
    }
}
