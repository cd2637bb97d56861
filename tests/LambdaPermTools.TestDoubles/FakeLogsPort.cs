using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>CloudWatch Logs of the fake account in one region: FilterLogEvents, one recorded call per page.</summary>
    internal sealed class FakeLogsPort : ICloudWatchLogsPort
    {
        private const string Service = "logs";
        private const string Operation = "FilterLogEvents";
        private readonly FakeAws _fake;
        private readonly ConnectionOptions _options;
        private readonly string _region;

        public FakeLogsPort(FakeAws fake, ConnectionOptions options, string region)
        {
            _fake = fake;
            _options = options;
            _region = region;
        }

        public async Task FilterLogEventsAsync(LogEventQuery query, Func<IReadOnlyList<LogEvent>, bool> page, CancellationToken cancellationToken)
        {
            string? token = null;
            while (true)
            {
                await _fake.CallAsync(_options, Service, Operation, _region, query.LogGroupName, cancellationToken,
                    ("logGroupName", query.LogGroupName), ("filterPattern", query.FilterPattern), ("nextToken", token),
                    ("startTime", query.StartTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
                    ("endTime", query.EndTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
                List<LogEvent> events;
                int? next;
                lock (_fake.Sync)
                {
                    if (!_fake.Logs.Exists(_region, query.LogGroupName))
                    {
                        throw FakeErrors.NotFound(Service, Operation, "The specified log group does not exist.");
                    }

                    // A page may be empty and still carry a token: CloudWatch searches a slice of the group per page.
                    (events, next) = _fake.Logs.Page(_region, query.LogGroupName, query.FilterPattern, query.StartTime.ToUnixTimeMilliseconds(),
                        query.EndTime.ToUnixTimeMilliseconds(), token == null ? 0 : int.Parse(token, CultureInfo.InvariantCulture), _fake.LogPageSize);
                }

                if (!page(events) || next == null)
                {
                    return;
                }

                token = next.Value.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
