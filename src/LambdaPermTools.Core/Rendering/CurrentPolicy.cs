namespace LambdaPermTools.Rendering
{
    /// <summary>A function's (or qualifier's) resource policy as last read, to merge grants into (docs/aws-rules.md §3.6).</summary>
    public sealed class CurrentPolicy
    {
        public CurrentPolicy(string? policyJson, string? revisionId)
        {
            PolicyJson = policyJson;
            RevisionId = revisionId;
        }

        /// <summary>The policy document; null when the function or qualifier has none yet.</summary>
        public string? PolicyJson { get; }

        /// <summary>Its RevisionId, passed on so that a write fails instead of overwriting a policy changed since.</summary>
        public string? RevisionId { get; }
    }
}
