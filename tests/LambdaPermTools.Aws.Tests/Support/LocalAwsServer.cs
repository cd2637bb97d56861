using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Signing;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>A request as the local server received it (raw path, decoded query).</summary>
    internal sealed class ReceivedRequest
    {
        public string Method { get; init; } = "";
        public string RawPath { get; init; } = "";
        public List<KeyValuePair<string, string>> Query { get; init; } = new();
        public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
        public string Body { get; init; } = "";

        public string? QueryValue(string name) => Query.Where(q => q.Key == name).Select(q => q.Value).FirstOrDefault();
        public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>What the local server answers; <see cref="Reset"/> aborts the connection instead.</summary>
    internal sealed class Reply
    {
        public int Status { get; init; } = 200;
        public string Body { get; init; } = "";
        public Dictionary<string, string> Headers { get; init; } = new();
        public bool Reset { get; init; }

        public static Reply Json(string body, int status = 200) => new() { Status = status, Body = body, Headers = { ["Content-Type"] = "application/json" } };
        public static Reply Xml(string body, int status = 200) => new() { Status = status, Body = body, Headers = { ["Content-Type"] = "text/xml" } };
        public static Reply RestJsonError(int status, string code, string message, string? retryAfter = null)
        {
            var reply = Json("{\"message\":\"" + message + "\"}", status);
            reply.Headers["x-amzn-ErrorType"] = code;
            if (retryAfter != null)
            {
                reply.Headers["Retry-After"] = retryAfter;
            }

            return reply;
        }
    }

    /// <summary>
    /// An HTTP server on 127.0.0.1 for what moto lacks: throttling with Retry-After, 5xx, resets, malformed bodies,
    /// HAL vs JSON, SimulatePrincipalPolicy. It checks every request's SigV4 signature by recomputing it
    /// from what arrived on the wire (so any difference between what we signed and what we sent fails the test).
    /// </summary>
    internal sealed class LocalAwsServer : IDisposable
    {
        public const string AccessKey = "AKIDLOCALTEST";
        public const string SecretKey = "local/secret+key";
        private readonly HttpListener _listener = new();
        private readonly Func<ReceivedRequest, Reply> _handler;
        private readonly Task _loop;

        public LocalAwsServer(Func<ReceivedRequest, Reply> handler)
        {
            _handler = handler;
            for (int attempt = 1; ; attempt++)
            {
                // A free port can be taken by a parallel test between the probe and Start: try another.
                Port = FreePort();
                _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                try
                { _listener.Start(); break; }
                catch (HttpListenerException) when (attempt < 5) { _listener.Prefixes.Clear(); }
            }
            _loop = Task.Run(LoopAsync);
        }

        public int Port { get; }
        public string Url => $"http://127.0.0.1:{Port}";
        public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();
        public ConcurrentQueue<string> SignatureFailures { get; } = new();

        public static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException) { return; }
                _ = Task.Run(() => Serve(context));
            }
        }

        private void Serve(HttpListenerContext context)
        {
            try
            {
                var request = Read(context.Request);
                Requests.Enqueue(request);
                string? signatureProblem = CheckSignature(request);
                Reply reply;
                if (signatureProblem != null)
                {
                    SignatureFailures.Enqueue(signatureProblem);
                    reply = Reply.RestJsonError(403, "InvalidSignatureException", signatureProblem);
                }
                else
                {
                    reply = _handler(request);
                }

                if (reply.Reset)
                {
                    // Promise a body, send part of it, then drop the connection: the client sees the stream end early.
                    context.Response.ContentLength64 = 1000;
                    context.Response.OutputStream.Write(Encoding.UTF8.GetBytes("{\"item\":["));
                    context.Response.OutputStream.Flush();
                    context.Response.Abort();
                    return;
                }
                context.Response.StatusCode = reply.Status;
                foreach (var h in reply.Headers)
                {
                    if (h.Key == "Content-Type")
                    {
                        context.Response.ContentType = h.Value;
                    }
                    else
                    {
                        context.Response.Headers[h.Key] = h.Value;
                    }
                }
                byte[] body = Encoding.UTF8.GetBytes(reply.Body);
                context.Response.ContentLength64 = body.Length;
                context.Response.OutputStream.Write(body);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException || ex is IOException || ex is ObjectDisposedException)
            {
                // The client went away (e.g. cancelled); nothing to answer.
            }
        }

        private static ReceivedRequest Read(HttpListenerRequest r)
        {
            string raw = r.RawUrl ?? "/";
            int q = raw.IndexOf('?');
            var request = new ReceivedRequest
            {
                Method = r.HttpMethod,
                RawPath = q >= 0 ? raw[..q] : raw,
                Body = new StreamReader(r.InputStream, Encoding.UTF8).ReadToEnd(),
            };
            if (q >= 0)
            {
                foreach (string pair in raw[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    int eq = pair.IndexOf('=');
                    request.Query.Add(new(Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair), Uri.UnescapeDataString(eq >= 0 ? pair[(eq + 1)..] : "")));
                }
            }

            foreach (string? name in r.Headers.AllKeys)
            {
                if (name != null)
                {
                    request.Headers[name] = r.Headers[name]!;
                }
            }

            return request;
        }

        /// <summary>Recomputes the signature from the received request with the known secret; null when it matches.</summary>
        private string? CheckSignature(ReceivedRequest request)
        {
            string? authorization = request.Header("Authorization");
            if (authorization == null)
            {
                return "no Authorization header";
            }

            string[] parts = authorization.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries);
            string credential = parts.First(p => p.StartsWith("Credential=")).Substring(11);
            string[] scope = credential.Split('/');
            if (scope[0] != AccessKey)
            {
                return "unknown access key " + scope[0];
            }

            string[] signed = parts.First(p => p.StartsWith("SignedHeaders=")).Substring(14).Split(';');
            var headers = signed.Where(h => h != "host" && h != "x-amz-date" && h != "x-amz-security-token")
                .ToDictionary(h => h, h => request.Header(h) ?? "", StringComparer.OrdinalIgnoreCase);
            var date = DateTimeOffset.ParseExact(request.Header("X-Amz-Date")!, "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal);
            var credentials = new AwsCredentials(AccessKey, SecretKey, request.Header("X-Amz-Security-Token"));
            SigV4Signer.Sign(request.Method, new Uri($"http://{request.Header("Host")}/"), request.RawPath, request.Query,
                headers, Encoding.UTF8.GetBytes(request.Body), credentials, scope[2], scope[3], date);
            return headers["Authorization"] == authorization ? null : $"signature mismatch for {request.Method} {request.RawPath}";
        }

        public void Dispose()
        {
            // Close alone: Stop() then Close() makes the managed listener look the port up again, which fails once
            // another test has taken it.
            _listener.Close();
            try
            { _loop.Wait(TimeSpan.FromSeconds(5)); }
            catch (AggregateException) { }
        }
    }
}
