using System.Collections.Generic;

namespace LambdaPermTools.Apis
{
    /// <summary>A stage's canarySettings: the share of its requests that another deployment serves, with stage variable overrides.</summary>
    public sealed class ApiCanary
    {
        public string DeploymentId { get; set; } = "";
        public double PercentTraffic { get; set; }
        public IReadOnlyDictionary<string, string> StageVariableOverrides { get; set; } = new Dictionary<string, string>();
    }
}
