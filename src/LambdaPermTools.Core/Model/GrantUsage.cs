namespace LambdaPermTools
{
    /// <summary>What a resource-policy statement that concerns API Gateway is still used for (cmdlet-contract.md, PermissionGrant).</summary>
    public enum GrantUsage
    {
        /// <summary>It grants at least one target that a stage serves today (UsedBy lists them).</summary>
        InUse,

        /// <summary>It names an API id that does not exist in that account and region.</summary>
        ApiDeleted,

        /// <summary>The API exists, but no target of any of its stages matches.</summary>
        Unused,

        /// <summary>Every target it grants is also granted by another statement of the same policy, which stays.</summary>
        Redundant,

        /// <summary>It names another account's API, or the tool cannot tell (Reason says why).</summary>
        Foreign,
    }
}
