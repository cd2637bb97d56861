using System;
using System.Collections.Generic;
using System.Threading;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;

namespace LambdaPermTools.Hosting
{
    /// <summary>A command's run requests: one per distinct connection among its records, in the order the connections first appeared.</summary>
    internal sealed class ConnectionRequests : IDisposable
    {
        private readonly List<KeyValuePair<ConnectionOptions, RunRequest>> _requests = new List<KeyValuePair<ConnectionOptions, RunRequest>>();
        private readonly List<Run> _runs = new List<Run>();

        public RunRequest For(ConnectionOptions connection)
        {
            foreach (var known in _requests)
            {
                if (known.Key.Equals(connection))
                {
                    return known.Value;
                }
            }

            var request = new RunRequest();
            _requests.Add(new KeyValuePair<ConnectionOptions, RunRequest>(connection, request));
            return request;
        }

        /// <summary>Each request with the run of its connection; a run connects at its first AWS call, so a request that needs none makes none.</summary>
        public IEnumerable<(Run Run, RunRequest Request)> Open(IAwsServicesFactory factory, CancellationToken cancellation)
        {
            foreach (var pair in _requests)
            {
                var run = new Run(pair.Key, factory, cancellation);
                _runs.Add(run);
                yield return (run, pair.Value);
            }
        }

        public void Dispose()
        {
            _runs.ForEach(r => r.Dispose());
            _runs.Clear();
        }
    }
}
