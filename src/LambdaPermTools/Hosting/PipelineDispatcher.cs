using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// Runs a cmdlet's asynchronous work on worker threads while everything that touches the pipeline
    /// (WriteObject, WriteError, WriteVerbose, WriteProgress, …) runs on the pipeline thread: workers post
    /// actions, the pipeline thread pumps them until the work is done. StopProcessing (Ctrl+C) cancels the work.
    /// </summary>
    internal sealed class PipelineDispatcher : IDisposable
    {
        private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly int _pipelineThread = Thread.CurrentThread.ManagedThreadId;

        public CancellationToken Cancellation => _stop.Token;

        /// <summary>Runs <paramref name="action"/> on the pipeline thread: now when called there, else at the next pump.</summary>
        public void Post(Action action)
        {
            if (Thread.CurrentThread.ManagedThreadId == _pipelineThread)
            {
                action();
            }
            else
            {
                Enqueue(action);
            }
        }

        /// <summary>Starts <paramref name="work"/> on the thread pool and pumps posted actions until it ends; returns its result.</summary>
        public T Run<T>(Func<Task<T>> work)
        {
            var task = Task.Run(work, _stop.Token);
            task.ContinueWith(_ => Enqueue(() => { }), TaskScheduler.Default);
            try
            {
                while (!task.IsCompleted)
                {
                    _queue.Take()();
                }

                while (_queue.TryTake(out var action))
                {
                    action();
                }

                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch
            {
                // A posted action failed (e.g. a terminating error, or the pipeline is stopping): stop the workers too.
                _stop.Cancel();
                throw;
            }
        }

        /// <summary>Late posts from workers after the cmdlet is done are dropped: there is no pipeline left to write to.</summary>
        private void Enqueue(Action action)
        {
            try
            {
                _queue.Add(action);
            }
            catch (Exception e) when (e is InvalidOperationException || e is ObjectDisposedException)
            {
            }
        }

        /// <summary>Called from StopProcessing (another thread).</summary>
        public void Stop() => _stop.Cancel();

        public void Dispose()
        {
            _queue.CompleteAdding();
            _stop.Dispose();
            _queue.Dispose();
        }
    }
}
