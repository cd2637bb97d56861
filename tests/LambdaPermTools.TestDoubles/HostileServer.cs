using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// An HTTP server on 127.0.0.1 that lies the way AWS's own signature errors and issue 18's servers do (a proxy, a mock,
    /// a misconfigured gateway): it echoes our secrets back in many forms, pages forever, never answers, drips, or sends a
    /// 10 MB error. REST calls get JSON, Query calls (form-encoded POST: STS, IAM) XML. Requests run concurrently; Dispose
    /// ends the hanging ones. For the secrets and safety tests: nothing a server sends may carry our keys, token or
    /// Authorization header into a stream, or hold a cmdlet longer than its deadline.
    /// </summary>
    public sealed class HostileServer : IDisposable
    {
        /// <summary>Items per page of <see cref="HostileBehaviour.EndlessPages"/>, each with a name of <see cref="EndlessNameLength"/> characters.</summary>
        public const int EndlessPageItems = 500;
        public const int EndlessNameLength = 400;

        private readonly HttpListener _listener = new HttpListener();
        private readonly HostileBehaviour _behaviour;
        private readonly int _status;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;
        private int _requests;
        private int _pages;

        /// <param name="behaviour">What every request gets.</param>
        /// <param name="status">The status of the echoing behaviours' error answers.</param>
        public HostileServer(HostileBehaviour behaviour, int status = 403)
        {
            _behaviour = behaviour;
            _status = status;
            Port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _loop = Task.Run(AcceptAsync);
        }

        public int Port { get; }
        public string Url => $"http://127.0.0.1:{Port}";
        public int Requests => Volatile.Read(ref _requests);

        private async Task AcceptAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }
                Interlocked.Increment(ref _requests);
                _ = Task.Run(() => ServeAsync(context));
            }
        }

        private async Task ServeAsync(HttpListenerContext context)
        {
            try
            {
                var request = context.Request;
                bool query = (request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
                switch (_behaviour)
                {
                    case HostileBehaviour.Hang:
                        await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                        return;
                    case HostileBehaviour.Drip:
                        context.Response.StatusCode = 200;
                        context.Response.ContentLength64 = 1000000;
                        for (int i = 0; i < 1000000; i++)
                        {
                            await context.Response.OutputStream.WriteAsync(new[] { (byte)' ' }, 0, 1, _stop.Token).ConfigureAwait(false);
                            await context.Response.OutputStream.FlushAsync(_stop.Token).ConfigureAwait(false);
                            await Task.Delay(200, _stop.Token).ConfigureAwait(false);
                        }
                        return;
                    case HostileBehaviour.EndlessPages:
                        Answer(context, 200, query ? CallerIdentity() : Page(request), query, null);
                        return;
                    case HostileBehaviour.HugeErrorBody:
                        Answer(context, 400, "{\"message\":\"" + new string('x', 10 * 1024 * 1024) + "\"}", false, null);
                        return;
                    default:
                        Echo(context, query);
                        return;
                }
            }
            catch (Exception e) when (e is HttpListenerException || e is IOException || e is ObjectDisposedException || e is OperationCanceledException)
            {
                // The client gave up (a cap, a deadline) or the server is stopping.
            }
        }

        private void Echo(HttpListenerContext context, bool query)
        {
            var request = context.Request;
            var headers = request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k!, k => request.Headers[k!] ?? "");
            string token = headers.TryGetValue("X-Amz-Security-Token", out var t) ? t : "";
            string authorization = headers.TryGetValue("Authorization", out var a) ? a : "";
            string signature = authorization.Substring(authorization.LastIndexOf('=') + 1);
            string json = JsonSerializer.Serialize(headers);
            string message = _behaviour switch
            {
                HostileBehaviour.EchoCanonicalRequest => "The request signature we calculated does not match the signature you provided. " +
                    "The Canonical String for this request should have been\n'" + request.HttpMethod + "\n" + request.RawUrl + "\n" +
                    string.Join("\n", headers.Select(h => h.Key.ToLowerInvariant() + ":" + h.Value)) + "'",
                HostileBehaviour.EchoJsonHeaders => "Request headers: " + json,
                HostileBehaviour.EchoEscapedJson => "Request: " + JsonSerializer.Serialize(json).Replace("/", "\\/"),
                HostileBehaviour.EchoUrlEncoded => "Request: " + string.Join("&", headers.Select(h => Uri.EscapeDataString(h.Key) + "=" + Uri.EscapeDataString(h.Value))),
                HostileBehaviour.EchoPythonRepr => "Request headers: {" + string.Join(", ", headers.Select(h => "'" + h.Key + "': '" + h.Value + "'")) + "}",
                HostileBehaviour.EchoBare => "The security token " + token + " or the signature " + signature + " is invalid.",
                _ => "The request was refused.",
            };
            string code = _behaviour switch
            {
                HostileBehaviour.EchoErrorType => token,
                HostileBehaviour.EchoCanonicalRequest => query ? "SignatureDoesNotMatch" : _status == 403 ? "InvalidSignatureException" : "InternalFailure",
                _ => "UnrecognizedClientException",
            };
            string body = query
                ? "<ErrorResponse><Error><Type>Sender</Type><Code>" + WebUtility.HtmlEncode(code) + "</Code><Message>" + WebUtility.HtmlEncode(message) + "</Message></Error></ErrorResponse>"
                : JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message });
            Answer(context, _status, body, query, query ? null : code);
        }

        /// <summary>A full page of items never seen before and a token never given before.</summary>
        private string Page(HttpListenerRequest request)
        {
            string[] path = (request.Url?.AbsolutePath ?? "/").Trim('/').Split('/');
            if (path.Length == 2 && path[0] == "restapis")
            {
                return JsonSerializer.Serialize(new { id = path[1], name = "endless" });
            }

            if (path.Length == 3 && (path[2] == "stages" || path[2] == "authorizers"))
            {
                return "{\"item\":[]}";
            }

            int page = Interlocked.Increment(ref _pages);
            string padding = new string('n', EndlessNameLength);
            var items = Enumerable.Range(0, EndlessPageItems).Select(i => new Dictionary<string, string>
            {
                ["id"] = "p" + page + "i" + i,
                ["name"] = padding,
                ["path"] = "/p" + page + "/" + i,
            });
            return JsonSerializer.Serialize(new { item = items, position = "page-" + page });
        }

        private static string CallerIdentity() =>
            "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account>" +
            "<Arn>arn:aws:iam::123456789012:user/hostile</Arn><UserId>AIDAHOSTILE</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>";

        private static void Answer(HttpListenerContext context, int status, string body, bool xml, string? errorType)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = xml ? "text/xml" : "application/json";
            if (errorType != null)
            {
                context.Response.AddHeader("x-amzn-ErrorType", errorType);
            }

            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes, 0, bytes.Length);
            context.Response.Close();
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }
    }
}
