using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Policies
{
    /// <summary>One statement of a resource or trust policy, normalised from its JSON forms.</summary>
    public sealed class PolicyStatement
    {
        public int Index { get; set; }
        public string? Sid { get; set; }
        public string Effect { get; set; } = "";
        public PolicyPrincipal? Principal { get; set; }
        public IReadOnlyList<string> Actions { get; set; } = new string[0];
        /// <summary>True when Action is a JSON array (AddPermission writes one string, §3.6).</summary>
        public bool ActionIsArray { get; set; }
        /// <summary>Null when the statement has no Resource element.</summary>
        public IReadOnlyList<string>? Resources { get; set; }
        public IReadOnlyList<PolicyCondition> Conditions { get; set; } = new PolicyCondition[0];
        /// <summary>NotAction, NotPrincipal or NotResource: the tool cannot evaluate such a statement (§3.4).</summary>
        public IReadOnlyList<string> NegatedElements { get; set; } = new string[0];
        private string? _json;

        /// <summary>The statement as it appears in the document.</summary>
        public string Json
        {
            get => _json ??= Texts?.Of(Index) ?? "";
            set => _json = value;
        }

        /// <summary>Where a parsed statement's text is cut from when <see cref="Json"/> is first read.</summary>
        internal StatementTexts? Texts { get; set; }

        /// <summary>An Action entry covers <paramref name="action"/>: a case-insensitive glob ("lambda:*", "*", "lambda:Invoke*"), §3.4.</summary>
        internal bool CoversAction(string action)
        {
            foreach (var entry in Actions)
            {
                if (Arns.Glob.IsMatch(entry, action, ignoreCase: true))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsAllow => Effect == "Allow";
        public bool IsDeny => Effect == "Deny";

        /// <summary>The Sid, or "statement #n" (its 1-based position in the document) when it has none (§3.6).</summary>
        public string Name => string.IsNullOrEmpty(Sid) ? $"statement #{Index + 1}" : Sid!;

        /// <summary>"'Sid'" or "statement #n (no Sid)", for sentences.</summary>
        public string Label => string.IsNullOrEmpty(Sid) ? $"statement #{Index + 1} (no Sid)" : $"'{Sid}'";
    }
}
