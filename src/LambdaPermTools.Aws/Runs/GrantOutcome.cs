namespace LambdaPermTools.Aws.Runs
{
    /// <summary>Where a planned grant stands: a change to emit, an error to write, or still pending (to add once confirmed).</summary>
    public sealed class GrantOutcome
    {
        private GrantOutcome(PermissionChange? change, RunError? error, PendingGrant? pending)
        {
            Change = change;
            Error = error;
            Pending = pending;
        }

        public PermissionChange? Change { get; }
        public RunError? Error { get; }
        public PendingGrant? Pending { get; }

        internal static GrantOutcome Changed(PermissionChange change) => new GrantOutcome(change, null, null);

        internal static GrantOutcome Failed(RunError error) => new GrantOutcome(null, error, null);

        internal static GrantOutcome Missing(PendingGrant pending) => new GrantOutcome(null, null, pending);
    }
}
