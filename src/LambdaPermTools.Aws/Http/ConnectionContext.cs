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
        private readonly Action<string>? _debug;
        private readonly Action<string>? _verbose;

        public ConnectionContext(HttpSettings settings, ICredentialSource credentials, string accountKey, RetrySettings retry,
            EndpointResolver endpoints, SecretRedactor redactor, Action<string>? debug, Action<string>? verbose)
        {
            Settings = settings;
            Credentials = credentials;
            AccountKey = accountKey;
            Retry = retry;
            Endpoints = endpoints;
            Redactor = redactor;
            _debug = debug;
            _verbose = verbose;
            Http = new HttpClient(NetFrameworkConnections.Adapt(settings.CreateHandler(), settings.MaxConcurrency)) { Timeout = Timeout.InfiniteTimeSpan };
            Concurrency = new SemaphoreSlim(settings.MaxConcurrency);
        }

        public HttpSettings Settings { get; }
        public ICredentialSource Credentials { get; }
        /// <summary>Identifies the account for client-side pacing (the credentials' access key id at connection time).</summary>
        public string AccountKey { get; }
        public RetrySettings Retry { get; }
        public EndpointResolver Endpoints { get; }
        /// <summary>Knows the connection's secrets; every text below goes through it.</summary>
        public SecretRedactor Redactor { get; }
        public HttpClient Http { get; }
        public SemaphoreSlim Concurrency { get; }

        public void Debug(string line) => _debug?.Invoke(Redactor.Redact(line));

        public void Verbose(string line) => _verbose?.Invoke(Redactor.Redact(line));

        /// <summary>Server text fit to show: secrets removed first (so that no cut leaves half a secret), then cut to a few kilobytes.</summary>
        public string Shown(string serverText) => ServerText.Cut(Redactor.Redact(serverText), Settings.Limits.MaxShownChars);

        /// <summary>The credentials to sign with now; their secrets join the redactor (a refreshed set is new).</summary>
        public AwsCredentials CurrentCredentials()
        {
            var credentials = Credentials.GetCredentials();
            Redactor.Add(credentials.SecretKey);
            Redactor.Add(credentials.SessionToken);
            return credentials;
        }

        public void Dispose()
        {
            Http.Dispose();
            Concurrency.Dispose();
        }
    }
}
