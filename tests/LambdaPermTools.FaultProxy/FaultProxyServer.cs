using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>
    /// The proxy: listens on 127.0.0.1, classifies each request as an AWS operation, waits the configured latency,
    /// enforces the quotas, injects the planned fault or forwards to the upstream, and counts what it did.
    /// Stops by itself after <see cref="FaultProxyOptions.Lifetime"/>.
    /// </summary>
    public sealed class FaultProxyServer : IAsyncDisposable
    {
        public const string AdminPrefix = "/__proxy/";

        private static readonly string[] HopByHop = { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Expect", "Host", "Content-Length" };

        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

        private readonly FaultProxyOptions _options;
        private readonly ProxyStats _stats;
        private readonly RateLimiter? _limiter;
        private readonly FaultPlan _faults;
        private readonly HttpClient _upstream;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _lifetime;
        private WebApplication? _app;
        private int _stopping;

        private FaultProxyServer(FaultProxyOptions options)
        {
            _options = options;
            _stats = new ProxyStats(PublishedQuotas.All);
            _limiter = options.EnforcePublishedQuotas ? new RateLimiter(PublishedQuotas.All, () => _clock.Elapsed.TotalSeconds) : null;
            _faults = new FaultPlan(options.Seed, options.ThrottleRate, options.ServerErrorRate, options.ResetRate, options.MaxConsecutiveFaults);
            _upstream = new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                UseProxy = false,
            })
            { Timeout = TimeSpan.FromSeconds(60) };
            _lifetime = new CancellationTokenSource(options.Lifetime);
        }

        /// <summary>http://127.0.0.1:port (no trailing slash).</summary>
        public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

        /// <summary>Completes when the proxy has stopped (lifetime over, POST /__proxy/stop, or <see cref="StopAsync"/>).</summary>
        public Task Stopped => _stopped.Task;

        public StatsSnapshot GetStats() => _stats.Snapshot();

        /// <summary>Zeroes the counters, refills the quotas and forgets the fault history.</summary>
        public void Reset()
        {
            _stats.Reset();
            _limiter?.Reset();
            _faults.Reset();
        }

        public static async Task<FaultProxyServer> StartAsync(FaultProxyOptions options, CancellationToken cancellationToken = default)
        {
            var server = new FaultProxyServer(options);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Listen(IPAddress.Loopback, options.Port);
            });
            var app = builder.Build();
            app.Run(server.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            server._app = app;
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            server.Endpoint = new Uri(address.TrimEnd('/'));
            server._lifetime.Token.Register(() => _ = server.StopAsync());
            return server;
        }

        public async Task StopAsync()
        {
            if (Interlocked.Exchange(ref _stopping, 1) == 1)
            {
                await _stopped.Task.ConfigureAwait(false);
                return;
            }
            try
            {
                if (_app is not null)
                {
                    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _app.StopAsync(grace.Token).ConfigureAwait(false);
                    await _app.DisposeAsync().ConfigureAwait(false);
                }
                _upstream.Dispose();
                _lifetime.Dispose();
            }
            finally
            {
                _stopped.TrySetResult();
            }
        }

        public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

        private async Task HandleAsync(HttpContext context)
        {
            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            if (rawTarget.StartsWith(AdminPrefix, StringComparison.Ordinal))
            {
                await HandleAdminAsync(context, rawTarget).ConfigureAwait(false);
                return;
            }

            using var inFlight = _stats.Enter();
            var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            var isForm = context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
            var operation = OperationClassifier.Classify(context.Request.Method, rawTarget, context.Request.Headers.Authorization.FirstOrDefault(), isForm ? Encoding.UTF8.GetString(body) : null);
            var counters = _stats.For(operation);
            counters.Arrive();

            await WaitAtLeastAsync(_options.LatencyFor(operation), context.RequestAborted).ConfigureAwait(false);

            var wait = _limiter?.TryAdmit(operation) ?? 0;
            if (wait > 0)
            {
                counters.Count(ProxyStats.Outcome.RateLimited, 429);
                await WriteAsync(context, ServiceErrors.Throttle(operation.Service, wait)).ConfigureAwait(false);
                return;
            }

            switch (_faults.Decide(RequestIdentity(context.Request.Method, rawTarget, body)))
            {
                case FaultKind.Reset:
                    counters.Count(ProxyStats.Outcome.InjectedReset, 0);
                    ResetConnection(context);
                    return;
                case FaultKind.ServerError:
                    var error = ServiceErrors.ServerError(operation.Service);
                    counters.Count(ProxyStats.Outcome.InjectedServerError, error.StatusCode);
                    await WriteAsync(context, error).ConfigureAwait(false);
                    return;
                case FaultKind.Throttle:
                    var throttle = ServiceErrors.Throttle(operation.Service, 1);
                    counters.Count(ProxyStats.Outcome.InjectedThrottle, throttle.StatusCode);
                    await WriteAsync(context, throttle).ConfigureAwait(false);
                    return;
            }

            await ForwardAsync(context, rawTarget, body, counters).ConfigureAwait(false);
        }

        private async Task ForwardAsync(HttpContext context, string rawTarget, byte[] body, ProxyStats.Counters counters)
        {
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_options.Upstream.GetLeftPart(UriPartial.Authority) + rawTarget));
            if (body.Length > 0 || context.Request.ContentLength is not null)
            {
                request.Content = new ByteArrayContent(body);
            }

            foreach (var header in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
            {
                if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
                }
            }
            // Keep the Host the client signed (SigV4 signs it); moto ignores it, a signature-checking upstream needs it.
            request.Headers.Host = context.Request.Host.Value;

            HttpResponseMessage response;
            try
            {
                response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
            {
                var gatewayError = ServiceErrors.BadGateway(e.Message);
                counters.Count(ProxyStats.Outcome.UpstreamFailure, gatewayError.StatusCode);
                await WriteAsync(context, gatewayError).ConfigureAwait(false);
                return;
            }

            using (response)
            {
                var payload = await response.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
                counters.Count(ProxyStats.Outcome.Forwarded, (int)response.StatusCode);
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }

                context.Response.ContentLength = payload.Length;
                await context.Response.Body.WriteAsync(payload, context.RequestAborted).ConfigureAwait(false);
            }
        }

        private async Task HandleAdminAsync(HttpContext context, string rawTarget)
        {
            var path = rawTarget.Split('?')[0];
            switch (context.Request.Method, path)
            {
                case ("GET", AdminPrefix + "stats"):
                    var snapshot = JsonSerializer.Serialize(_stats.Snapshot(), Json);
                    await WriteAsync(context, new SyntheticResponse(200, "application/json", snapshot, new System.Collections.Generic.Dictionary<string, string>())).ConfigureAwait(false);
                    break;
                case ("POST", AdminPrefix + "floor"):
                    var calls = await JsonSerializer.DeserializeAsync<System.Collections.Generic.Dictionary<string, long>>(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                    var floors = JsonSerializer.Serialize(ProxyStats.QuotaFloors(PublishedQuotas.All, calls ?? new()), Json);
                    await WriteAsync(context, new SyntheticResponse(200, "application/json", floors, new System.Collections.Generic.Dictionary<string, string>())).ConfigureAwait(false);
                    break;
                case ("POST", AdminPrefix + "reset"):
                    Reset();
                    context.Response.StatusCode = 204;
                    break;
                case ("POST", AdminPrefix + "stop"):
                    context.Response.StatusCode = 202;
                    await context.Response.CompleteAsync().ConfigureAwait(false);
                    _ = Task.Run(StopAsync);
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        }

        private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return buffer.ToArray();
        }

        // Timers may fire a little early; the added latency is a lower bound the benchmark relies on.
        private static async Task WaitAtLeastAsync(TimeSpan latency, CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < latency)
            {
                await Task.Delay(latency - waited.Elapsed + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
            }
        }

        private static string RequestIdentity(string method, string rawTarget, byte[] body) =>
            method + " " + rawTarget + " " + Convert.ToHexString(SHA256.HashData(body));

        // Linger 0 makes the close an RST: the client sees "connection reset", as after a network fault.
        private static void ResetConnection(HttpContext context)
        {
            var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
            if (socket is not null)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            context.Abort();
        }

        private static async Task WriteAsync(HttpContext context, SyntheticResponse response)
        {
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            foreach (var header in response.Headers)
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
