namespace LambdaPermTools.Aws.Endpoints
{
    /// <summary>A service we call: its name for messages, its SigV4 signing name, host prefix and endpoint env-var suffix.</summary>
    internal sealed class AwsService
    {
        public static readonly AwsService ApiGateway = new AwsService("API Gateway", "apigateway", "apigateway", "API_GATEWAY", global: false);
        public static readonly AwsService Lambda = new AwsService("Lambda", "lambda", "lambda", "LAMBDA", global: false);
        public static readonly AwsService Iam = new AwsService("IAM", "iam", "iam", "IAM", global: true);
        public static readonly AwsService Sts = new AwsService("STS", "sts", "sts", "STS", global: false);
        public static readonly AwsService Logs = new AwsService("CloudWatch Logs", "logs", "logs", "CLOUDWATCH_LOGS", global: false);

        private AwsService(string displayName, string signingName, string hostPrefix, string envSuffix, bool global)
        {
            DisplayName = displayName;
            SigningName = signingName;
            HostPrefix = hostPrefix;
            EndpointEnvironmentVariable = "AWS_ENDPOINT_URL_" + envSuffix;
            IsGlobal = global;
        }

        public string DisplayName { get; }
        public string SigningName { get; }
        public string HostPrefix { get; }
        /// <summary>Service-specific override (https://docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html).</summary>
        public string EndpointEnvironmentVariable { get; }
        /// <summary>One endpoint per partition (IAM), signed for the partition's global region.</summary>
        public bool IsGlobal { get; }

        public override string ToString() => DisplayName;
    }
}
