using System.Collections.Generic;
using System.Linq;

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

        /// <summary>"condition key names are not case-sensitive" (IAM-UG, aws-semantics §3.5).</summary>
        internal bool HasKey(string key) => string.Equals(Key, key, System.StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The principal of a statement in its normalised forms (aws-semantics §3.3).</summary>
    public sealed class PolicyPrincipal
    {
        /// <summary><c>"*"</c> or <c>{"AWS":"*"}</c>: everyone.</summary>
        public bool IsEveryone { get; set; }
        public IReadOnlyList<string> Services { get; set; } = new string[0];
        public IReadOnlyList<string> Aws { get; set; } = new string[0];
        /// <summary>Other principal types (Federated, CanonicalUser), kept for explanations.</summary>
        public IReadOnlyList<string> Others { get; set; } = new string[0];
    }

    /// <summary>One statement of a resource or trust policy, normalised from its JSON forms.</summary>
    public sealed class PolicyStatement
    {
        public int Index { get; set; }
        public string? Sid { get; set; }
        public string Effect { get; set; } = "";
        public PolicyPrincipal? Principal { get; set; }
        public IReadOnlyList<string> Actions { get; set; } = new string[0];
        /// <summary>Null when the statement has no Resource element.</summary>
        public IReadOnlyList<string>? Resources { get; set; }
        public IReadOnlyList<PolicyCondition> Conditions { get; set; } = new PolicyCondition[0];
        /// <summary>NotAction, NotPrincipal or NotResource: the tool cannot evaluate such a statement (§3.4).</summary>
        public IReadOnlyList<string> NegatedElements { get; set; } = new string[0];
        /// <summary>The statement as it appears in the document.</summary>
        public string Json { get; set; } = "";

        /// <summary>An Action entry covers <paramref name="action"/>: a case-insensitive glob ("lambda:*", "*", "lambda:Invoke*"), §3.4.</summary>
        internal bool CoversAction(string action) => Actions.Any(a => Arns.Glob.IsMatch(a, action, ignoreCase: true));

        public bool IsAllow => Effect == "Allow";
        public bool IsDeny => Effect == "Deny";

        /// <summary>"'Sid'" or "statement #n (no Sid)", for sentences.</summary>
        public string Label => string.IsNullOrEmpty(Sid) ? $"statement #{Index + 1} (no Sid)" : $"'{Sid}'";
    }
}
