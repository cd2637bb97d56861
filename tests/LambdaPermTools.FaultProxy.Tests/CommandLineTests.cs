using System;
using LambdaPermTools.FaultProxy;

namespace LambdaPermTools.FaultProxy.Tests
{
    public class CommandLineTests
    {
        [Fact]
        public void ParsesEveryOption()
        {
            var parsed = CommandLine.Parse(new[]
            {
                "--upstream", "http://127.0.0.1:5000", "--port", "0", "--seed", "42", "--limits", "published", "--latency-ms", "20",
                "--op-latency", "lambda:AddPermission=300", "--throttle-rate", "0.2", "--error-rate", "0.05", "--reset-rate", "0.05",
                "--max-consecutive-faults", "2", "--lifetime-s", "90", "--ready-file", "/tmp/ready",
            });

            var o = parsed.Options;
            Assert.Equal(new Uri("http://127.0.0.1:5000"), o.Upstream);
            Assert.Equal(42, o.Seed);
            Assert.True(o.EnforcePublishedQuotas);
            Assert.Equal(TimeSpan.FromMilliseconds(20), o.Latency);
            Assert.Equal(TimeSpan.FromMilliseconds(300), o.LatencyFor(new AwsOperation("lambda", "AddPermission", "k")));
            Assert.Equal(TimeSpan.FromMilliseconds(20), o.LatencyFor(new AwsOperation("lambda", "GetPolicy", "k")));
            Assert.Equal(0.2, o.ThrottleRate);
            Assert.Equal(0.05, o.ServerErrorRate);
            Assert.Equal(0.05, o.ResetRate);
            Assert.Equal(2, o.MaxConsecutiveFaults);
            Assert.Equal(TimeSpan.FromSeconds(90), o.Lifetime);
            Assert.Equal("/tmp/ready", parsed.ReadyFile);
        }

        [Theory]
        [InlineData("--port", "1")]
        [InlineData("--upstream", "http://127.0.0.1:1", "--throttle-rate", "1.5")]
        [InlineData("--upstream", "http://127.0.0.1:1", "--limits", "some")]
        [InlineData("--upstream", "http://127.0.0.1:1", "--bogus", "1")]
        [InlineData("--upstream", "http://127.0.0.1:1", "--seed")]
        public void RejectsMissingOrBadArguments(params string[] args)
        {
            Assert.Throws<ArgumentException>(() => CommandLine.Parse(args));
        }
    }
}
