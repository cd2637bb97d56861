using System.Linq;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Grants
{
    /// <summary>
    /// The SourceArn patterns a grant for a target may name (docs/aws-rules.md §9 "Defaults for the fix"): the least-privilege
    /// one a finding carries, and the wider ones planning may choose instead.
    /// </summary>
    internal static class GrantSourceArn
    {
        /// <summary>One method or route, any stage: {api}/*/{METHOD or *}/{path, {param} as *} or {api}/*/{routeKey}; an authorizer: {api}/authorizers/{id}.</summary>
        public static string LeastPrivilege(IntegrationTarget target) => ForMethod(target, "*");

        /// <summary>As <see cref="LeastPrivilege"/>, but pinned to the target's stage.</summary>
        public static string PinnedToStage(IntegrationTarget target) => ForMethod(target, target.StageName);

        /// <summary>
        /// Further grants a fix needs beside <see cref="LeastPrivilege"/> (or the stage-pinned form when <paramref name="stage"/> is a
        /// stage name): a WebSocket authorizer may present <c>{api}/{stage}/$connect</c> instead of its authorizer ARN (docs/aws-rules.md §8).
        /// </summary>
        public static string[] Additional(IntegrationTarget target, string stage) =>
            target.Kind == TargetKind.Authorizer && target.ApiType == ApiType.WebSocket
                ? new[] { $"{Api(target)}/{stage}/$connect" }
                : new string[0];

        /// <summary>Every stage, method and authorizer of the target's API: {api}/*.</summary>
        public static string WholeApi(IntegrationTarget target) => Api(target) + "/*";

        private static string ForMethod(IntegrationTarget target, string stage)
        {
            if (target.Kind == TargetKind.Authorizer)
            {
                return $"{Api(target)}/authorizers/{target.AuthorizerId}";
            }

            // An HTTP $default route and every WebSocket route present {api}/{stage}/{routeKey}, no method segment (§8).
            if (target.RouteKey.Length > 0 && target.HttpMethod.Length == 0)
            {
                return $"{Api(target)}/{stage}/{target.RouteKey}";
            }

            var method = target.HttpMethod == "ANY" ? "*" : target.HttpMethod.ToUpperInvariant();
            return $"{Api(target)}/{stage}/{method}{PathPattern(target.ResourcePath)}";
        }

        // Partition of the function = partition of the API; region = the function's; account = the API owner's (§1.1).
        private static string Api(IntegrationTarget target)
        {
            var partition = ArnPattern.SplitComponents(target.FunctionName)?[1] ?? "aws";
            return ExecuteApiArn.Prefix(partition, target.Region, target.ApiAccountId) + ":" + target.GrantApiId;
        }

        /// <summary>The template path with every {param} and {param+} segment as *, no trailing slash; the root stays "/".</summary>
        private static string PathPattern(string resourcePath)
        {
            var segments = resourcePath.Trim('/').Split('/').Select(s => s.StartsWith("{") && s.EndsWith("}") ? "*" : s);
            return "/" + string.Join("/", segments);
        }
    }
}
