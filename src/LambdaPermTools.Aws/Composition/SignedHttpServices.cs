using System;
using System.Collections.Concurrent;
using LambdaPermTools.Aws.Clients;
using LambdaPermTools.Aws.Endpoints;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Composition
{
    /// <summary>The ports of one connection. Lambda clients are made per region on demand (a function may live in another region).</summary>
    internal sealed class SignedHttpServices : IAwsServices
    {
        private readonly ConnectionContext _context;
        private readonly ConcurrentDictionary<string, LambdaClient> _lambda = new ConcurrentDictionary<string, LambdaClient>(StringComparer.Ordinal);

        public SignedHttpServices(ConnectionContext context, string region)
        {
            _context = context;
            Region = region;
            Partition = Endpoints.Partition.Of(region).Name;
            ApiGateway = new ApiGatewayClient(new ServiceCaller(context, AwsService.ApiGateway, region), context.Settings.PageSize);
            ApiGatewayV2 = new ApiGatewayV2Client(new ServiceCaller(context, AwsService.ApiGateway, region), context.Settings.PageSize);
            Iam = new IamClient(new ServiceCaller(context, AwsService.Iam, region), context.Settings.PageSize);
            Sts = new StsClient(new ServiceCaller(context, AwsService.Sts, region));
            Logs = new CloudWatchLogsClient(new ServiceCaller(context, AwsService.Logs, region), context.Settings.PageSize);
        }

        public string Region { get; }
        public string Partition { get; }
        public IApiGatewayPort ApiGateway { get; }
        public IApiGatewayV2Port ApiGatewayV2 { get; }
        public IIamPort Iam { get; }
        public IStsPort Sts { get; }
        public ICloudWatchLogsPort Logs { get; }

        public ILambdaPort Lambda(string region)
        {
            if (string.IsNullOrWhiteSpace(region))
            {
                region = Region;
            }

            return _lambda.GetOrAdd(region, r => new LambdaClient(new ServiceCaller(_context, AwsService.Lambda, r)));
        }

        public void Dispose() => _context.Dispose();
    }
}
