using System.Linq;
using LambdaPermTools.Arns;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Grants
{
    /// <summary>The least-privilege SourceArn pattern that fixes a target, per scope (aws-semantics §9 "Defaults for the fix").</summary>
    internal static class GrantSourceArn
    {
        public static string For(IntegrationTarget target, FixScope scope)
        {
            // Partition of the function = partition of the API; region = the function's; account = the API owner's (§1.1).
            var partition = ArnPattern.SplitComponents(target.FunctionName)?[1] ?? "aws";
            var api = ExecuteApiArn.Prefix(partition, target.Region, target.ApiAccountId) + ":" + target.RestApiId;
            if (scope == FixScope.Api)
            {
                return api + "/*";
            }

            if (target.Kind == TargetKind.Authorizer)
            {
                return $"{api}/authorizers/{target.AuthorizerId}";
            }

            var stage = scope == FixScope.Stage ? target.StageName : "*";
            var method = target.HttpMethod == "ANY" ? "*" : target.HttpMethod.ToUpperInvariant();
            return $"{api}/{stage}/{method}{PathPattern(target.ResourcePath)}";
        }

        /// <summary>The template path with every {param} and {param+} segment as *, no trailing slash; the root stays "/".</summary>
        public static string PathPattern(string resourcePath)
        {
            var segments = resourcePath.Trim('/').Split('/').Select(s => s.StartsWith("{") && s.EndsWith("}") ? "*" : s);
            return "/" + string.Join("/", segments);
        }
    }
}
