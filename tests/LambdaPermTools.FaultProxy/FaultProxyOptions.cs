using System;
using System.Collections.Generic;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>How the proxy behaves. Defaults: no quotas, no latency, no faults, stops after 10 minutes.</summary>
    public sealed class FaultProxyOptions
    {
        /// <summary>Where requests go (e.g. moto_server's http://127.0.0.1:port).</summary>
        public Uri Upstream { get; set; } = new("http://127.0.0.1:5000");

        /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>Seed of the fault decisions.</summary>
        public int Seed { get; set; }

        /// <summary>Enforce AWS's published control-plane quotas (<see cref="PublishedQuotas"/>).</summary>
        public bool EnforcePublishedQuotas { get; set; }

        /// <summary>Added to every AWS request before it is judged.</summary>
        public TimeSpan Latency { get; set; }

        /// <summary>Per-operation latency ("lambda:AddPermission") that replaces <see cref="Latency"/>.</summary>
        public Dictionary<string, TimeSpan> OperationLatency { get; } = new(StringComparer.Ordinal);

        /// <summary>Fraction of requests answered with the service's throttling error.</summary>
        public double ThrottleRate { get; set; }

        /// <summary>Fraction of requests answered with the service's 5xx error.</summary>
        public double ServerErrorRate { get; set; }

        /// <summary>Fraction of requests whose connection is reset before they reach the upstream.</summary>
        public double ResetRate { get; set; }

        /// <summary>No request is faulted more often than this in a row (a client with that many retries always gets through).</summary>
        public int MaxConsecutiveFaults { get; set; } = int.MaxValue;

        /// <summary>The proxy stops by itself after this long.</summary>
        public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

        public TimeSpan LatencyFor(AwsOperation operation) =>
            OperationLatency.TryGetValue(operation.Key, out var latency) ? latency : Latency;
    }
}
