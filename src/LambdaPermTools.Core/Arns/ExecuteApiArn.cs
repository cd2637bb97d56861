namespace LambdaPermTools.Arns
{
    /// <summary>
    /// The execute-api source ARNs API Gateway presents to Lambda (docs/aws-rules.md §1.7) and the patterns a fix grants (§9).
    /// </summary>
    public static class ExecuteApiArn
    {
        /// <summary>The stage the console's "Test" button presents (§1.5).</summary>
        public const string TestInvokeStage = "test-invoke-stage";

        /// <summary><c>arn:{partition}:execute-api:{region}:{account}</c>; region = the function's, account = the API owner's (§1.1).</summary>
        public static string Prefix(string partition, string region, string accountId) => $"arn:{partition}:execute-api:{region}:{accountId}";

        /// <summary><c>{prefix}:{apiId}/{stage}/{METHOD}{templatePath}</c>; the root "/" gives <c>…/{METHOD}/</c> (§1.2–§1.4).</summary>
        public static string ForMethod(string prefix, string apiId, string stage, string httpMethod, string resourcePath) =>
            $"{prefix}:{apiId}/{stage}/{httpMethod.ToUpperInvariant()}{(resourcePath.Length == 0 ? "/" : resourcePath)}";

        /// <summary><c>{prefix}:{apiId}/authorizers/{authorizerId}</c>: no stage, method or path (§1.6).</summary>
        public static string ForAuthorizer(string prefix, string apiId, string authorizerId) => $"{prefix}:{apiId}/authorizers/{authorizerId}";

        /// <summary>
        /// An HTTP or WebSocket route (docs/aws-rules.md §8): "GET /pets/{id}" presents <c>{prefix}:{apiId}/{stage}/GET/pets/{id}</c>;
        /// a key without a method ("$default", "$connect", "sendmessage") presents <c>{prefix}:{apiId}/{stage}/{routeKey}</c>.
        /// </summary>
        public static string ForRoute(string prefix, string apiId, string stage, string routeKey)
        {
            var space = routeKey.IndexOf(' ');
            return space < 0
                ? $"{prefix}:{apiId}/{stage}/{routeKey}"
                : ForMethod(prefix, apiId, stage, routeKey.Substring(0, space), routeKey.Substring(space + 1));
        }

        /// <summary>The ARN's prefix (everything before the resource component), or null when it is not a six-component ARN.</summary>
        public static string? PrefixOf(string arn)
        {
            var parts = ArnPattern.SplitComponents(arn);
            return parts == null ? null : string.Join(":", parts, 0, ArnPattern.ComponentCount - 1);
        }
    }
}
