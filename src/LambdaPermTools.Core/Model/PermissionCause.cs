namespace LambdaPermTools
{
    /// <summary>The stable cause codes of the contract (cmdlet-contract.md, "Cause codes").</summary>
    public enum PermissionCause
    {
        GrantedByPolicy,
        GrantedByRole,
        NoPolicy,
        NoMatchingStatement,
        QualifierMismatch,
        RoleCannotBeAssumed,
        RoleLacksInvoke,
        CallerCredentials,
        UnresolvedStageVariable,
        LatestQualifier,
        FunctionNotFound,
        AccessDenied,
        UnsupportedCondition,
        ExplicitDeny,
        /// <summary>Unknown: a read the verdict needs failed after retries, or something it needs could not be read (a deployed authorizer's id).</summary>
        ReadFailed,
        /// <summary>Templates only: a value the verdict depends on cannot be resolved offline (the Reason shows the expression).</summary>
        UnresolvedTemplateValue,
    }
}
