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
        private readonly AwsCmdlet _cmdlet;
        private readonly Action<T> _write;
        private readonly string _activity;
        private readonly string _items;
        private bool _progressShown;

        /// <summary><paramref name="activity"/> and <paramref name="items"/> name the progress: "Scanning APIs", "3 of 7 APIs scanned".</summary>
        public PipelineObserver(AwsCmdlet cmdlet, Action<T> write, string activity, string items)
        {
            _cmdlet = cmdlet;
            _write = write;
            _activity = activity;
            _items = items;
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
                    _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
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
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, $"{completed} of {total} {_items} (last: {restApiId})")
                {
                    PercentComplete = completed * 100 / total,
                });
            });
        }
    }
}
