namespace LambdaPermTools.Evaluation
{
    /// <summary>The decision for one target before it is copied onto a finding.</summary>
    internal sealed class Verdict
    {
        private Verdict(PermissionStatus status, PermissionCause cause, string reason)
        {
            Status = status;
            Cause = cause;
            Reason = reason;
        }

        public PermissionStatus Status { get; }
        public PermissionCause Cause { get; }
        public string Reason { get; }
        public string? MatchedStatementId { get; private set; }
        public bool OverlyBroad { get; private set; }

        /// <summary>True when adding the planned service-principal grant would turn this Denied into Allowed.</summary>
        public bool FixableByGrant { get; private set; }

        public static Verdict Allowed(PermissionCause cause, string reason, string? statementId = null, bool overlyBroad = false) =>
            new Verdict(PermissionStatus.Allowed, cause, reason) { MatchedStatementId = statementId, OverlyBroad = overlyBroad };

        public static Verdict Denied(PermissionCause cause, string reason) => new Verdict(PermissionStatus.Denied, cause, reason);

        public static Verdict Fixable(PermissionCause cause, string reason) => new Verdict(PermissionStatus.Denied, cause, reason) { FixableByGrant = true };

        public static Verdict Unknown(PermissionCause cause, string reason) => new Verdict(PermissionStatus.Unknown, cause, reason);
    }
}
