using System;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>The real factory: signed HTTPS clients for API Gateway, Lambda, IAM and STS.</summary>
    public sealed class SignedHttpServicesFactory : IAwsServicesFactory
    {
        public static readonly SignedHttpServicesFactory Instance = new SignedHttpServicesFactory();

        public IAwsServices Create(ConnectionOptions options) => throw new NotImplementedException();
    }
}
