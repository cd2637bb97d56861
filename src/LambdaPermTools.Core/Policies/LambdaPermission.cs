namespace LambdaPermTools.Policies
{
    /// <summary>The grant API Gateway needs on a function, and how large the policy holding it may grow: written once for every layer.</summary>
    public static class LambdaPermission
    {
        /// <summary>The action API Gateway needs on the function (docs/aws-rules.md §3.2).</summary>
        public const string InvokeAction = "lambda:InvokeFunction";

        /// <summary>The service principal API Gateway calls as, in a resource policy and in a role's trust policy (§3.3, §4.4).</summary>
        public const string ApiGatewayPrincipal = "apigateway.amazonaws.com";

        /// <summary>Lambda refuses a grant that would grow a resource policy past 20 KB (§6.2).</summary>
        public const int PolicyMaxBytes = 20 * 1024;
    }
}
