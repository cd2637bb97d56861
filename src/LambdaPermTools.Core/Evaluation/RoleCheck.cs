using System;
using LambdaPermTools.Arns;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Evaluation
{
    /// <summary>The credentials-role path (docs/aws-rules.md §4.4, §11.2): trust, identity policy, and cross-account resource policy.</summary>
    internal static class RoleCheck
    {
        private const string Allowed = "allowed";

        public static Verdict Decide(IntegrationTarget target, EvidenceSet evidence, ReasonWriter reasons, bool crossAccount)
        {
            var role = CredentialsArn.Classify(target.CredentialsArn);
            var lookup = evidence.GetRole(role.Text);
            switch (lookup?.Status)
            {
                case null:
                    return Verdict.Unknown(PermissionCause.ReadFailed, reasons.RoleNotRead(role.Text));
                case LookupStatus.NotFound:
                    return Verdict.Denied(PermissionCause.RoleCannotBeAssumed, reasons.RoleMissing(role.Text));
                case LookupStatus.AccessDenied:
                    return Verdict.Unknown(PermissionCause.AccessDenied, reasons.RoleReadFailed(role.Text, lookup.Message));
                case LookupStatus.Failed:
                case LookupStatus.NoPolicy:
                    return Verdict.Unknown(PermissionCause.ReadFailed, reasons.RoleReadFailed(role.Text, lookup.Message));
            }

            TrustVerdict trust;
            string? detail;
            try
            {
                // GetRole returns the trust policy URL-encoded (§6.3); accept it still encoded too.
                var json = lookup.TrustPolicyJson?.TrimStart().StartsWith("%", StringComparison.Ordinal) == true ? Uri.UnescapeDataString(lookup.TrustPolicyJson) : lookup.TrustPolicyJson;
                trust = TrustPolicy.Judge(json, out detail);
            }
            catch (PolicyFormatException e)
            {
                trust = TrustVerdict.Uncertain;
                detail = e.Message;
            }

            if (trust == TrustVerdict.NotTrusted)
            {
                return Verdict.Denied(PermissionCause.RoleCannotBeAssumed, reasons.RoleNotTrusted(role.Text));
            }

            if (trust == TrustVerdict.Uncertain)
            {
                return Verdict.Unknown(PermissionCause.UnsupportedCondition, reasons.RoleTrustUncertain(role.Text, detail));
            }

            if (!lookup.InvokeDecisions.TryGetValue(target.FunctionArn, out var decision))
            {
                return Verdict.Unknown(PermissionCause.ReadFailed, reasons.RoleNotSimulated(role.Text));
            }

            if (!string.Equals(decision, Allowed, StringComparison.OrdinalIgnoreCase))
            {
                return Verdict.Denied(PermissionCause.RoleLacksInvoke, reasons.RoleLacksInvoke(role.Text, decision));
            }

            if (crossAccount)
            {
                return ResourcePolicyCheck.Decide(target, evidence, reasons, role);
            }

            // IAM allows invoking a function that does not exist; API Gateway then fails all the same.
            return evidence.GetPolicy(target.FunctionName, target.Qualifier)?.Status == LookupStatus.NotFound
                ? Verdict.Denied(PermissionCause.FunctionNotFound, reasons.FunctionNotFound())
                : Verdict.Allowed(PermissionCause.GrantedByRole, reasons.GrantedByRole(role.Text));
        }
    }
}
