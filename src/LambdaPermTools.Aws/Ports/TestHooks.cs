namespace LambdaPermTools.Aws.Ports
{
    /// <summary>
    /// The documented test hook: tests (Pester, xunit) replace the AWS services factory with in-memory
    /// fakes. Null restores the real, signed-HTTPS implementation.
    /// From PowerShell: [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory = $fake
    /// </summary>
    public static class TestHooks
    {
        public static IAwsServicesFactory? ServicesFactory { get; set; }
    }
}
