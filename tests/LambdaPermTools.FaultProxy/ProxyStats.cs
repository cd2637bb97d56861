using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>
    /// What happened to the requests of one operation, as counted so far. <c>Requests</c> counts arrivals (including
    /// those still in flight); the arrival times are seconds since the counters started, to show when a client issued them.
    /// </summary>
    public sealed record OperationStats(
        string Service,
        string Operation,
        long Requests,
        long Forwarded,
        long RateLimited,
        long InjectedThrottles,
        long InjectedServerErrors,
        long InjectedResets,
        long UpstreamFailures,
        IReadOnlyDictionary<string, long> StatusCodes,
        double? FirstArrivalSeconds,
        double? LastArrivalSeconds);

    /// <summary>A published quota and the requests that fell under it; <see cref="FloorSeconds"/> is the least time those requests need under it.</summary>
    public sealed record QuotaStats(string Name, double RatePerSecond, double Burst, long Requests, double FloorSeconds, string Source);

    /// <summary>A point-in-time copy of the counters (what <c>GET /__proxy/stats</c> returns).</summary>
    public sealed record StatsSnapshot(
        DateTimeOffset SinceUtc,
        double Seconds,
        long MaxInFlight,
        OperationStats Total,
        IReadOnlyDictionary<string, OperationStats> Operations,
        IReadOnlyList<QuotaStats> Quotas);

    /// <summary>Thread-safe counters per operation.</summary>
    public sealed class ProxyStats
    {
        private readonly ConcurrentDictionary<string, Counters> _operations = new();
        private readonly IReadOnlyList<Quota> _quotas;
        private DateTimeOffset _since = DateTimeOffset.UtcNow;
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private long _inFlight;
        private long _maxInFlight;

        public ProxyStats(IReadOnlyList<Quota> quotas)
        {
            _quotas = quotas;
        }

        public sealed class Counters
        {
            private readonly Func<double> _clock;
            private readonly object _arrivalGate = new();
            private double _firstArrival = double.NaN;
            private double _lastArrival = double.NaN;

            internal Counters(AwsOperation operation, Func<double> clock)
            {
                Operation = operation;
                _clock = clock;
            }

            internal AwsOperation Operation { get; }
            internal long Requests;
            internal long Forwarded;
            internal long RateLimited;
            internal long InjectedThrottles;
            internal long InjectedServerErrors;
            internal long InjectedResets;
            internal long UpstreamFailures;
            internal readonly ConcurrentDictionary<int, long> StatusCodes = new();

            /// <summary>Counts a request when it arrives, before latency and judgement, so observers see it in flight.</summary>
            public void Arrive()
            {
                Interlocked.Increment(ref Requests);
                var now = _clock();
                lock (_arrivalGate)
                {
                    if (double.IsNaN(_firstArrival))
                    {
                        _firstArrival = now;
                    }

                    _lastArrival = now;
                }
            }

            /// <summary>Counts what became of an arrived request.</summary>
            public void Count(Outcome outcome, int statusCode)
            {
                switch (outcome)
                {
                    case Outcome.Forwarded:
                        Interlocked.Increment(ref Forwarded);
                        break;
                    case Outcome.RateLimited:
                        Interlocked.Increment(ref RateLimited);
                        break;
                    case Outcome.InjectedThrottle:
                        Interlocked.Increment(ref InjectedThrottles);
                        break;
                    case Outcome.InjectedServerError:
                        Interlocked.Increment(ref InjectedServerErrors);
                        break;
                    case Outcome.InjectedReset:
                        Interlocked.Increment(ref InjectedResets);
                        break;
                    case Outcome.UpstreamFailure:
                        Interlocked.Increment(ref UpstreamFailures);
                        break;
                }
                if (statusCode > 0)
                {
                    StatusCodes.AddOrUpdate(statusCode, 1, (_, n) => n + 1);
                }
            }

            internal OperationStats Snapshot()
            {
                double first, last;
                lock (_arrivalGate)
                {
                    (first, last) = (_firstArrival, _lastArrival);
                }

                return new(
                    Operation.Service, Operation.Name, Interlocked.Read(ref Requests), Interlocked.Read(ref Forwarded), Interlocked.Read(ref RateLimited),
                    Interlocked.Read(ref InjectedThrottles), Interlocked.Read(ref InjectedServerErrors), Interlocked.Read(ref InjectedResets),
                    Interlocked.Read(ref UpstreamFailures),
                    StatusCodes.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
                    double.IsNaN(first) ? null : Math.Round(first, 3), double.IsNaN(last) ? null : Math.Round(last, 3));
            }
        }

        public enum Outcome
        {
            Forwarded,
            RateLimited,
            InjectedThrottle,
            InjectedServerError,
            InjectedReset,
            UpstreamFailure,
        }

        /// <summary>The counters of one operation (per operation, across quota holders).</summary>
        public Counters For(AwsOperation operation) => _operations.GetOrAdd(operation.Key, _ => new Counters(operation, () => _clock.Elapsed.TotalSeconds));

        /// <summary>Marks a request in flight until the returned handle is disposed.</summary>
        public IDisposable Enter()
        {
            var now = Interlocked.Increment(ref _inFlight);
            long seen;
            while (now > (seen = Interlocked.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }
            return new Leave(this);
        }

        public void Reset()
        {
            _operations.Clear();
            Interlocked.Exchange(ref _maxInFlight, Interlocked.Read(ref _inFlight));
            _since = DateTimeOffset.UtcNow;
            _clock.Restart();
        }

        public StatsSnapshot Snapshot()
        {
            var all = _operations.Values.Select(c => c.Snapshot()).OrderBy(s => s.Service + ":" + s.Operation, StringComparer.Ordinal).ToList();
            var quotaStats = QuotaFloors(_quotas, all.ToDictionary(o => o.Service + ":" + o.Operation, o => o.Requests));
            return new StatsSnapshot(
                _since,
                (DateTimeOffset.UtcNow - _since).TotalSeconds,
                Interlocked.Read(ref _maxInFlight),
                Sum(all),
                all.ToDictionary(s => s.Service + ":" + s.Operation, s => s),
                quotaStats);
        }

        /// <summary>
        /// For each quota: the calls (keyed "service:Operation") it covers and the least time any client needs for them.
        /// The quotas are independent, so the largest of these is the floor for the whole set of calls.
        /// </summary>
        public static IReadOnlyList<QuotaStats> QuotaFloors(IReadOnlyList<Quota> quotas, IReadOnlyDictionary<string, long> callsByOperation)
        {
            var operations = callsByOperation.Select(p => (Operation: ParseKey(p.Key), Calls: p.Value)).ToList();
            return quotas.Select(q =>
            {
                var requests = operations.Where(o => q.Covers(o.Operation)).Sum(o => o.Calls);
                return new QuotaStats(q.Name, q.RatePerSecond, q.Burst, requests, FloorSeconds(requests, q.RatePerSecond, q.Burst), q.Source);
            }).ToList();
        }

        private static AwsOperation ParseKey(string key)
        {
            var colon = key.IndexOf(':');
            return colon < 0 ? new AwsOperation("other", key, "") : new AwsOperation(key.Substring(0, colon), key.Substring(colon + 1), "");
        }

        /// <summary>The least time any client needs for <paramref name="requests"/> under a full bucket of <paramref name="burst"/> refilled at <paramref name="rate"/>.</summary>
        public static double FloorSeconds(long requests, double rate, double burst) => Math.Max(0, (requests - burst) / rate);

        private static OperationStats Sum(IReadOnlyList<OperationStats> all) => new(
            "*", "*", all.Sum(s => s.Requests), all.Sum(s => s.Forwarded), all.Sum(s => s.RateLimited), all.Sum(s => s.InjectedThrottles),
            all.Sum(s => s.InjectedServerErrors), all.Sum(s => s.InjectedResets), all.Sum(s => s.UpstreamFailures),
            all.SelectMany(s => s.StatusCodes).GroupBy(p => p.Key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
            all.Min(s => s.FirstArrivalSeconds), all.Max(s => s.LastArrivalSeconds));

        private sealed class Leave : IDisposable
        {
            private ProxyStats? _owner;

            public Leave(ProxyStats owner) => _owner = owner;

            public void Dispose()
            {
                if (_owner is not null)
                {
                    Interlocked.Decrement(ref _owner._inFlight);
                }

                _owner = null;
            }
        }
    }
}
