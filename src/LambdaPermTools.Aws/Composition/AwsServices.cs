using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Composition
{
    /// <summary>
    /// The composition root: where the cmdlets and completers get their AWS ports. The test hook's fakes when set, else
    /// the signed-HTTPS implementation. Outside <see cref="Ports"/>, so that the ports depend on nothing they are implemented by.
    /// </summary>
    public static class AwsServices
    {
        public static IAwsServicesFactory Factory => TestHooks.ServicesFactory ?? SignedHttpServicesFactory.Instance;
    }
}
