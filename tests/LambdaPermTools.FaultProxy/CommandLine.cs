using System;
using System.Globalization;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>The console entry point's arguments.</summary>
    public sealed class CommandLine
    {
        public const string Usage =
            "LambdaPermTools.FaultProxy --upstream <url> [--port 0] [--seed 0] [--limits published|none]\n" +
            "  [--latency-ms 0] [--op-latency <service:Operation>=<ms>]... [--throttle-rate 0] [--error-rate 0]\n" +
            "  [--reset-rate 0] [--max-consecutive-faults N] [--lifetime-s 600] [--ready-file <path>]\n" +
            "Prints {\"endpoint\":…,\"pid\":…} when listening. Admin: GET /__proxy/stats, POST /__proxy/reset, POST /__proxy/stop,\n" +
            "  POST /__proxy/floor with {\"service:Operation\": calls, …} → the least time each published quota needs for those calls.";

        public FaultProxyOptions Options { get; } = new();

        /// <summary>File that receives the endpoint URL once the proxy listens (for scripts that cannot read stdout).</summary>
        public string? ReadyFile { get; private set; }

        /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with the problem.</summary>
        public static CommandLine Parse(string[] args)
        {
            var parsed = new CommandLine();
            var options = parsed.Options;
            var upstreamGiven = false;
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
                switch (name)
                {
                    case "--upstream":
                        options.Upstream = new Uri(value, UriKind.Absolute);
                        upstreamGiven = true;
                        break;
                    case "--port":
                        options.Port = Int(name, value);
                        break;
                    case "--seed":
                        options.Seed = Int(name, value);
                        break;
                    case "--limits":
                        options.EnforcePublishedQuotas = value switch { "published" => true, "none" => false, _ => throw new ArgumentException("--limits is published or none.") };
                        break;
                    case "--latency-ms":
                        options.Latency = TimeSpan.FromMilliseconds(Int(name, value));
                        break;
                    case "--op-latency":
                        AddOperationLatency(options, value);
                        break;
                    case "--throttle-rate":
                        options.ThrottleRate = Rate(name, value);
                        break;
                    case "--error-rate":
                        options.ServerErrorRate = Rate(name, value);
                        break;
                    case "--reset-rate":
                        options.ResetRate = Rate(name, value);
                        break;
                    case "--max-consecutive-faults":
                        options.MaxConsecutiveFaults = Int(name, value);
                        break;
                    case "--lifetime-s":
                        options.Lifetime = TimeSpan.FromSeconds(Int(name, value));
                        break;
                    case "--ready-file":
                        parsed.ReadyFile = value;
                        break;
                    default:
                        throw new ArgumentException($"Unknown option {name}.");
                }
            }
            if (!upstreamGiven)
            {
                throw new ArgumentException("--upstream is required.");
            }

            return parsed;
        }

        private static void AddOperationLatency(FaultProxyOptions options, string value)
        {
            var eq = value.LastIndexOf('=');
            if (eq <= 0 || !value.Contains(':'))
            {
                throw new ArgumentException("--op-latency takes service:Operation=ms, e.g. lambda:AddPermission=300.");
            }

            options.OperationLatency[value.Substring(0, eq)] = TimeSpan.FromMilliseconds(Int("--op-latency", value.Substring(eq + 1)));
        }

        private static int Int(string name, string value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{name} takes a whole number ≥ 0.");

        private static double Rate(string name, string value) =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r >= 0 && r <= 1 ? r : throw new ArgumentException($"{name} takes a fraction between 0 and 1.");
    }
}
