using System;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>A clock whose delays return at once and advance time, so backoff and pacing are measurable without waiting.</summary>
    internal sealed class FakeClock : IClock
    {
        private readonly object _gate = new object();
        private TimeSpan _elapsed;

        public DateTimeOffset Start { get; } = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        public DateTimeOffset UtcNow { get { lock (_gate) { return Start + _elapsed; } } }
        public TimeSpan Elapsed { get { lock (_gate) { return _elapsed; } } }
        public TimeSpan TotalDelay { get; private set; }
        public int Delays { get; private set; }

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                if (delay > TimeSpan.Zero)
                { _elapsed += delay; TotalDelay += delay; }
                Delays++;
            }
            return Task.CompletedTask;
        }
    }
}
