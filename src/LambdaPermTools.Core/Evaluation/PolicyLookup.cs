namespace LambdaPermTools.Evaluation
{
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
}
