using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LambdaPermTools.FaultProxy.Tests
{
    /// <summary>A stand-in for moto: records what reached it and answers with a JSON echo of the request.</summary>
    public sealed class EchoUpstream : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private EchoUpstream(WebApplication app) => _app = app;

        public sealed record Seen(string Method, string RawTarget, string Host, string Body, string? Authorization);

        public ConcurrentQueue<Seen> Requests { get; } = new();

        public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

        public static async Task<EchoUpstream> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var upstream = new EchoUpstream(app);
            app.Run(async context =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                var seen = new Seen(context.Request.Method, context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                    context.Request.Host.Value ?? "", body, context.Request.Headers.Authorization.FirstOrDefault());
                upstream.Requests.Enqueue(seen);
                context.Response.StatusCode = context.Request.Method == "POST" ? 201 : 200;
                context.Response.Headers["x-amzn-RequestId"] = "upstream-id";
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(seen));
            });
            await app.StartAsync();
            upstream.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            return upstream;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
