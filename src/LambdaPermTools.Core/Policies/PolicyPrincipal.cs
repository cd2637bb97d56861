using System.Collections.Generic;

namespace LambdaPermTools.Policies
{
    /// <summary>The principal of a statement in its normalised forms (docs/aws-rules.md §3.3).</summary>
    public sealed class PolicyPrincipal
    {
        /// <summary><c>"*"</c> or <c>{"AWS":"*"}</c>: everyone.</summary>
        public bool IsEveryone { get; set; }
        public IReadOnlyList<string> Services { get; set; } = new string[0];
        public IReadOnlyList<string> Aws { get; set; } = new string[0];
        /// <summary>Other principal types (Federated, CanonicalUser), kept for explanations.</summary>
        public IReadOnlyList<string> Others { get; set; } = new string[0];
    }
}
