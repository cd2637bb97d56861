using System;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>
    /// A token bucket: starts full with <see cref="Burst"/> tokens and refills at <see cref="RatePerSecond"/>.
    /// The time (seconds on any monotonic clock) is passed in, so tests drive it without sleeping.
    /// </summary>
    public sealed class TokenBucket
    {
        private double _tokens;
        private double _lastRefill = double.NaN;

        public TokenBucket(double ratePerSecond, double burst)
        {
            if (ratePerSecond <= 0 || burst < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "A bucket needs a positive rate and room for at least one request.");
            }

            RatePerSecond = ratePerSecond;
            Burst = burst;
            _tokens = burst;
        }

        public double RatePerSecond { get; }
        public double Burst { get; }

        /// <summary>Seconds until one token is available at <paramref name="now"/>; 0 when one is available now.</summary>
        public double SecondsUntilAvailable(double now)
        {
            Refill(now);
            return _tokens >= 1 ? 0 : (1 - _tokens) / RatePerSecond;
        }

        /// <summary>Takes one token; call only after <see cref="SecondsUntilAvailable"/> returned 0 for the same time.</summary>
        public void Take(double now)
        {
            Refill(now);
            _tokens -= 1;
        }

        private void Refill(double now)
        {
            if (double.IsNaN(_lastRefill))
            {
                _lastRefill = now;
            }

            if (now <= _lastRefill)
            {
                return;
            }

            _tokens = Math.Min(Burst, _tokens + (now - _lastRefill) * RatePerSecond);
            _lastRefill = now;
        }
    }
}
