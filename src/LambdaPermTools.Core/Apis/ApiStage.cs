using System;
using System.Collections.Generic;

namespace LambdaPermTools.Apis
{
    /// <summary>A stage (GetStages item).</summary>
    public sealed class ApiStage
    {
        public string StageName { get; set; } = "";
        public string? DeploymentId { get; set; }
        public IReadOnlyDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();

        /// <summary>canarySettings, when the stage has a canary.</summary>
        public ApiCanary? Canary { get; set; }

        /// <summary>lastUpdatedDate: the latest change of the stage (a deployment to it is one), when known.</summary>
        public DateTimeOffset? LastUpdatedDate { get; set; }
    }
}
