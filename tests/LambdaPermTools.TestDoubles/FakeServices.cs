using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>The ports of one connection to the fake account; Lambda is per region like the real one.</summary>
    internal sealed class FakeServices : IAwsServices
    {
        private readonly FakeAws _fake;
        private readonly ConnectionOptions _options;

        public FakeServices(FakeAws fake, ConnectionOptions options, string region)
        {
            _fake = fake;
            _options = options;
            Region = region;
            ApiGateway = new FakeApiGatewayPort(fake, options, region);
            ApiGatewayV2 = new FakeApiGatewayV2Port(fake, options, region);
            Iam = new FakeIamPort(fake, options);
            Sts = new FakeStsPort(fake, options, region);
            Logs = new FakeLogsPort(fake, options, region);
        }

        public string Region { get; }

        public string Partition => Region.StartsWith("cn-") ? "aws-cn" : Region.StartsWith("us-gov-") ? "aws-us-gov" : "aws";

        public IApiGatewayPort ApiGateway { get; }

        public IApiGatewayV2Port ApiGatewayV2 { get; }

        public IIamPort Iam { get; }

        public IStsPort Sts { get; }

        public ICloudWatchLogsPort Logs { get; }

        public ILambdaPort Lambda(string region) => new FakeLambdaPort(_fake, _options, region);

        public void Dispose()
        {
        }
    }
}
