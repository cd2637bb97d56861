using System;
using System.Collections.Generic;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>One request-rate quota: which operations it covers, its sustained rate and its burst.</summary>
    public sealed record Quota(string Name, double RatePerSecond, double Burst, Func<AwsOperation, bool> Covers, string Source);

    /// <summary>
    /// AWS's published control-plane quotas per account (docs/aws-rules.md §6.1, §6.2). Lambda publishes no burst:
    /// the proxy allows one second's worth. IAM and STS publish no rate: the proxy does not limit them.
    /// </summary>
    public static class PublishedQuotas
    {
        private const string ApiGatewayLimits = "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html";
        private const string LambdaLimits = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html";

        public static IReadOnlyList<Quota> All { get; } = new[]
        {
            new Quota("apigateway:GetResources", 5.0 / 2.0, 5, o => Is(o, "apigateway", "GetResources"), ApiGatewayLimits + " (5 requests every 2 seconds)"),
            new Quota("apigateway:Total", 10, 40, o => o.Service == "apigateway", ApiGatewayLimits + " (10 rps, burst 40)"),
            new Quota("apigateway:CreateDeployment", 1.0 / 5.0, 1, o => Is(o, "apigateway", "CreateDeployment"), ApiGatewayLimits),
            new Quota("apigateway:CreateRestApi", 1.0 / 3.0, 1, o => Is(o, "apigateway", "CreateRestApi") || Is(o, "apigateway", "ImportRestApi"), ApiGatewayLimits + " (regional)"),
            new Quota("apigateway:PutRestApi", 1, 1, o => Is(o, "apigateway", "PutRestApi"), ApiGatewayLimits),
            new Quota("apigateway:DeleteRestApi", 1.0 / 30.0, 1, o => Is(o, "apigateway", "DeleteRestApi"), ApiGatewayLimits),
            new Quota("lambda:GetPolicy", 15, 15, o => Is(o, "lambda", "GetPolicy"), LambdaLimits),
            new Quota("lambda:GetFunction", 100, 100, o => Is(o, "lambda", "GetFunction"), LambdaLimits),
            new Quota("lambda:ControlPlane", 15, 15, o => o.Service == "lambda" && o.Name is not ("GetPolicy" or "GetFunction"), LambdaLimits + " (remainder of the control plane)"),
        };

        private static bool Is(AwsOperation operation, string service, string name) => operation.Service == service && operation.Name == name;
    }
}
