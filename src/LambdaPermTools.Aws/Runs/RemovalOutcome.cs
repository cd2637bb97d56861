namespace LambdaPermTools.Aws.Runs
{
    /// <summary>Where a statement to remove stands: a change to emit (Removed, or Skipped with why), an error to write, or pending (to remove once confirmed).</summary>
    public sealed class RemovalOutcome
    {
        private RemovalOutcome(PermissionChange? change, RunError? error, PendingRemoval? pending)
        {
            Change = change;
            Error = error;
            Pending = pending;
        }

        public PermissionChange? Change { get; }
        public RunError? Error { get; }
        public PendingRemoval? Pending { get; }

        internal static RemovalOutcome Changed(PermissionChange change) => new RemovalOutcome(change, null, null);

        internal static RemovalOutcome Failed(RunError error) => new RemovalOutcome(null, error, null);

        internal static RemovalOutcome Present(PendingRemoval pending) => new RemovalOutcome(null, null, pending);
    }
}
