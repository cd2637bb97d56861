using System;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>One log event as FilterLogEvents returns it.</summary>
    public sealed class LogEvent
    {
        public LogEvent(DateTimeOffset timestamp, string message, string logStreamName)
        {
            Timestamp = timestamp;
            Message = message;
            LogStreamName = logStreamName;
        }

        public DateTimeOffset Timestamp { get; }
        public string Message { get; }
        public string LogStreamName { get; }
    }
}
