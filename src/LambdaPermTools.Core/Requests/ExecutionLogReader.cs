using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// Reads API Gateway execution-log lines one at a time (docs/aws-rules.md §7) and yields each request that
    /// failed with "Invalid permissions on Lambda function" once its end is seen. Lines carry the CloudWatch
    /// <c>(request-id) </c> prefix (optionally after an exported ISO timestamp) or the console Test pane's
    /// <c>date : </c> prefix. Only unfinished requests are held, at most <see cref="MaxOpenRequests"/>, so a log
    /// of any size is read in flat memory.
    /// </summary>
    public sealed class ExecutionLogReader
    {
        public const string Phrase = "Invalid permissions on Lambda function";
        public const int MaxOpenRequests = 10000;

        /// <summary>The line shapes recognised, for the warning when a text has none of them.</summary>
        public static readonly string[] Shapes =
        {
            "(<request-id>) Sending request to https://lambda.<region>.amazonaws.com/2015-03-31/functions/<arn>/invocations",
            "(<request-id>) Execution failed due to configuration error: Invalid permissions on Lambda function",
            "(<request-id>) Execution failed due to configuration error: Authorizer error",
            "<date> : <the same messages> (the console's Test pane)",
        };

        private static readonly Regex IsoStamp = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?\s+", RegexOptions.CultureInvariant);
        private static readonly Regex RequestPrefix = new Regex(@"^\((?<id>[0-9A-Za-z-]+)\)\s", RegexOptions.CultureInvariant);
        private static readonly Regex ConsolePrefix = new Regex(@"^(?<date>[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)\s*:\s", RegexOptions.CultureInvariant);
        private static readonly Regex Sending = new Regex(@"Sending request to https://lambda\.[a-z0-9-]+\.[a-z0-9.-]+/2015-03-31/functions/(?<arn>[^/\s]+)/invocations", RegexOptions.CultureInvariant);
        private static readonly Regex MethodTemplate = new Regex(@"authorized because method '(?<verb>[A-Z]+) (?<path>/[^']*)'", RegexOptions.CultureInvariant);
        private static readonly Regex HttpMethodLine = new Regex(@"HTTP Method: (?<verb>[A-Z]+), Resource Path: (?<path>\S+)", RegexOptions.CultureInvariant);
        private static readonly Regex StartingExecution = new Regex(@"Starting execution for request: (?<id>[0-9A-Za-z-]+)", RegexOptions.CultureInvariant);

        private readonly Dictionary<string, OpenRequest> _open = new Dictionary<string, OpenRequest>(StringComparer.Ordinal);
        private readonly LinkedList<OpenRequest> _order = new LinkedList<OpenRequest>();
        private string _consoleRequest = "";

        /// <summary>How many lines had a recognised prefix and message.</summary>
        public long RecognisedLines { get; private set; }

        /// <summary>
        /// Reads one line (<paramref name="time"/>: the event's timestamp when the log service gave one) and yields
        /// the failed requests it finishes.
        /// </summary>
        public IEnumerable<FailedRequest> Read(string line, DateTimeOffset? time = null)
        {
            var text = IsoStamp.Replace(line ?? "", "", 1);
            string id;
            var prefix = RequestPrefix.Match(text);
            var console = ConsolePrefix.Match(text);
            if (prefix.Success)
            {
                id = prefix.Groups["id"].Value;
                text = text.Substring(prefix.Length);
            }
            else if (console.Success)
            {
                time ??= ParseConsoleDate(console.Groups["date"].Value);
                text = text.Substring(console.Length);
                var start = StartingExecution.Match(text);
                _consoleRequest = start.Success ? start.Groups["id"].Value : _consoleRequest;
                id = _consoleRequest;
            }
            else
            {
                return Enumerable.Empty<FailedRequest>();
            }

            return Apply(id, text.Trim(), time);
        }

        /// <summary>Yields the failed requests whose end the log did not show (call once, after the last line).</summary>
        public IEnumerable<FailedRequest> Complete()
        {
            var done = _order.Where(o => o.Failed).Select(o => o.Request).ToList();
            _open.Clear();
            _order.Clear();
            return done;
        }

        private IEnumerable<FailedRequest> Apply(string id, string message, DateTimeOffset? time)
        {
            var open = Open(id, out var evicted);
            var state = open.Request;
            var recognised = true;
            Match m;
            if ((m = Sending.Match(message)).Success)
            {
                state.FunctionArn = Uri.UnescapeDataString(m.Groups["arn"].Value);
            }
            else if ((m = MethodTemplate.Match(message)).Success)
            {
                state.HttpMethod = m.Groups["verb"].Value;
                state.ResourcePath = m.Groups["path"].Value;
            }
            else if ((m = HttpMethodLine.Match(message)).Success)
            {
                state.HttpMethod = state.HttpMethod.Length > 0 ? state.HttpMethod : m.Groups["verb"].Value;
                state.RequestPath = m.Groups["path"].Value;
            }
            else if (message.IndexOf(Phrase, StringComparison.Ordinal) >= 0)
            {
                open.Failed = true;
                state.Time = time ?? state.Time;
            }
            else if (message.IndexOf("Authorizer error", StringComparison.Ordinal) >= 0
                || message.IndexOf("AuthorizerConfigurationException", StringComparison.Ordinal) >= 0)
            {
                state.Kind = TargetKind.Authorizer;
                return Finish(open, evicted);
            }
            else if (message.StartsWith("Method completed with status", StringComparison.Ordinal))
            {
                return Finish(open, evicted);
            }
            else
            {
                recognised = StartingExecution.IsMatch(message) || message.StartsWith("Starting authorizer", StringComparison.Ordinal);
            }

            RecognisedLines += recognised ? 1 : 0;
            state.Time ??= time;
            return evicted;
        }

        private OpenRequest Open(string id, out List<FailedRequest> evicted)
        {
            evicted = new List<FailedRequest>();
            if (_open.TryGetValue(id, out var open))
            {
                return open;
            }

            // Requests whose end never shows (filtered or cut logs) are let go oldest first; failed ones are yielded.
            while (_open.Count >= MaxOpenRequests)
            {
                var oldest = _order.First!.Value;
                if (oldest.Failed)
                {
                    evicted.Add(oldest.Request);
                }

                Close(oldest);
            }

            open = new OpenRequest(new FailedRequest { RequestId = id });
            open.Node = _order.AddLast(open);
            _open[id] = open;
            return open;
        }

        private IEnumerable<FailedRequest> Finish(OpenRequest open, List<FailedRequest> evicted)
        {
            RecognisedLines++;
            if (open.Failed)
            {
                evicted.Add(open.Request);
            }

            Close(open);
            return evicted;
        }

        private void Close(OpenRequest open)
        {
            _order.Remove(open.Node!);
            _open.Remove(open.Request.RequestId);
        }

        private static DateTimeOffset? ParseConsoleDate(string text) =>
            DateTimeOffset.TryParseExact(text, "ddd, d MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : (DateTimeOffset?)null;

        private sealed class OpenRequest
        {
            public OpenRequest(FailedRequest request)
            {
                Request = request;
            }

            public FailedRequest Request { get; }
            public bool Failed { get; set; }
            public LinkedListNode<OpenRequest>? Node { get; set; }
        }
    }
}
