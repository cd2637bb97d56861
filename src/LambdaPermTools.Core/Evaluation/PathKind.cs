namespace LambdaPermTools.Evaluation
{
    /// <summary>Who must allow the invoke for a target (docs/aws-rules.md §4.4, §11.2).</summary>
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
}
