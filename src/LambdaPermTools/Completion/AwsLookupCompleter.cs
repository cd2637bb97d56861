using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Binding;

namespace LambdaPermTools.Completion
{
    /// <summary>
    /// Base of completers that ask AWS (-RestApiId, -StageName): the connection comes from the parameters already
    /// typed and the session's stored credentials/region; answers are cached for a minute; a call that takes
    /// longer than <see cref="Timeout"/> or fails yields no completions and no message.
    /// </summary>
    public abstract class AwsLookupCompleter : IArgumentCompleter
    {
        internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
        private static readonly ConcurrentDictionary<(Type Completer, string Scope, ConnectionOptions Connection), (DateTime At, IReadOnlyList<(string Value, string Tooltip)> Items)> Cache =
            new ConcurrentDictionary<(Type, string, ConnectionOptions), (DateTime, IReadOnlyList<(string, string)>)>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var options = Connection(fakeBoundParameters ?? new Hashtable());
                var scope = Scope(fakeBoundParameters ?? new Hashtable());
                if (scope == null)
                {
                    return new CompletionResult[0];
                }

                var key = (GetType(), scope, options);
                if (!Cache.TryGetValue(key, out var cached) || DateTime.UtcNow - cached.At > CacheLifetime)
                {
                    cached = (DateTime.UtcNow, Lookup(options, scope));
                    Cache[key] = cached;
                }

                return Completions.Matching(cached.Items, wordToComplete);
            }
            catch (Exception)
            {
                // Completion must never disturb typing: any failure (no credentials, network, throttling) completes nothing.
                return new CompletionResult[0];
            }
        }

        /// <summary>What the lookup depends on besides the connection (e.g. the API id), or null when it cannot run yet.</summary>
        internal abstract string? Scope(IDictionary fakeBoundParameters);

        internal abstract Task<IReadOnlyList<(string Value, string Tooltip)>> ReadAsync(IAwsServices services, string scope, CancellationToken cancellation);

        private IReadOnlyList<(string, string)> Lookup(ConnectionOptions options, string scope)
        {
            var cancellation = new CancellationTokenSource(Timeout);
            var read = Task.Run(async () =>
            {
                using (var services = AwsServices.Factory.Create(options))
                {
                    return await ReadAsync(services, scope, cancellation.Token).ConfigureAwait(false);
                }
            });
            if (read.Wait(Timeout))
            {
                cancellation.Dispose();
                return read.Result;
            }

            // Not disposed: the abandoned call may still look at the token until it notices the cancellation.
            cancellation.Cancel();
            throw new TimeoutException();
        }

        private static ConnectionOptions Connection(IDictionary bound)
        {
            object? stored = null;
            object? storedRegion = null;
            try
            {
                var state = Runspace.DefaultRunspace?.SessionStateProxy;
                stored = state?.PSVariable.GetValue("StoredAWSCredentials");
                storedRegion = state?.PSVariable.GetValue("StoredAWSRegion");
            }
            catch (PSInvalidOperationException)
            {
                // The runspace is busy on another thread: complete with the typed parameters only.
            }

            return ConnectionBinding.Read(name => bound.Contains(name) ? bound[name] : null, stored, storedRegion);
        }
    }
}
