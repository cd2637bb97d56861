using System;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>
    /// The ports for one resolved connection. Lambda is per region: a function may live in another region than the API.
    /// Implemented by the signed-HTTPS services (<c>Composition</c>) and by the in-memory fakes of the tests only.
    /// </summary>
    public interface IAwsServices : IDisposable
    {
        /// <summary>The resolved region (the API's region).</summary>
        string Region { get; }

        /// <summary>The partition of that region: aws, aws-cn, aws-us-gov.</summary>
        string Partition { get; }

        IApiGatewayPort ApiGateway { get; }

        /// <summary>HTTP and WebSocket APIs.</summary>
        IApiGatewayV2Port ApiGatewayV2 { get; }

        IIamPort Iam { get; }

        IStsPort Sts { get; }

        /// <summary>CloudWatch Logs in the resolved region (execution logs live in the API's region).</summary>
        ICloudWatchLogsPort Logs { get; }

        ILambdaPort Lambda(string region);
    }
}
