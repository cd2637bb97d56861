using System;
using System.Management.Automation;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Runs;

namespace LambdaPermTools.Hosting
{
    /// <summary>Hands a run's results, errors and progress to the pipeline thread; shows progress when more than one API is read.</summary>
    internal sealed class PipelineObserver<T> : IRunObserver<T>
    {
        private const int ActivityId = 0x1A9D;
        private const string Activity = "Scanning REST APIs";
        private readonly AwsCmdlet _cmdlet;
        private readonly Action<T> _write;
        private bool _progressShown;

        public PipelineObserver(AwsCmdlet cmdlet, Action<T> write)
        {
            _cmdlet = cmdlet;
            _write = write;
        }

        /// <summary>Runs <paramref name="verb"/> with this observer until it ends.</summary>
        public void Observe(Func<IRunObserver<T>, Task> verb)
        {
            try
            {
                _cmdlet.Await(async () =>
                {
                    await verb(this).ConfigureAwait(false);
                    return true;
                });
            }
            finally
            {
                // Also when the run ends with a terminating error: no progress bar is left behind.
                if (_progressShown)
                {
                    _cmdlet.WriteProgress(new ProgressRecord(ActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }

        public void Delivered(T result) => _cmdlet.Dispatcher.Post(() => _write(result));

        public void Failed(RunError error) => _cmdlet.Dispatcher.Post(() => _cmdlet.WriteError(error));

        public void Warned(string warning) => _cmdlet.Dispatcher.Post(() => _cmdlet.WriteWarning(warning));

        public void Progressed(int completed, int total, string restApiId)
        {
            if (total < 2)
            {
                return;
            }

            _cmdlet.Dispatcher.Post(() =>
            {
                _progressShown = true;
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, Activity, $"{completed} of {total} APIs scanned (last: {restApiId})")
                {
                    PercentComplete = completed * 100 / total,
                });
            });
        }
    }
}
