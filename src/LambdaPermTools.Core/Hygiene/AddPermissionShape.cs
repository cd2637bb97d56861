using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Hygiene
{
    /// <summary>
    /// Whether AddPermission could have written a statement (docs/aws-rules.md §3.6): a statement it cannot write belongs to a
    /// policy managed as one document, so removing it alone would come back at the next whole-document write. A minimal check
    /// (Deny, no Sid, an Action list, a Not* element, a condition key other than SourceArn and SourceAccount) until the
    /// canonical detection in Policies/ is on main.
    /// </summary>
    internal static class AddPermissionShape
    {
        private static readonly string[] WrittenKeys = { "aws:SourceArn", "aws:SourceAccount" };

        /// <summary>Why the statement cannot come from AddPermission, as a phrase ("no Sid, Effect 'Deny'"), or empty.</summary>
        public static string Violations(PolicyStatement statement)
        {
            var why = new List<string>();
            if (string.IsNullOrEmpty(statement.Sid))
            {
                why.Add("no Sid");
            }

            if (!statement.IsAllow)
            {
                why.Add($"Effect '{statement.Effect}'");
            }

            if (ActionIsList(statement.Json))
            {
                why.Add("an Action list");
            }

            why.AddRange(statement.NegatedElements.Select(n => $"a {n} element"));
            why.AddRange(statement.Conditions
                .Where(c => !WrittenKeys.Any(k => string.Equals(c.Key, k, StringComparison.OrdinalIgnoreCase)))
                .Select(c => $"the condition key '{c.Key}'"));
            return string.Join(", ", why);
        }

        // AddPermission writes Action as one string; PolicyStatement keeps only the values.
        private static bool ActionIsList(string statementJson)
        {
            using var document = JsonDocument.Parse(statementJson);
            return document.RootElement.TryGetProperty("Action", out var action) && action.ValueKind == JsonValueKind.Array;
        }
    }
}
