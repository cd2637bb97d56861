using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>Time and waiting, injectable so that tests of backoff and pacing run instantly.</summary>
    internal interface IClock
    {
        /// <summary>Wall-clock time (for X-Amz-Date).</summary>
        DateTimeOffset UtcNow { get; }
        /// <summary>Monotonic time for rate limiting.</summary>
        TimeSpan Elapsed { get; }
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    internal sealed class SystemClock : IClock
    {
        public static readonly SystemClock Instance = new SystemClock();
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        public TimeSpan Elapsed => _stopwatch.Elapsed;

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}
