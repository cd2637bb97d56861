using System.Linq;
using LambdaPermTools.Grants;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Evaluation
{
    /// <summary>Decides, as AWS would at run time, whether API Gateway may invoke a target's function (docs/aws-rules.md §11).</summary>
    public static class PermissionEvaluator
    {
        /// <summary>
        /// The finding for one target. A Denied finding that a resource-policy grant can fix carries the least-privilege grant
        /// (one method, any stage); the verdict never depends on how wide a fix is later planned.
        /// </summary>
        public static PermissionFinding Evaluate(IntegrationTarget target, EvidenceSet evidence)
        {
            var grantSourceArn = InvocationPath.GrantCanFix(target) && target.PresentedSourceArn.Length > 0 ? GrantSourceArn.LeastPrivilege(target) : "";
            var alsoGrant = grantSourceArn.Length > 0 ? GrantSourceArn.Additional(target, "*") : new string[0];
            var verdict = Decide(target, evidence, new ReasonWriter(target, new[] { grantSourceArn }.Concat(alsoGrant).Where(a => a.Length > 0).ToArray()));
            var finding = new PermissionFinding(target)
            {
                Status = verdict.Status,
                Cause = verdict.Cause,
                Reason = target.ConfigurationNote.Length == 0 ? verdict.Reason : verdict.Reason + " " + target.ConfigurationNote,
                MatchedStatementId = verdict.MatchedStatementId,
                OverlyBroad = verdict.OverlyBroad,
                GrantCannotFix = !verdict.FixableByGrant && GrantFixability.Causes.Contains(verdict.Cause),
            };

            if (verdict.FixableByGrant && grantSourceArn.Length > 0)
            {
                finding.Action = LambdaPermission.InvokeAction;
                finding.Principal = LambdaPermission.ApiGatewayPrincipal;
                finding.SourceArn = grantSourceArn;
                finding.StatementId = StatementIds.For(grantSourceArn, finding.Qualifier);
            }

            return finding;
        }

        private static Verdict Decide(IntegrationTarget target, EvidenceSet evidence, ReasonWriter reasons)
        {
            if (target.Kind == TargetKind.Authorizer && target.PresentedSourceArn.Length == 0)
            {
                // A deployed authorizer whose name the current configuration no longer has: its id, part of the ARN, is unknown.
                return Verdict.Unknown(PermissionCause.ReadFailed, reasons.AuthorizerIdUnknown());
            }

            var path = InvocationPath.Of(target);
            switch (path)
            {
                case PathKind.Unresolved:
                    return Verdict.Denied(PermissionCause.UnresolvedStageVariable, reasons.Unresolved());
                case PathKind.CallerPassthrough:
                    return Verdict.Unknown(PermissionCause.CallerCredentials, reasons.CallerCredentials());
                case PathKind.InvalidCredentials:
                    return Verdict.Denied(PermissionCause.RoleCannotBeAssumed, reasons.InvalidCredentials());
                case PathKind.NoFunction:
                    return Verdict.Denied(PermissionCause.FunctionNotFound, reasons.NoFunction());
                case PathKind.CrossAccountStageVariable:
                    // The contract has no code for "not supported"; like an unusable URI, API Gateway cannot reach the function.
                    return Verdict.Denied(PermissionCause.FunctionNotFound, reasons.CrossAccountStageVariable());
                case PathKind.RoleSameAccount:
                case PathKind.RoleCrossAccount:
                    return RoleCheck.Decide(target, evidence, reasons, path == PathKind.RoleCrossAccount);
                default:
                    return ResourcePolicyCheck.Decide(target, evidence, reasons, role: null);
            }
        }
    }
}
