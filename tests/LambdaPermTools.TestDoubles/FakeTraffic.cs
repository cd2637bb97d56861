using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// The calls in flight in the fake account, and the holds a test put on them: a held call waits until released (or
    /// cancelled), so that concurrency is observed by counting calls, never by timing them.
    /// </summary>
    internal sealed class FakeTraffic
    {
        private readonly object _sync = new object();
        private readonly Dictionary<string, int> _inFlight = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<(string Operation, int Change)> _history = new List<(string, int)>();
        private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _holds = new ConcurrentDictionary<string, TaskCompletionSource<bool>>(StringComparer.Ordinal);

        public void Started(string operation) => Count(operation, +1);

        public void Ended(string operation) => Count(operation, -1);

        public int InFlight(string operation)
        {
            lock (_sync)
            {
                return _inFlight.TryGetValue(operation, out var n) ? n : 0;
            }
        }

        /// <summary>The most calls of these operations (of any, when none is named) that were in flight at once.</summary>
        public int MaxInFlight(IReadOnlyCollection<string> operations)
        {
            lock (_sync)
            {
                int now = 0, most = 0;
                foreach (var (operation, change) in _history.Where(h => operations.Count == 0 || operations.Contains(h.Operation)))
                {
                    now += change;
                    most = Math.Max(most, now);
                }

                return most;
            }
        }

        public void Hold(string operation, string? subject) =>
            _holds[Key(operation, subject)] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(string operation, string? subject)
        {
            if (_holds.TryRemove(Key(operation, subject), out var hold))
            {
                hold.SetResult(true);
            }
        }

        /// <summary>Waits while this call is held: by its operation and subject, or by its operation alone.</summary>
        public async Task WhileHeldAsync(string operation, string? subject, CancellationToken cancellationToken)
        {
            if ((subject != null && _holds.TryGetValue(Key(operation, subject), out var hold)) || _holds.TryGetValue(operation, out hold))
            {
                using (cancellationToken.Register(() => hold.TrySetCanceled()))
                {
                    await hold.Task.ConfigureAwait(false);
                }
            }
        }

        private void Count(string operation, int change)
        {
            lock (_sync)
            {
                _inFlight[operation] = (_inFlight.TryGetValue(operation, out var n) ? n : 0) + change;
                _history.Add((operation, change));
            }
        }

        private static string Key(string operation, string? subject) => subject == null ? operation : operation + "|" + subject;
    }
}
