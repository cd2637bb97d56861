using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// Which of a stage's targets a logged failure names: same API, stage, canary share, kind and function (as the log's
    /// "Sending request to" line called it); for an integration also the method and resource template as far as the log
    /// shows them. A logged verb with no method of its own falls back to the resource's ANY method, as API Gateway routes.
    /// </summary>
    public static class FailureTargets
    {
        public static IReadOnlyList<IntegrationTarget> Select(PermissionFailure failure, IEnumerable<IntegrationTarget> targets)
        {
            var candidates = targets.Where(t => t.RestApiId == failure.RestApiId && t.StageName == failure.StageName && t.Canary == failure.Canary
                && t.Kind == failure.Kind
                && (failure.FunctionArn.Length == 0 || string.Equals(t.FunctionArn, failure.FunctionArn, StringComparison.Ordinal))
                && (failure.Kind == TargetKind.Authorizer || failure.ResourcePath.Length == 0 || t.ResourcePath == failure.ResourcePath)).ToList();
            if (failure.Kind == TargetKind.Authorizer || failure.HttpMethod.Length == 0)
            {
                return candidates;
            }

            var exact = candidates.Where(t => t.HttpMethod == failure.HttpMethod).ToList();
            return exact.Count > 0 ? exact : candidates.Where(t => t.HttpMethod == "ANY").ToList();
        }
    }
}
