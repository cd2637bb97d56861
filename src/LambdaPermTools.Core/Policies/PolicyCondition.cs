using System.Collections.Generic;

namespace LambdaPermTools.Policies
{
    /// <summary>One condition test: operator, key and the values it ORs (IAM-UG condition grammar).</summary>
    public sealed class PolicyCondition
    {
        public PolicyCondition(string op, string key, IReadOnlyList<string> values)
        {
            Operator = op;
            Key = key;
            Values = values;
        }

        internal const string SourceArnKey = "aws:SourceArn";
        internal const string SourceAccountKey = "aws:SourceAccount";

        public string Operator { get; }
        public string Key { get; }
        public IReadOnlyList<string> Values { get; }

        /// <summary>"condition key names are not case-sensitive" (IAM-UG, docs/aws-rules.md §3.5).</summary>
        internal bool HasKey(string key) => string.Equals(Key, key, System.StringComparison.OrdinalIgnoreCase);
    }
}
