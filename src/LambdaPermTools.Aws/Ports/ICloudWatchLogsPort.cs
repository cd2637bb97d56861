using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>What the module asks CloudWatch Logs: the events of one log group that match a filter (docs/aws-rules.md §6.4).</summary>
    public interface ICloudWatchLogsPort
    {
        /// <summary>
        /// FilterLogEvents, paged with nextToken to the end (a page may be empty and still have a next one): each page's
        /// events go to <paramref name="page"/> as they arrive, so memory does not grow with the log; it returns false to
        /// stop early. A group that does not exist is an <see cref="AwsServiceException"/> of kind NotFound
        /// (ResourceNotFoundException).
        /// </summary>
        Task FilterLogEventsAsync(LogEventQuery query, Func<IReadOnlyList<LogEvent>, bool> page, CancellationToken cancellationToken);
    }
}
