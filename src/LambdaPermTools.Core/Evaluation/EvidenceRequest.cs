using System.Collections.Generic;

namespace LambdaPermTools.Evaluation
{
    /// <summary>The reads a set of targets needs: each policy and each role once.</summary>
    public sealed class EvidenceRequest
    {
        /// <summary>(unqualified function ARN, qualifier or null) pairs whose policy must be read.</summary>
        public IReadOnlyList<KeyValuePair<string, string?>> Policies { get; set; } = new KeyValuePair<string, string?>[0];
        /// <summary>Role ARN → the exact (qualified) function ARNs to simulate lambda:InvokeFunction on.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; set; } = new Dictionary<string, IReadOnlyList<string>>();
    }
}
