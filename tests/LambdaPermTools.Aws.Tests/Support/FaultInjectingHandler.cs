using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>
    /// Sits between our client and the server and, with a seeded random, answers a share of requests itself:
    /// throttling (429 TooManyRequestsException with Retry-After) or a transient fault (503, 500, connection reset).
    /// </summary>
    internal sealed class FaultInjectingHandler : DelegatingHandler
    {
        private readonly Random _random;
        private readonly double _throttleRate;
        private readonly double _faultRate;
        private int _throttles, _faults, _forwarded;

        public FaultInjectingHandler(int seed, double throttleRate, double faultRate) : base(new HttpClientHandler())
        {
            _random = new Random(seed);
            _throttleRate = throttleRate;
            _faultRate = faultRate;
        }

        public int Throttles => _throttles;
        public int Faults => _faults;
        public int Forwarded => _forwarded;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            double roll;
            int kind;
            lock (_random)
            { roll = _random.NextDouble(); kind = _random.Next(3); }
            if (roll < _throttleRate)
            {
                Interlocked.Increment(ref _throttles);
                return Task.FromResult(Error(HttpStatusCode.TooManyRequests, "TooManyRequestsException", "Too Many Requests", retryAfter: true));
            }
            if (roll < _throttleRate + _faultRate)
            {
                Interlocked.Increment(ref _faults);
                switch (kind)
                {
                    case 0:
                        throw new HttpRequestException("Connection reset by peer (injected)");
                    case 1:
                        return Task.FromResult(Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException", "Service Unavailable", retryAfter: false));
                    default:
                        return Task.FromResult(Error(HttpStatusCode.InternalServerError, "ServiceException", "Internal error", retryAfter: false));
                }
            }
            Interlocked.Increment(ref _forwarded);
            return base.SendAsync(request, cancellationToken);
        }

        private static HttpResponseMessage Error(HttpStatusCode status, string code, string message, bool retryAfter)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("{\"message\":\"" + message + "\"}", Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", code);
            if (retryAfter)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", "1");
            }

            return response;
        }
    }
}
