namespace LambdaPermTools.Aws.Runs
{
    /// <summary>A statement still in the function's policy, with the RevisionId of the policy it was found in: removed once confirmed.</summary>
    public sealed class PendingRemoval
    {
        internal PendingRemoval(PermissionGrant grant, string? revisionId, string statementJson)
        {
            Grant = grant;
            RevisionId = revisionId;
            StatementJson = statementJson;
        }

        public PermissionGrant Grant { get; }
        public string? RevisionId { get; }

        /// <summary>The statement as it stands now (what is removed).</summary>
        public string StatementJson { get; }
    }
}
