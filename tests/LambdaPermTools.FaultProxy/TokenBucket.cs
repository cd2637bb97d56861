using System;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>
    /// A token bucket: starts full with <see cref="Burst"/> tokens and refills at <see cref="RatePerSecond"/>.
    /// The time (seconds on any monotonic clock) is passed in, so tests drive it without sleeping.
    /// </summary>
    public sealed class TokenBucket
    {
        private double tokens;
        private double lastRefill = double.NaN;

        public TokenBucket(double ratePerSecond, double burst)
        {
            if (ratePerSecond <= 0 || burst < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "A bucket needs a positive rate and room for at least one request.");
            }

            RatePerSecond = ratePerSecond;
            Burst = burst;
            tokens = burst;
        }

        public double RatePerSecond { get; }
        public double Burst { get; }

        /// <summary>Seconds until one token is available at <paramref name="now"/>; 0 when one is available now.</summary>
        public double SecondsUntilAvailable(double now)
        {
            Refill(now);
            return tokens >= 1 ? 0 : (1 - tokens) / RatePerSecond;
        }

        /// <summary>Takes one token; call only after <see cref="SecondsUntilAvailable"/> returned 0 for the same time.</summary>
        public void Take(double now)
        {
            Refill(now);
            tokens -= 1;
        }

        private void Refill(double now)
        {
            if (double.IsNaN(lastRefill))
            {
                lastRefill = now;
            }

            if (now <= lastRefill)
            {
                return;
            }

            tokens = Math.Min(Burst, tokens + (now - lastRefill) * RatePerSecond);
            lastRefill = now;
        }
    }
}
