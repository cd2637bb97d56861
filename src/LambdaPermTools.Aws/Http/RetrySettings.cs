using System;
using System.Globalization;
using LambdaPermTools.Aws.Credentials;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// Retry behaviour users configure for every AWS SDK (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html):
    /// AWS_MAX_ATTEMPTS (counting the first try) and AWS_RETRY_MODE, else the profile's max_attempts / retry_mode; and the
    /// module's deadline per call, AWS_LPT_CALL_TIMEOUT (seconds), else the profile's lpt_call_timeout.
    /// Without an explicit number of attempts, writes get the SDKs' standard 3 and reads, which change nothing and are
    /// safe to repeat, get <see cref="DefaultReadAttempts"/>, so that a scan on a busy account finishes.
    /// Backoff is exponential with full jitter: random(0, min(20 s, 100 ms × 2^retry)), never less than Retry-After.
    /// </summary>
    internal sealed class RetrySettings
    {
        public const int DefaultAttempts = 3;
        public const int DefaultReadAttempts = 10;
        public const string CallTimeoutVariable = "AWS_LPT_CALL_TIMEOUT";
        public const string CallTimeoutProfileKey = "lpt_call_timeout";
        public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(60);
        public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
        public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

        public RetrySettings(int? explicitAttempts, bool adaptive, TimeSpan callTimeout)
        {
            ExplicitAttempts = explicitAttempts;
            Adaptive = adaptive;
            CallTimeout = callTimeout;
        }

        /// <summary>AWS_MAX_ATTEMPTS or max_attempts, when the user set one: it then applies to reads and writes alike.</summary>
        public int? ExplicitAttempts { get; }
        public bool Adaptive { get; }
        public string Mode => Adaptive ? "adaptive" : "standard";
        /// <summary>How long one call may take, its retries and backoff included (the client's own pacing excluded).</summary>
        public TimeSpan CallTimeout { get; }

        public int AttemptsFor(bool read) => ExplicitAttempts ?? (read ? DefaultReadAttempts : DefaultAttempts);

        public string Describe() =>
            $"Retry mode {Mode}; " +
            (ExplicitAttempts is int n ? $"at most {n} attempts per call" : $"at most {DefaultReadAttempts} attempts per read and {DefaultAttempts} per write") +
            $"; deadline {CallTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s per call ({CallTimeoutVariable})";

        public static RetrySettings From(EnvironmentVariables env, SharedProfile? profile)
        {
            int? attempts = null;
            string? text = env.Get("AWS_MAX_ATTEMPTS") ?? profile?["max_attempts"];
            if (text != null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed >= 1)
            {
                attempts = parsed;
            }

            bool adaptive = string.Equals(env.Get("AWS_RETRY_MODE") ?? profile?["retry_mode"], "adaptive", StringComparison.OrdinalIgnoreCase);
            var timeout = DefaultCallTimeout;
            string? seconds = env.Get(CallTimeoutVariable) ?? profile?[CallTimeoutProfileKey];
            if (seconds != null && double.TryParse(seconds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double s) && s > 0 && s <= 86400)
            {
                timeout = TimeSpan.FromSeconds(s);
            }

            return new RetrySettings(attempts, adaptive, timeout);
        }

        /// <summary>Delay before retry number <paramref name="retry"/> (1 = first retry); Retry-After, when given, is a floor (still capped at 20 s).</summary>
        public static TimeSpan Backoff(int retry, double random, TimeSpan? retryAfter)
        {
            double ceiling = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
            var delay = TimeSpan.FromMilliseconds(random * ceiling);
            if (retryAfter is TimeSpan after && after > delay)
            {
                delay = after;
            }

            return delay > MaxBackoff ? MaxBackoff : delay;
        }
    }
}
