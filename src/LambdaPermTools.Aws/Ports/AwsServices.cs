namespace LambdaPermTools.Aws.Ports
{
    /// <summary>Where the cmdlets get their AWS ports: the test hook's fakes when set, else the signed-HTTPS implementation.</summary>
    public static class AwsServices
    {
        public static IAwsServicesFactory Factory => TestHooks.ServicesFactory ?? Http.SignedHttpServicesFactory.Instance;
    }
}
