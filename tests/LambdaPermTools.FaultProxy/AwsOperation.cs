namespace LambdaPermTools.FaultProxy
{
    /// <summary>A classified request: the AWS service, the operation, and the quota holder it counts against.</summary>
    /// <param name="Service">Signing name: apigateway, lambda, iam, sts; "other" when unknown.</param>
    /// <param name="Name">API operation name (GetResources, GetPolicy, …) or "METHOD /template" when unknown.</param>
    /// <param name="QuotaHolder">Access key id and region from the SigV4 credential scope: the proxy treats each as one account.</param>
    public sealed record AwsOperation(string Service, string Name, string QuotaHolder)
    {
        /// <summary>"service:Name", the key of the counters.</summary>
        public string Key => Service + ":" + Name;
    }
}
