using System;
using System.Collections.Generic;
using LambdaPermTools.Api;

namespace LambdaPermTools.Evaluation
{
    /// <summary>Which stages to resolve targets for.</summary>
    public sealed class TargetSelection
    {
        /// <summary>Only these stages (case-sensitive); null or empty = every stage of the API.</summary>
        public IReadOnlyCollection<string>? StageNames { get; set; }
        /// <summary>Also the console's "Test" button (stage test-invoke-stage).</summary>
        public bool IncludeTestInvoke { get; set; }
    }

    /// <summary>Turns an API snapshot into one target per Lambda integration or authorizer per stage.</summary>
    public static class TargetResolver
    {
        public static IReadOnlyList<IntegrationTarget> Resolve(ApiSnapshot api, TargetSelection selection) =>
            throw new NotImplementedException();
    }
}
