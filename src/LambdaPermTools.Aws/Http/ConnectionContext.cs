using System;
using System.Net.Http;
using System.Threading;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Endpoints;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>What every service client of one connection shares: HTTP client, credentials, retry and pacing state, diagnostics.</summary>
    internal sealed class ConnectionContext : IDisposable
    {
        public ConnectionContext(HttpSettings settings, ICredentialSource credentials, string accountKey, RetrySettings retry,
            EndpointResolver endpoints, Action<string>? debug, Action<string>? verbose)
        {
            Settings = settings;
            Credentials = credentials;
            AccountKey = accountKey;
            Retry = retry;
            Endpoints = endpoints;
            Debug = debug;
            Verbose = verbose;
            Http = new HttpClient(NetFrameworkConnections.Adapt(settings.CreateHandler(), settings.MaxConcurrency)) { Timeout = Timeout.InfiniteTimeSpan };
            Concurrency = new SemaphoreSlim(settings.MaxConcurrency);
        }

        public HttpSettings Settings { get; }
        public ICredentialSource Credentials { get; }
        /// <summary>Identifies the account for client-side pacing (the credentials' access key id at connection time).</summary>
        public string AccountKey { get; }
        public RetrySettings Retry { get; }
        public EndpointResolver Endpoints { get; }
        public Action<string>? Debug { get; }
        public Action<string>? Verbose { get; }
        public HttpClient Http { get; }
        public SemaphoreSlim Concurrency { get; }

        public void Dispose()
        {
            Http.Dispose();
            Concurrency.Dispose();
        }
    }
}
