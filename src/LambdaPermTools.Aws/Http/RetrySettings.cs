using System;
using System.Globalization;
using LambdaPermTools.Aws.Credentials;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// Retry behaviour users configure for every AWS SDK (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html):
    /// AWS_MAX_ATTEMPTS (default 3, counting the first try) and AWS_RETRY_MODE (standard default; adaptive also slows the
    /// client-side rate after throttling), else the profile's max_attempts / retry_mode. Backoff is exponential with full jitter: random(0, min(20 s, 100 ms × 2^retry)).
    /// </summary>
    internal sealed class RetrySettings
    {
        public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
        public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

        public RetrySettings(int maxAttempts, bool adaptive)
        {
            MaxAttempts = maxAttempts;
            Adaptive = adaptive;
        }

        public int MaxAttempts { get; }
        public bool Adaptive { get; }
        public string Mode => Adaptive ? "adaptive" : "standard";

        public static RetrySettings From(EnvironmentVariables env, SharedProfile? profile)
        {
            int attempts = 3;
            string? text = env.Get("AWS_MAX_ATTEMPTS") ?? profile?["max_attempts"];
            if (text != null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed >= 1)
                attempts = parsed;
            bool adaptive = string.Equals(env.Get("AWS_RETRY_MODE") ?? profile?["retry_mode"], "adaptive", StringComparison.OrdinalIgnoreCase);
            return new RetrySettings(attempts, adaptive);
        }

        /// <summary>Delay before retry number <paramref name="retry"/> (1 = first retry); Retry-After, when given, is a floor (still capped at 20 s).</summary>
        public static TimeSpan Backoff(int retry, double random, TimeSpan? retryAfter)
        {
            double ceiling = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
            var delay = TimeSpan.FromMilliseconds(random * ceiling);
            if (retryAfter is TimeSpan after && after > delay) delay = after;
            return delay > MaxBackoff ? MaxBackoff : delay;
        }
    }
}
