using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace LambdaPermTools.Completion
{
    /// <summary>Turns candidate values into completion results for the typed prefix.</summary>
    internal static class Completions
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Value, string Tooltip)> candidates, string? wordToComplete)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return candidates
                .Where(c => c.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || c.Tooltip.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.Tooltip.Length == 0 ? c.Value : c.Tooltip))
                .ToList();
        }

        private static string Quote(string value) =>
            value.Any(ch => char.IsWhiteSpace(ch) || "'\"$`;,(){}|&@#<>".IndexOf(ch) >= 0) ? "'" + value.Replace("'", "''") + "'" : value;
    }
}
