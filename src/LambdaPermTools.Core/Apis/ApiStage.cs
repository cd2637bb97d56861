using System.Collections.Generic;

namespace LambdaPermTools.Apis
{
    /// <summary>A stage (GetStages item).</summary>
    public sealed class ApiStage
    {
        public string StageName { get; set; } = "";
        public string? DeploymentId { get; set; }
        public IReadOnlyDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();
    }
}
