using System.Linq;

namespace LambdaPermTools.Policies
{
    /// <summary>Does a role's trust policy let API Gateway assume it (docs/aws-rules.md §4.4, APIGW-DG:permissions)?</summary>
    public static class TrustPolicy
    {
        private const string AssumeRole = "sts:AssumeRole";

        /// <summary>The verdict and, for Uncertain, the statement part that cannot be evaluated.</summary>
        /// <exception cref="PolicyFormatException">The trust policy is not a policy.</exception>
        public static TrustVerdict Judge(string? trustPolicyJson, out string? detail)
        {
            detail = null;
            var policy = PolicyDocument.Parse(trustPolicyJson);
            var relevant = policy.Statements.Where(Applies).ToList();
            var unsure = relevant.Where(s => !Certain(s)).Concat(policy.Statements.Where(s => s.NegatedElements.Count > 0)).ToList();
            var allowed = relevant.Any(s => s.IsAllow && Certain(s));

            // Deny wins; a Deny that might apply leaves the answer open even when an Allow is certain.
            if (relevant.Any(s => s.IsDeny && Certain(s)))
            {
                return TrustVerdict.NotTrusted;
            }

            var open = unsure.FirstOrDefault(s => !s.IsAllow) ?? (allowed ? null : unsure.FirstOrDefault());
            if (open != null)
            {
                detail = $"statement {open.Label} of the trust policy uses conditions, Not-elements or a service principal spelling the tool cannot evaluate";
                return TrustVerdict.Uncertain;
            }

            return allowed ? TrustVerdict.Trusted : TrustVerdict.NotTrusted;
        }

        // A service principal in another case may or may not apply (§3.3 UNCONFIRMED): it applies, but not certainly.
        private static bool Applies(PolicyStatement s) =>
            s.Principal != null
            && (s.Principal.IsEveryone || s.Principal.Services.Any(p => string.Equals(p, LambdaPermission.ApiGatewayPrincipal, System.StringComparison.OrdinalIgnoreCase)))
            && s.CoversAction(AssumeRole);

        private static bool Certain(PolicyStatement s) =>
            s.Conditions.Count == 0 && s.NegatedElements.Count == 0 && (s.IsAllow || s.IsDeny)
            && (s.Principal!.IsEveryone || s.Principal.Services.Contains(LambdaPermission.ApiGatewayPrincipal));
    }
}
