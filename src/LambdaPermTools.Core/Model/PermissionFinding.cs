namespace LambdaPermTools
{
    /// <summary>Would AWS let API Gateway invoke the function?</summary>
    public enum PermissionStatus
    {
        Allowed,
        Denied,
        Unknown,
    }

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
        /// <summary>Templates only: a value the verdict depends on cannot be resolved offline (the Reason shows the expression).</summary>
        UnresolvedTemplateValue,
    }

    /// <summary>
    /// The verdict for one target and stage, with its cause, a sentence for people, and the grant
    /// that would fix a Denied finding (those properties bind by name to Add-LMPermission).
    /// </summary>
    public class PermissionFinding : IntegrationTarget
    {
        public PermissionFinding()
        {
        }

        public PermissionFinding(IntegrationTarget target)
        {
            target.CopyTargetTo(this);
        }

        public PermissionStatus Status { get; set; }
        public PermissionCause Cause { get; set; }
        public string Reason { get; set; } = "";
        public string? MatchedStatementId { get; set; }
        /// <summary>True when the granting statement is broader than needed (no SourceArn, Principal *, {api}/* or broader).</summary>
        public bool OverlyBroad { get; set; }
        public string? Action { get; set; }
        public string? Principal { get; set; }
        public string? StatementId { get; set; }
        public string? SourceArn { get; set; }

        /// <summary>Denied with a policy cause, yet a service-principal grant cannot help (a Deny applies, or a cross-account role calls): kept out of fix plans.</summary>
        internal bool GrantCannotFix { get; set; }
    }
}
