namespace LambdaPermTools.Aws.Scanning
{
    /// <summary>Where a Lambda call must go: the region field of a function ARN (arn:{p}:lambda:{region}:{account}:function:{name}).</summary>
    internal static class FunctionArns
    {
        public static string? RegionOf(string functionArn) => Field(functionArn, 3);

        /// <summary>The name part of a role ARN (arn:{p}:iam::{account}:role/{path/}name), which GetRole takes.</summary>
        public static string RoleNameOf(string roleArn) => roleArn.Substring(roleArn.LastIndexOf('/') + 1);

        private static string? Field(string arn, int index)
        {
            var parts = arn.Split(':');
            return parts.Length > index && parts[0] == "arn" && parts[index].Length > 0 ? parts[index] : null;
        }
    }
}
