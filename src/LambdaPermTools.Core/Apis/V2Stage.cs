using System.Collections.Generic;

namespace LambdaPermTools.Apis
{
    /// <summary>A stage (GetStages item).</summary>
    public sealed class V2Stage
    {
        public string StageName { get; set; } = "";
        /// <summary>True: the stage serves the latest configuration (docs/aws-rules.md §8).</summary>
        public bool AutoDeploy { get; set; }
        public string? DeploymentId { get; set; }
        public IReadOnlyDictionary<string, string> StageVariables { get; set; } = new Dictionary<string, string>();
    }
}
