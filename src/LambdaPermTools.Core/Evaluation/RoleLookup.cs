using System;
using System.Collections.Generic;

namespace LambdaPermTools.Evaluation
{
    /// <summary>What IAM says about a credentials role: its trust policy and its decisions for lambda:InvokeFunction.</summary>
    public sealed class RoleLookup
    {
        public LookupStatus Status { get; set; }
        /// <summary>The trust policy, URL-decoded.</summary>
        public string? TrustPolicyJson { get; set; }
        /// <summary>SimulatePrincipalPolicy EvalDecision per exact (qualified) function ARN: allowed, implicitDeny, explicitDeny.</summary>
        public IDictionary<string, string> InvokeDecisions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public string? Message { get; set; }
    }
}
