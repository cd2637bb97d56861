using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>
    /// CloudWatch Logs FilterLogEvents (docs/aws-rules.md §6.4): JSON 1.1 protocol (POST /, X-Amz-Target), paged with
    /// nextToken until it is absent, each page handed on as it arrives. Empty pages with a token are normal here, so the
    /// only ends of a listing that does not end are a token seen twice and the page limit. Paced to the 5 rps quota.
    /// </summary>
    internal sealed class CloudWatchLogsClient : ICloudWatchLogsPort
    {
        private const string Operation = "FilterLogEvents";
        private readonly ServiceCaller _caller;
        private readonly int? _limit;

        public CloudWatchLogsClient(ServiceCaller caller, int? pageSize)
        {
            _caller = caller;
            _limit = pageSize;
        }

        public async Task FilterLogEventsAsync(LogEventQuery query, Func<IReadOnlyList<LogEvent>, bool> page, CancellationToken cancellationToken)
        {
            var tokens = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            for (var pages = 1; ; pages++)
            {
                var response = await _caller.SendAsync(Request(query, token), cancellationToken).ConfigureAwait(false);
                var (events, next) = ResponseReader.Json(_caller, Operation, response, root =>
                    ((IReadOnlyList<LogEvent>)root.Array("events").Select(ReadEvent).ToList(), root.Str("nextToken")));
                if (!page(events) || string.IsNullOrEmpty(next))
                {
                    return;
                }

                if (!tokens.Add(next!))
                {
                    throw Limit(query, "RepeatedPageToken", $"the page token '{_caller.Shown(next!)}' a second time (page {Count(pages)})");
                }

                if (pages >= _caller.Limits.MaxPages)
                {
                    throw Limit(query, "TooManyPages", $"{Count(pages)} pages, and still a next page");
                }

                token = next;
            }
        }

        private AwsRequest Request(LogEventQuery query, string? token)
        {
            var body = new Dictionary<string, object>
            {
                ["logGroupName"] = query.LogGroupName,
                ["startTime"] = query.StartTime.ToUnixTimeMilliseconds(),
                ["endTime"] = query.EndTime.ToUnixTimeMilliseconds(),
            };
            if (query.FilterPattern.Length > 0)
            {
                body["filterPattern"] = query.FilterPattern;
            }

            if (_limit is int limit)
            {
                body["limit"] = limit;
            }

            if (token != null)
            {
                body["nextToken"] = token;
            }

            var request = new AwsRequest(Operation, HttpMethod.Post) { IsRead = true }
                .WithBody(JsonSerializer.Serialize(body), "application/x-amz-json-1.1")
                .Paced(RateLimiterRegistry.LogsFilterLogEvents);
            request.Headers["X-Amz-Target"] = "Logs_20140328." + Operation;
            return request;
        }

        private AwsServiceException Limit(LogEventQuery query, string code, string what) =>
            _caller.Error(AwsErrorKind.PagingLimit, Operation, code, 200,
                $"{_caller.Service.DisplayName} {Operation} on {query.LogGroupName} returned {what}: a listing that does not end, so it was stopped.");

        private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

        private static LogEvent ReadEvent(JsonElement e) => new LogEvent(
            DateTimeOffset.FromUnixTimeMilliseconds(e.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : throw new FormatException("an event without \"timestamp\"")),
            e.Str("message") ?? "",
            e.Str("logStreamName") ?? "");
    }
}
