namespace LambdaPermTools
{
    /// <summary>Which configuration of an API to judge (cmdlet-contract.md, -Configuration).</summary>
    public enum ApiConfiguration
    {
        /// <summary>What each stage serves: its deployment, and its canary's (docs/aws-rules.md §4.5).</summary>
        Deployed,

        /// <summary>The current configuration, i.e. what the next deployment will serve.</summary>
        Current,
    }
}
