using LambdaPermTools.Arns;

namespace LambdaPermTools.Evaluation
{
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
