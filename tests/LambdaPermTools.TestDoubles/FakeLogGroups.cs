using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// CloudWatch Logs groups of the fake account, per region, with FilterLogEvents' semantics (BC:logs): events in
    /// timestamp order, startTime and endTime both inclusive, a filter pattern of terms (all must occur, case-sensitive),
    /// quoted phrases and ?-terms (any one must occur), pages with an opaque nextToken that may be empty.
    /// </summary>
    internal sealed class FakeLogGroups
    {
        private readonly Dictionary<string, List<LogEvent>> _groups = new Dictionary<string, List<LogEvent>>(StringComparer.Ordinal);

        public void AddGroup(string region, string name)
        {
            if (!_groups.ContainsKey(Key(region, name)))
            {
                _groups[Key(region, name)] = new List<LogEvent>();
            }
        }

        public void Add(string region, string name, LogEvent logEvent)
        {
            AddGroup(region, name);
            var events = _groups[Key(region, name)];
            // Kept in timestamp order (stable for equal timestamps, as ingestion order is).
            var at = events.Count;
            while (at > 0 && events[at - 1].Timestamp > logEvent.Timestamp)
            {
                at--;
            }

            events.Insert(at, logEvent);
        }

        public bool Exists(string region, string name) => _groups.ContainsKey(Key(region, name));

        /// <summary>One page from <paramref name="offset"/>: the matching events and the offset of the next page, or null at the end.</summary>
        public (List<LogEvent> Events, int? Next) Page(string region, string name, string filterPattern, long startTime, long endTime, int offset, int pageSize)
        {
            var matches = Pattern(filterPattern);
            var events = _groups[Key(region, name)];
            var page = new List<LogEvent>();
            // Events are searched by time, as CloudWatch indexes them: the first page starts at startTime, the last ends
            // at endTime; each page searches up to pageSize events, matching or not.
            var i = offset == 0 ? FirstAtOrAfter(events, startTime) : offset;
            var searched = 0;
            for (; i < events.Count && searched < pageSize && events[i].Timestamp.ToUnixTimeMilliseconds() <= endTime; i++, searched++)
            {
                if (matches(events[i].Message))
                {
                    page.Add(events[i]);
                }
            }

            var more = i < events.Count && events[i].Timestamp.ToUnixTimeMilliseconds() <= endTime;
            return (page, more ? i : (int?)null);
        }

        private static int FirstAtOrAfter(List<LogEvent> events, long startTime)
        {
            int low = 0, high = events.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (events[mid].Timestamp.ToUnixTimeMilliseconds() < startTime)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }

        /// <summary>
        /// The filter pattern as a predicate. Only the unstructured forms are modelled; JSON, space-delimited and regex
        /// patterns are refused (InvalidParameterException) rather than guessed.
        /// </summary>
        public static Func<string, bool> Pattern(string filterPattern)
        {
            var all = new List<string>();
            var any = new List<string>();
            var text = filterPattern ?? "";
            for (var i = 0; i < text.Length;)
            {
                if (text[i] == ' ')
                {
                    i++;
                    continue;
                }

                var optional = text[i] == '?';
                i += optional ? 1 : 0;
                if (i < text.Length && "{[%-".IndexOf(text[i]) >= 0)
                {
                    throw FakeErrors.Invalid("logs", "FilterLogEvents", $"The fake models only plain, quoted and ?-terms, not '{filterPattern}'.");
                }

                string term;
                if (i < text.Length && text[i] == '"')
                {
                    var close = text.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        throw FakeErrors.Invalid("logs", "FilterLogEvents", "Invalid filter pattern: unterminated quote.");
                    }

                    term = text.Substring(i + 1, close - i - 1);
                    i = close + 1;
                }
                else
                {
                    var end = text.IndexOf(' ', i);
                    end = end < 0 ? text.Length : end;
                    term = text.Substring(i, end - i);
                    i = end;
                }

                (optional ? any : all).Add(term);
            }

            return message => all.All(t => message.IndexOf(t, StringComparison.Ordinal) >= 0)
                && (any.Count == 0 || any.Any(t => message.IndexOf(t, StringComparison.Ordinal) >= 0));
        }

        private static string Key(string region, string name) => region + "|" + name;
    }
}
