using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Searches one execution-log group (docs/aws-rules.md §7.1) in two filtered passes, so that CloudWatch does the
    /// filtering and only the lines that matter cross the wire: first the lines with the error's phrase (which requests
    /// failed, and when), then, for batches of those request ids, every line of those requests (which method, template
    /// and function). A group with nothing at all logged in the window says so, never "no errors".
    /// </summary>
    internal sealed class ExecutionLogSearch
    {
        /// <summary>CloudWatch's filterPattern is at most 1,024 characters; request-id batches stay under it.</summary>
        internal const int MaxPatternLength = 1000;

        /// <summary>How long before its failure line a request's first lines may be (API Gateway's 29 s integration timeout, and the authorizer's).</summary>
        internal static readonly TimeSpan RequestSpan = TimeSpan.FromSeconds(60);

        private static readonly Regex RequestId = new Regex(@"^\((?<id>[0-9A-Za-z-]+)\)\s", RegexOptions.CultureInvariant);

        private readonly RunContext _run;

        public ExecutionLogSearch(RunContext run)
        {
            _run = run;
        }

        /// <summary>
        /// The failed requests of one group, each handed to <paramref name="found"/>; false when the group does not exist or
        /// logged nothing in the window (NotFound from CloudWatch propagates as <see cref="AwsServiceException"/>).
        /// </summary>
        public async Task<bool> SearchAsync(string logGroupName, LogWindow window, Action<FailedRequest> found)
        {
            var logs = _run.Services.Logs;
            var failedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            await logs.FilterLogEventsAsync(new LogEventQuery(logGroupName, Quoted(ExecutionLogReader.Phrase), window.Start, window.End), page =>
            {
                foreach (var e in page)
                {
                    var id = RequestId.Match(e.Message);
                    if (id.Success && !failedAt.ContainsKey(id.Groups["id"].Value))
                    {
                        failedAt[id.Groups["id"].Value] = e.Timestamp;
                    }
                }

                return true;
            }, _run.Cancellation).ConfigureAwait(false);

            if (failedAt.Count == 0)
            {
                return await LoggedAnythingAsync(logGroupName, window).ConfigureAwait(false);
            }

            var reader = new ExecutionLogReader();
            foreach (var batch in Batches(failedAt.OrderBy(f => f.Value)))
            {
                var query = new LogEventQuery(logGroupName, batch.Pattern, batch.First - RequestSpan, batch.Last.AddSeconds(1));
                await logs.FilterLogEventsAsync(query, page =>
                {
                    foreach (var e in page)
                    {
                        foreach (var request in reader.Read(e.Message, e.Timestamp))
                        {
                            found(request);
                        }
                    }

                    return true;
                }, _run.Cancellation).ConfigureAwait(false);
            }

            foreach (var request in reader.Complete())
            {
                found(request);
            }

            return true;
        }

        /// <summary>Whether the group holds any event in the window (stops at the first).</summary>
        private async Task<bool> LoggedAnythingAsync(string logGroupName, LogWindow window)
        {
            var any = false;
            await _run.Services.Logs.FilterLogEventsAsync(new LogEventQuery(logGroupName, "", window.Start, window.End), page =>
            {
                any = page.Count > 0;
                return !any;
            }, _run.Cancellation).ConfigureAwait(false);
            return any;
        }

        /// <summary>Request ids in time order, as OR-patterns (?"id1" ?"id2" …) of at most <see cref="MaxPatternLength"/> characters, each with its time span.</summary>
        private static IEnumerable<(string Pattern, DateTimeOffset First, DateTimeOffset Last)> Batches(IEnumerable<KeyValuePair<string, DateTimeOffset>> failures)
        {
            var pattern = new StringBuilder();
            DateTimeOffset first = default, last = default;
            foreach (var failure in failures)
            {
                var term = "?" + Quoted("(" + failure.Key + ")");
                if (pattern.Length > 0 && pattern.Length + 1 + term.Length > MaxPatternLength)
                {
                    yield return (pattern.ToString(), first, last);
                    pattern.Clear();
                }

                first = pattern.Length == 0 ? failure.Value : first;
                last = failure.Value;
                pattern.Append(pattern.Length > 0 ? " " : "").Append(term);
            }

            if (pattern.Length > 0)
            {
                yield return (pattern.ToString(), first, last);
            }
        }

        private static string Quoted(string term) => "\"" + term + "\"";
    }
}
