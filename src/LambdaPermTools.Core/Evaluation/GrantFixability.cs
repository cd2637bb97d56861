using System.Linq;

namespace LambdaPermTools.Evaluation
{
    /// <summary>Which findings a lambda:InvokeFunction grant for the API Gateway service principal turns into Allowed.</summary>
    public static class GrantFixability
    {
        /// <summary>The causes a grant can fix, when nothing else (a Deny, a cross-account role) stands in the way.</summary>
        public static readonly PermissionCause[] Causes = { PermissionCause.NoPolicy, PermissionCause.NoMatchingStatement, PermissionCause.QualifierMismatch };

        public static bool IsFixable(PermissionFinding finding) =>
            finding.Status == PermissionStatus.Denied && Causes.Contains(finding.Cause) && !finding.GrantCannotFix && InvocationPath.GrantCanFix(finding);
    }
}
