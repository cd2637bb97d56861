using System;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Tests.Support
{
    internal static class Connect
    {
        /// <summary>Ports that talk to the local server with its known keys, region us-east-1.</summary>
        public static IAwsServices ToLocal(LocalAwsServer server, HttpSettings settings, TestEnvironment env, Action<ConnectionOptions>? adjust = null)
        {
            var options = env.Options();
            options.AccessKey = LocalAwsServer.AccessKey;
            options.SecretKey = LocalAwsServer.SecretKey;
            options.Region = "us-east-1";
            options.EndpointUrl = server.Url;
            adjust?.Invoke(options);
            return new SignedHttpServicesFactory(settings).Create(options);
        }
    }
}
