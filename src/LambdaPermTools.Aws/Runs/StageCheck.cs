using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Arns;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// A -StageName that no read API has is a StageNotFound (a typo must not look like "nothing invokes Lambda"). A stage
    /// that only some of the APIs have is a filter, not an error. APIs that could not be read say so with their own error.
    /// </summary>
    internal static class StageCheck
    {
        public static IEnumerable<RunError> Missing(TargetSelection selection, IReadOnlyDictionary<string, IReadOnlyList<string>> stagesByApi)
        {
            if (selection.StageNames == null || stagesByApi.Count == 0)
            {
                yield break;
            }

            foreach (var stage in selection.StageNames.Distinct(StringComparer.Ordinal))
            {
                if (stage == ExecuteApiArn.TestInvokeStage || stagesByApi.Values.Any(stages => stages.Contains(stage)))
                {
                    continue;
                }

                var existing = stagesByApi.Values.First().OrderBy(n => n, StringComparer.Ordinal).ToList();
                var message = stagesByApi.Count == 1
                    ? $"REST API '{stagesByApi.Keys.First()}' has no stage '{stage}' (its stages: {(existing.Count == 0 ? "none" : string.Join(", ", existing))})."
                    : $"None of the {stagesByApi.Count} REST APIs scanned has a stage '{stage}'.";
                yield return new RunError(ErrorId.StageNotFound, message, stage,
                    "Check the stage name (it is case-sensitive); Get-AGStageList -RestApiId <id> lists an API's stages.");
            }
        }
    }
}
