using System;
using System.Collections.Generic;

namespace LambdaPermTools.Evaluation
{
    /// <summary>
    /// Everything read from Lambda and IAM for one run, keyed so that each policy and role is read
    /// once however many targets share it.
    /// </summary>
    public sealed class EvidenceSet
    {
        private readonly Dictionary<string, Dictionary<string, PolicyLookup>> _policies = new Dictionary<string, Dictionary<string, PolicyLookup>>(StringComparer.Ordinal);
        private readonly Dictionary<string, RoleLookup> _roles = new Dictionary<string, RoleLookup>(StringComparer.Ordinal);
        private readonly HashSet<string> _unlisted = new HashSet<string>(StringComparer.Ordinal);

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

        /// <summary>Adds every policy and role read of <paramref name="other"/> (a later read of the same key wins).</summary>
        public void Add(EvidenceSet other)
        {
            foreach (var function in other._policies)
            {
                foreach (var pair in function.Value)
                {
                    AddPolicy(function.Key, pair.Key, pair.Value);
                }
            }

            foreach (var role in other._roles)
            {
                _roles[role.Key] = role.Value;
            }

            _unlisted.UnionWith(other._unlisted);
        }

        /// <summary>The function's aliases and versions were asked for and could not be listed, so their policies are unknown.</summary>
        public void MarkQualifiersUnlisted(string functionArn) => _unlisted.Add(functionArn);

        public bool QualifiersUnlisted(string functionArn) => _unlisted.Contains(functionArn);

        public void AddRole(string roleArn, RoleLookup lookup) => _roles[roleArn] = lookup;

        public RoleLookup? GetRole(string roleArn) => _roles.TryGetValue(roleArn, out var lookup) ? lookup : null;
    }
}
