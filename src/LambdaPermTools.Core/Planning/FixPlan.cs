using System.Collections.Generic;

namespace LambdaPermTools.Planning
{
    public sealed class FixPlan
    {
        public IReadOnlyList<PlannedGrant> Grants { get; set; } = new PlannedGrant[0];
        /// <summary>Sentences for Write-Warning (for example a policy that the plan pushes near 20 KB).</summary>
        public IReadOnlyList<string> Warnings { get; set; } = new string[0];
    }
}
