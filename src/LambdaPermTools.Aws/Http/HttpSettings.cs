using System;
using System.Net.Http;
using LambdaPermTools.Aws.Credentials;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>The seams of the HTTP layer. Production uses <see cref="Default"/>; tests inject a clock, handler, page size or bridge.</summary>
    internal sealed class HttpSettings
    {
        public static readonly HttpSettings Default = new HttpSettings();

        public IClock Clock { get; set; } = SystemClock.Instance;
        public RateLimiterRegistry RateLimits { get; set; } = RateLimiterRegistry.Shared;
        /// <summary>A number in [0, 1) for backoff jitter.</summary>
        public Func<double> Random { get; set; } = SharedRandom.Next;
        public Func<HttpMessageHandler> CreateHandler { get; set; } = () => new HttpClientHandler();
        /// <summary>Page size of paged reads; null = the service maximum (API Gateway 500, IAM 1000). Tests set it small to force paging.</summary>
        public int? PageSize { get; set; }
        /// <summary>How long one attempt may take before it counts as a transient timeout (never past the call's deadline).</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>An attempt without an answer after this long is reported on the Verbose stream.</summary>
        public TimeSpan SlowAttempt { get; set; } = TimeSpan.FromSeconds(5);
        public ReadLimits Limits { get; set; } = ReadLimits.Default;
        /// <summary>
        /// Requests in flight at once per connection: room for the Lambda reads (Run's 16) beside the API Gateway reads of the APIs
        /// being read (three each), so that pacing, not this limit, sets the pace.
        /// </summary>
        public int MaxConcurrency { get; set; } = 32;
        public Func<ISdkBridge?> Bridge { get; set; } = () => SdkBridgeLoader.TryLoad(SdkBridgeLoader.DefaultDirectory);

        private static class SharedRandom
        {
            private static readonly Random Generator = new Random();
            public static double Next()
            {
                lock (Generator)
                {
                    return Generator.NextDouble();
                }
            }
        }
    }
}
