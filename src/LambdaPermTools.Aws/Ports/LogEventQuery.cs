using System;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>One FilterLogEvents search: the group, a CloudWatch filter pattern (empty: every event) and a time window.</summary>
    public sealed class LogEventQuery
    {
        public LogEventQuery(string logGroupName, string filterPattern, DateTimeOffset startTime, DateTimeOffset endTime)
        {
            LogGroupName = logGroupName;
            FilterPattern = filterPattern;
            StartTime = startTime;
            EndTime = endTime;
        }

        public string LogGroupName { get; }
        public string FilterPattern { get; }

        /// <summary>Inclusive, as CloudWatch's startTime.</summary>
        public DateTimeOffset StartTime { get; }

        /// <summary>Inclusive, as CloudWatch's endTime.</summary>
        public DateTimeOffset EndTime { get; }
    }
}
