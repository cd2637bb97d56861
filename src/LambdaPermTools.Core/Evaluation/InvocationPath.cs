using LambdaPermTools.Arns;

namespace LambdaPermTools.Evaluation
{
    /// <summary>Who must allow the invoke for a target (aws-semantics §4.4, §11.2).</summary>
    internal enum PathKind
    {
        /// <summary>A stage variable the URI or credentials use is not defined.</summary>
        Unresolved,
        /// <summary>The URI does not name a valid function.</summary>
        NoFunction,
        /// <summary>A stage variable names a function outside the API's account, which API Gateway does not support (§4.3).</summary>
        CrossAccountStageVariable,
        /// <summary>credentials = arn:aws:iam::*:user/*.</summary>
        CallerPassthrough,
        /// <summary>credentials is neither a role ARN nor the passthrough value.</summary>
        InvalidCredentials,
        /// <summary>A credentials role in the function's account: its identity policy alone decides.</summary>
        RoleSameAccount,
        /// <summary>A credentials role in another account: identity policy and resource policy must both allow.</summary>
        RoleCrossAccount,
        /// <summary>No credentials: the function's resource policy decides for the service principal.</summary>
        ResourcePolicy,
    }

    internal static class InvocationPath
    {
        public static PathKind Of(IntegrationTarget target)
        {
            if (target.UnresolvedVariables.Length > 0)
            {
                return PathKind.Unresolved;
            }

            var credentials = CredentialsArn.Classify(target.CredentialsArn);
            switch (credentials.Kind)
            {
                case CredentialsKind.CallerPassthrough:
                    return PathKind.CallerPassthrough;
                case CredentialsKind.Invalid:
                    return PathKind.InvalidCredentials;
            }

            if (target.FunctionArn.Length == 0)
            {
                return PathKind.NoFunction;
            }

            if (UsesStageVariable(target.IntegrationUri) && target.FunctionAccountId != target.ApiAccountId)
            {
                return PathKind.CrossAccountStageVariable;
            }

            if (credentials.Kind == CredentialsKind.None)
            {
                return PathKind.ResourcePolicy;
            }

            return credentials.AccountId == target.FunctionAccountId ? PathKind.RoleSameAccount : PathKind.RoleCrossAccount;
        }

        /// <summary>True when the function's resource policy takes part in the decision.</summary>
        public static bool NeedsResourcePolicy(PathKind kind) => kind == PathKind.ResourcePolicy || kind == PathKind.RoleCrossAccount;

        /// <summary>True when a lambda:InvokeFunction grant for the API Gateway service principal can decide this target.</summary>
        public static bool GrantCanFix(IntegrationTarget target) => Of(target) == PathKind.ResourcePolicy && !IsLatest(target);

        private static bool UsesStageVariable(string uri) => uri.IndexOf("${stageVariables.", System.StringComparison.Ordinal) >= 0;

        public static bool IsLatest(IntegrationTarget target) => FunctionArn.IsLatestQualifier(target.Qualifier);
    }
}
