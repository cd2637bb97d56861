using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>Admits a request only if every quota that covers it has a token for its quota holder (account).</summary>
    public sealed class RateLimiter
    {
        private readonly IReadOnlyList<Quota> _quotas;
        private readonly Func<double> _clockSeconds;
        private readonly Dictionary<(string Holder, string Quota), TokenBucket> _buckets = new();
        private readonly object _gate = new();

        public RateLimiter(IReadOnlyList<Quota> quotas, Func<double> clockSeconds)
        {
            _quotas = quotas;
            _clockSeconds = clockSeconds;
        }

        /// <summary>0 when admitted (a token is taken from every covering quota), else the seconds until it would be.</summary>
        public double TryAdmit(AwsOperation operation)
        {
            var covering = _quotas.Where(q => q.Covers(operation)).ToList();
            if (covering.Count == 0)
            {
                return 0;
            }

            lock (_gate)
            {
                var now = _clockSeconds();
                var relevant = covering.Select(q => BucketFor(operation.QuotaHolder, q)).ToList();
                var wait = relevant.Max(b => b.SecondsUntilAvailable(now));
                if (wait > 0)
                {
                    return wait;
                }

                foreach (var bucket in relevant)
                {
                    bucket.Take(now);
                }

                return 0;
            }
        }

        /// <summary>Refills every quota: as if the account had been idle.</summary>
        public void Reset()
        {
            lock (_gate)
            {
                _buckets.Clear();
            }
        }

        private TokenBucket BucketFor(string holder, Quota quota)
        {
            if (!_buckets.TryGetValue((holder, quota.Name), out var bucket))
            {
                _buckets[(holder, quota.Name)] = bucket = new TokenBucket(quota.RatePerSecond, quota.Burst);
            }

            return bucket;
        }
    }
}
