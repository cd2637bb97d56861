using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// An HTTP server on 127.0.0.1 that fails every request with one status, and whose error message echoes every
    /// request header, as AWS's SignatureDoesNotMatch/InvalidSignatureException messages echo the canonical request
    /// (which holds X-Amz-Security-Token). REST calls (GET) get a JSON error, Query calls (POST: STS, IAM) an XML one.
    /// For secrets tests: nothing AWS sends back may carry our keys, token or Authorization header into a stream.
    /// </summary>
    public sealed class EchoingErrorServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly int _status;
        private readonly Task _loop;

        public EchoingErrorServer(int status)
        {
            _status = status;
            Port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public int Port { get; }
        public string Url => $"http://127.0.0.1:{Port}";
        public int Requests { get; private set; }

        private async Task ServeAsync()
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

                Requests++;
                var request = context.Request;
                var canonical = string.Join("\n", request.Headers.AllKeys.Select(k => k.ToLowerInvariant() + ":" + request.Headers[k]));
                var message = "The request signature we calculated does not match the signature you provided. " +
                    "The Canonical String for this request should have been\n'" + request.HttpMethod + "\n" + request.RawUrl + "\n" + canonical + "'";
                var query = request.HttpMethod == "POST";
                var body = query
                    ? "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>" + WebUtility.HtmlEncode(message) + "</Message></Error></ErrorResponse>"
                    : "{\"message\":" + System.Text.Json.JsonSerializer.Serialize(message) + "}";
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.StatusCode = _status;
                context.Response.ContentType = query ? "text/xml" : "application/json";
                if (!query)
                {
                    context.Response.AddHeader("x-amzn-ErrorType", _status == 403 ? "InvalidSignatureException" : "InternalFailure");
                }

                context.Response.OutputStream.Write(bytes, 0, bytes.Length);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
