using System;
using System.Collections.Generic;
using System.Text;

namespace LambdaPermTools.Arns
{
    /// <summary>Substitutes <c>${stageVariables.name}</c> references (docs/aws-rules.md §4.3).</summary>
    public static class StageVariables
    {
        private const string Open = "${stageVariables.";

        /// <summary>
        /// Replaces every reference the stage defines. References to undefined variables stay in the text and
        /// their names are added to <paramref name="unresolved"/> (once each, in order of appearance).
        /// </summary>
        public static string Substitute(string text, IReadOnlyDictionary<string, string> variables, ICollection<string> unresolved)
        {
            var output = new StringBuilder(text.Length);
            var position = 0;
            while (position < text.Length)
            {
                var start = text.IndexOf(Open, position, StringComparison.Ordinal);
                var end = start < 0 ? -1 : text.IndexOf('}', start + Open.Length);
                if (start < 0 || end < 0)
                {
                    break;
                }

                var name = text.Substring(start + Open.Length, end - start - Open.Length);
                output.Append(text, position, start - position);
                if (variables.TryGetValue(name, out var value))
                {
                    output.Append(value);
                }
                else
                {
                    output.Append(text, start, end - start + 1);
                    if (!unresolved.Contains(name))
                    {
                        unresolved.Add(name);
                    }
                }

                position = end + 1;
            }

            output.Append(text, position, text.Length - position);
            return output.ToString();
        }
    }
}
