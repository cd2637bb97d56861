using System.Collections.Generic;

namespace LambdaPermTools.Targets
{
    /// <summary>Which stages to resolve targets for.</summary>
    public sealed class TargetSelection
    {
        /// <summary>Only these stages (case-sensitive); null or empty = every stage of the API.</summary>
        public IReadOnlyCollection<string>? StageNames { get; set; }
        /// <summary>Also the console's "Test" button (stage test-invoke-stage).</summary>
        public bool IncludeTestInvoke { get; set; }

        /// <summary>What each stage serves (its deployment and canary), or the current configuration.</summary>
        public ApiConfiguration Configuration { get; set; } = ApiConfiguration.Deployed;
    }
}
