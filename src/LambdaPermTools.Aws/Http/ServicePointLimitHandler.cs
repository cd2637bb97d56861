using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// On .NET Framework, raises the connection limit of the service point each request goes through (the host's, or the
    /// proxy's when one is used) to the module's concurrency, so only the module's endpoints change. Checked on every
    /// request because an idle service point is dropped and comes back with the default limit.
    /// </summary>
    internal sealed class ServicePointLimitHandler : DelegatingHandler
    {
        private readonly int _connectionsPerHost;

        public ServicePointLimitHandler(HttpMessageHandler inner, int connectionsPerHost) : base(inner) => _connectionsPerHost = connectionsPerHost;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri != null)
            {
                ServicePoint point = ServicePointManager.FindServicePoint(request.RequestUri, WebRequest.DefaultWebProxy);
                int limit = NetFrameworkConnections.RaisedLimit(point.ConnectionLimit, _connectionsPerHost);
                if (limit != point.ConnectionLimit)
                {
                    point.ConnectionLimit = limit;
                }
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
