using System;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>The time window of a log search (both ends inclusive, as CloudWatch's startTime and endTime).</summary>
    public sealed class LogWindow
    {
        public LogWindow(DateTimeOffset start, DateTimeOffset end)
        {
            Start = start;
            End = end;
        }

        public DateTimeOffset Start { get; }
        public DateTimeOffset End { get; }

        /// <summary>The last hour up to <paramref name="now"/>: the default of Find-ApiLambdaPermissionError.</summary>
        public static LogWindow LastHour(DateTimeOffset now) => new LogWindow(now.AddHours(-1), now);
    }
}
