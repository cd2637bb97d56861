using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// A token bucket: <see cref="Burst"/> calls at once, then <see cref="Rate"/> per second. Waiting honours cancellation.
    /// In adaptive retry mode a throttle lowers the rate (×0.7, not below 10%) and successes restore it slowly.
    /// </summary>
    internal sealed class TokenBucket
    {
        private readonly object _gate = new object();
        private readonly IClock _clock;
        private readonly double _maxRate;
        private double _tokens;
        private TimeSpan _last;

        public TokenBucket(IClock clock, double ratePerSecond, double burst)
        {
            _clock = clock;
            _maxRate = Rate = ratePerSecond;
            Burst = _tokens = burst;
            _last = clock.Elapsed;
        }

        public double Rate { get; private set; }
        public double Burst { get; }

        public async Task AcquireAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    Refill();
                    if (_tokens >= 1) { _tokens -= 1; return; }
                    wait = TimeSpan.FromSeconds((1 - _tokens) / Rate);
                }
                await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        public void OnThrottled()
        {
            lock (_gate) { Refill(); Rate = Math.Max(_maxRate * 0.1, Rate * 0.7); }
        }

        public void OnSuccess()
        {
            lock (_gate) { Refill(); Rate = Math.Min(_maxRate, Rate * 1.05); }
        }

        private void Refill()
        {
            TimeSpan now = _clock.Elapsed;
            _tokens = Math.Min(Burst, _tokens + (now - _last).TotalSeconds * Rate);
            _last = now;
        }
    }

    /// <summary>
    /// Client-side pacing per account (credentials) and region, shared by every connection made in the process so that
    /// consecutive cmdlet calls share the budget. Limits from aws-semantics.md §6.1/§6.2: API Gateway control plane 10 rps
    /// burst 40 per account, GetResources 5 per 2 s, Lambda control plane 15 rps.
    /// </summary>
    internal sealed class RateLimiterRegistry
    {
        public const string ApiGatewayTotal = "apigateway";
        public const string ApiGatewayGetResources = "apigateway:GetResources";
        public const string Lambda = "lambda";

        public static readonly RateLimiterRegistry Shared = new RateLimiterRegistry(SystemClock.Instance);

        private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new ConcurrentDictionary<string, TokenBucket>(StringComparer.Ordinal);
        private readonly IClock _clock;

        public RateLimiterRegistry(IClock clock) => _clock = clock;

        public TokenBucket Get(string account, string region, string bucket) =>
            _buckets.GetOrAdd(account + "|" + region + "|" + bucket, _ => Create(bucket));

        private TokenBucket Create(string bucket)
        {
            switch (bucket)
            {
                case ApiGatewayTotal: return new TokenBucket(_clock, 10, 40);
                case ApiGatewayGetResources: return new TokenBucket(_clock, 2.5, 5);
                case Lambda: return new TokenBucket(_clock, 15, 15);
                default: throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "unknown rate bucket");
            }
        }
    }
}
