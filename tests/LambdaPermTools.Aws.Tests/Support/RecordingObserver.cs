using System;
using System.Collections.Concurrent;
using LambdaPermTools.Aws.Runs;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>Keeps what a run delivers, in order, from whichever thread delivers it.</summary>
    internal sealed class RecordingObserver<T> : IRunObserver<T>
    {
        private readonly Action? _onDelivered;

        public RecordingObserver(Action? onDelivered = null)
        {
            _onDelivered = onDelivered;
        }

        public ConcurrentQueue<T> Results { get; } = new ConcurrentQueue<T>();
        public ConcurrentQueue<RunError> Errors { get; } = new ConcurrentQueue<RunError>();
        public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<(int Completed, int Total)> Progress { get; } = new ConcurrentQueue<(int, int)>();

        public void Delivered(T result)
        {
            Results.Enqueue(result);
            _onDelivered?.Invoke();
        }

        public void Failed(RunError error) => Errors.Enqueue(error);

        public void Warned(string warning) => Warnings.Enqueue(warning);

        public void Progressed(int completed, int total, string restApiId) => Progress.Enqueue((completed, total));
    }
}
