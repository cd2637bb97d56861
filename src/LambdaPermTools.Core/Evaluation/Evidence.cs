using System;
using System.Collections.Generic;

namespace LambdaPermTools.Evaluation
{
    /// <summary>How a read of a policy or role ended.</summary>
    public enum LookupStatus
    {
        /// <summary>The document was read.</summary>
        Found,
        /// <summary>The function (at this qualifier) exists but has no resource policy.</summary>
        NoPolicy,
        /// <summary>The function, alias, version or role does not exist.</summary>
        NotFound,
        /// <summary>The caller may not read it (401/403).</summary>
        AccessDenied,
        /// <summary>Any other failure (throttled after retries, transport, service error).</summary>
        Failed,
    }

    /// <summary>The result of GetPolicy for one function and qualifier.</summary>
    public sealed class PolicyLookup
    {
        public LookupStatus Status { get; set; }
        /// <summary>The policy document (already unwrapped from GetPolicy's JSON string).</summary>
        public string? PolicyJson { get; set; }
        public string? RevisionId { get; set; }
        /// <summary>The service's message for a failure, for the Reason sentence.</summary>
        public string? Message { get; set; }

        // The parsed policy, kept because many targets share one policy. One reference holds the text it was parsed
        // from, so a changed PolicyJson is parsed again and parallel readers never see a torn pair.
        private Policies.ParsedPolicy? _parsed;

        internal Policies.ParsedPolicy Parsed()
        {
            var parsed = _parsed;
            if (parsed == null || !ReferenceEquals(parsed.Json, PolicyJson))
            {
                parsed = Policies.ParsedPolicy.Of(PolicyJson);
                _parsed = parsed;
            }

            return parsed;
        }
    }

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

    /// <summary>
    /// Everything read from Lambda and IAM for one run, keyed so that each policy and role is read
    /// once however many targets share it.
    /// </summary>
    public sealed class EvidenceSet
    {
        private readonly Dictionary<string, Dictionary<string, PolicyLookup>> _policies = new Dictionary<string, Dictionary<string, PolicyLookup>>(StringComparer.Ordinal);
        private readonly Dictionary<string, RoleLookup> _roles = new Dictionary<string, RoleLookup>(StringComparer.Ordinal);

        public void AddPolicy(string functionArn, string? qualifier, PolicyLookup lookup)
        {
            if (!_policies.TryGetValue(functionArn, out var byQualifier))
            {
                byQualifier = new Dictionary<string, PolicyLookup>(StringComparer.Ordinal);
                _policies[functionArn] = byQualifier;
            }

            byQualifier[qualifier ?? ""] = lookup;
        }

        /// <summary>The policy of the unqualified function ARN at this qualifier, or null if it was not read.</summary>
        public PolicyLookup? GetPolicy(string functionArn, string? qualifier) =>
            _policies.TryGetValue(functionArn, out var byQualifier) && byQualifier.TryGetValue(qualifier ?? "", out var lookup) ? lookup : null;

        /// <summary>Every policy read for this function, by qualifier (null = unqualified).</summary>
        public IEnumerable<KeyValuePair<string?, PolicyLookup>> PoliciesOf(string functionArn)
        {
            if (!_policies.TryGetValue(functionArn, out var byQualifier))
            {
                yield break;
            }

            foreach (var pair in byQualifier)
            {
                yield return new KeyValuePair<string?, PolicyLookup>(pair.Key.Length == 0 ? null : pair.Key, pair.Value);
            }
        }

        public void AddRole(string roleArn, RoleLookup lookup) => _roles[roleArn] = lookup;

        public RoleLookup? GetRole(string roleArn) => _roles.TryGetValue(roleArn, out var lookup) ? lookup : null;
    }
}
