using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// A token bucket: <see cref="Burst"/> calls at once, then <see cref="Rate"/> per second. Waiting honours cancellation.
    /// Every throttle lowers the rate (×0.7, not below 10%), as the SDKs' adaptive retry mode does, and successes restore it slowly.
    /// It refills only from the first answer on (<see cref="OnAnswered"/>): the service's bucket is full until the first request
    /// arrives, and a first request slowed by connection set-up arrives late, so a refill counted from the client's start would
    /// run ahead of the service's and the first paced call after the burst would be throttled.
    /// </summary>
    internal sealed class TokenBucket
    {
        private readonly object _gate = new object();
        private readonly IClock _clock;
        private readonly double _maxRate;
        private readonly TaskCompletionSource<bool> _answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private double _tokens;
        private TimeSpan _last;
        private volatile bool _refilling;

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
                    if (_tokens >= 1)
                    { _tokens -= 1; return; }
                    // Rounded up to a whole tick: a wait rounded down would refill just short of a token, again and again.
                    wait = TimeSpan.FromTicks((long)Math.Ceiling((1 - _tokens) / Rate * TimeSpan.TicksPerSecond));
                }

                if (_refilling)
                {
                    await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await WhenAnsweredAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task WhenAnsweredAsync(CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetCanceled()))
            {
                await (await Task.WhenAny(_answered.Task, cancelled.Task).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }

        /// <summary>An attempt drawn from this bucket got an answer (or none): from now on the bucket refills.</summary>
        public void OnAnswered()
        {
            lock (_gate)
            {
                if (!_refilling)
                {
                    _refilling = true;
                    _last = _clock.Elapsed;
                }
            }

            _answered.TrySetResult(true);
        }

        public void OnThrottled()
        {
            lock (_gate)
            { Refill(); Rate = Math.Max(_maxRate * 0.1, Rate * 0.7); }
        }

        public void OnSuccess()
        {
            lock (_gate)
            { Refill(); Rate = Math.Min(_maxRate, Rate * 1.05); }
        }

        private void Refill()
        {
            TimeSpan now = _clock.Elapsed;
            if (_refilling)
            {
                _tokens = Math.Min(Burst, _tokens + (now - _last).TotalSeconds * Rate);
            }

            _last = now;
        }
    }

    /// <summary>
    /// Client-side pacing per account (credentials) and region, shared by every connection made in the process so that
    /// consecutive cmdlet calls share the budget. One bucket per published quota (docs/aws-rules.md §6.1, §6.2): API Gateway
    /// control plane 10 rps burst 40 per account, GetResources 5 per 2 s; Lambda GetPolicy 15 rps, GetFunction 100 rps and
    /// the rest of the Lambda control plane 15 rps, each its own quota; CloudWatch Logs FilterLogEvents 5 rps. Lambda publishes no burst: one second's worth.
    /// </summary>
    internal sealed class RateLimiterRegistry
    {
        public const string ApiGatewayTotal = "apigateway";
        public const string ApiGatewayGetResources = "apigateway:GetResources";
        public const string LambdaGetPolicy = "lambda:GetPolicy";
        public const string LambdaGetFunction = "lambda:GetFunction";
        public const string LambdaControlPlane = "lambda";
        public const string LogsFilterLogEvents = "logs:FilterLogEvents";

        /// <summary>
        /// The share of each published rate the client uses. Requests paced exactly at the quota reach AWS with network
        /// jitter, and two that arrive closer than the quota's spacing cost a throttle and its ~1 s Retry-After.
        /// </summary>
        public const double PacingShare = 0.95;

        public static readonly RateLimiterRegistry Shared = new RateLimiterRegistry(SystemClock.Instance);

        private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new ConcurrentDictionary<string, TokenBucket>(StringComparer.Ordinal);
        private readonly IClock _clock;

        public RateLimiterRegistry(IClock clock) => _clock = clock;

        /// <summary>The bucket of a Lambda control-plane operation: GetPolicy and GetFunction have quotas of their own.</summary>
        public static string LambdaBucketFor(string operation) => operation switch
        {
            "GetPolicy" => LambdaGetPolicy,
            "GetFunction" => LambdaGetFunction,
            _ => LambdaControlPlane,
        };

        public TokenBucket Get(string account, string region, string bucket) =>
            _buckets.GetOrAdd(account + "|" + region + "|" + bucket, _ => Create(bucket));

        private TokenBucket Create(string bucket)
        {
            switch (bucket)
            {
                case ApiGatewayTotal:
                    return Paced(10, 40);
                case ApiGatewayGetResources:
                    return Paced(2.5, 5);
                case LambdaGetPolicy:
                    return Paced(15, 15);
                case LambdaGetFunction:
                    return Paced(100, 100);
                case LambdaControlPlane:
                    return Paced(15, 15);
                case LogsFilterLogEvents:
                    // 5 transactions per second per account and region, not adjustable (https://repost.aws/knowledge-center/cloudwatch-logs-throttling).
                    return Paced(5, 5);
                default:
                    throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "unknown rate bucket");
            }
        }

        private TokenBucket Paced(double publishedRate, double burst) => new TokenBucket(_clock, publishedRate * PacingShare, burst);
    }
}
