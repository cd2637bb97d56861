using System.Collections.Generic;

namespace LambdaPermTools.Targets
{
    /// <summary>The targets of an API's selected stages, and the sentences a run writes as warnings about them (one per stage at most for each kind).</summary>
    public sealed class TargetResolution
    {
        public List<IntegrationTarget> Targets { get; } = new List<IntegrationTarget>();

        public List<string> Warnings { get; } = new List<string>();
    }
}
