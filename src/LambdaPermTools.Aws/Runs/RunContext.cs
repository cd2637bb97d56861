using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Arns;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// What every part of one run shares: the connection's ports, opened at the first AWS call (a run that only plans
    /// piped findings never connects), the credentials' account (one GetCallerIdentity per run) and the cancellation.
    /// A connection that cannot be made throws <see cref="ConnectionException"/> from the first call that needs it.
    /// </summary>
    internal sealed class RunContext : IDisposable
    {
        private readonly Lazy<IAwsServices> _services;
        private readonly Lazy<Task<CallerIdentity>> _caller;
        private readonly ConcurrentDictionary<string, Lazy<IAwsServices>> _elsewhere = new ConcurrentDictionary<string, Lazy<IAwsServices>>(StringComparer.Ordinal);
        private readonly ConnectionOptions _connection;
        private readonly IAwsServicesFactory _factory;

        public RunContext(ConnectionOptions connection, IAwsServicesFactory factory, CancellationToken cancellation)
        {
            Cancellation = cancellation;
            _connection = connection;
            _factory = factory;
            _services = new Lazy<IAwsServices>(() => factory.Create(connection));
            _caller = new Lazy<Task<CallerIdentity>>(() => Services.Sts.GetCallerIdentityAsync(cancellation));
        }

        public CancellationToken Cancellation { get; }

        public IAwsServices Services => _services.Value;

        /// <summary>Starts the one GetCallerIdentity of the run, so that it overlaps other reads; its result or failure comes from <see cref="CallerAccountAsync"/>.</summary>
        public void StartCallerIdentity() => _ = _caller.Value;

        /// <summary>The account of the credentials = the owner of the APIs they read.</summary>
        public async Task<string> CallerAccountAsync() => (await _caller.Value.ConfigureAwait(false)).Account;

        /// <summary>What was read of an HTTP or WebSocket API, in this run's region and the credentials' account.</summary>
        public async Task<V2ApiSnapshot> V2SnapshotAsync(V2ApiSummary api, IReadOnlyList<V2Route> routes, IReadOnlyList<V2Integration> integrations,
            IReadOnlyList<V2Authorizer> authorizers, IReadOnlyList<V2Stage> stages) => new V2ApiSnapshot
            {
                Api = api,
                AccountId = await CallerAccountAsync().ConfigureAwait(false),
                Region = Services.Region,
                Partition = Services.Partition,
                Routes = routes,
                Integrations = integrations,
                Authorizers = authorizers,
                Stages = stages,
            };

        /// <summary>Lambda in the function's region (a function may live in another region than the API).</summary>
        public ILambdaPort LambdaOf(string functionArn) =>
            Services.Lambda(FunctionArn.TryParse(functionArn, null, out var parsed, out _) ? parsed!.Region : Services.Region);

        /// <summary>The same connection in another region, opened once per run (API Gateway is regional; see GrantLister's -ApiRegion).</summary>
        public IAwsServices ServicesIn(string region) =>
            region == Services.Region ? Services : _elsewhere.GetOrAdd(region, r => new Lazy<IAwsServices>(() => _factory.Create(_connection.InRegion(r)))).Value;

        public void Dispose()
        {
            if (_services.IsValueCreated)
            {
                _services.Value.Dispose();
            }

            foreach (var other in _elsewhere.Values)
            {
                if (other.IsValueCreated)
                {
                    other.Value.Dispose();
                }
            }
        }
    }
}
