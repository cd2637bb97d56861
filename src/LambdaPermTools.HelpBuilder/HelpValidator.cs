using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LambdaPermTools.HelpBuilder.Markdown;
using LambdaPermTools.HelpBuilder.Metadata;

namespace LambdaPermTools.HelpBuilder
{
    /// <summary>
    /// Holds the help sources to the compiled code: every cmdlet has a file, every file a cmdlet, every parameter
    /// a description, every cmdlet a synopsis, a description and an example; help may not describe a parameter
    /// the cmdlet does not have. The common parameters (-Verbose, …, -WhatIf, -Confirm) are PowerShell's and not checked.
    /// </summary>
    public static class HelpValidator
    {
        public static IReadOnlyList<string> Check(IReadOnlyList<CommandMetadata> commands, IReadOnlyList<CommandHelp> help, SharedParameters shared)
        {
            var problems = new List<string>();
            var byName = help.ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var command in commands)
            {
                if (!byName.TryGetValue(command.Name, out var text))
                {
                    problems.Add($"{command.Name}: no help source; create {command.Name}.md (sections: Synopsis, Description, Examples, Parameters).");
                    continue;
                }

                problems.AddRange(CheckCommand(command, text, shared));
            }

            foreach (var orphan in help.Where(h => !commands.Any(c => string.Equals(c.Name, h.Name, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"{Path.GetFileName(orphan.SourcePath)}: the module has no cmdlet {orphan.Name}; rename or remove the file.");
            }

            var allParameters = commands.SelectMany(c => c.Parameters).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var unused in shared.Parameters.Keys.Where(k => !allParameters.Contains(k)))
            {
                problems.Add($"{Path.GetFileName(shared.SourcePath)}: no cmdlet has a parameter -{unused}; remove its description.");
            }

            return problems;
        }

        private static IEnumerable<string> CheckCommand(CommandMetadata command, CommandHelp text, SharedParameters shared)
        {
            var file = Path.GetFileName(text.SourcePath);
            if (!HasText(text.Synopsis))
            {
                yield return $"{command.Name}: the synopsis is empty ({file}, '## Synopsis').";
            }

            if (!HasText(text.Description))
            {
                yield return $"{command.Name}: the description is empty ({file}, '## Description').";
            }

            if (text.Examples.Count == 0)
            {
                yield return $"{command.Name}: there is no example ({file}, '## Examples', one '### Example N: …' with a code block).";
            }

            foreach (var parameter in command.Parameters.Where(p => !HasText(DescriptionOf(p.Name, text, shared))))
            {
                yield return $"{command.Name}: parameter -{parameter.Name} has no description (add '### -{parameter.Name}' under '## Parameters' in {file}"
                    + (shared.SourcePath.Length > 0 ? $" or in {Path.GetFileName(shared.SourcePath)})." : ").");
            }

            foreach (var stale in text.Parameters.Keys.Where(k => !command.Parameters.Any(p => string.Equals(p.Name, k, StringComparison.OrdinalIgnoreCase)) && !CommonParameters.IsCommon(k)))
            {
                yield return $"{command.Name}: {file} describes -{stale}, but the cmdlet has no such parameter.";
            }
        }

        /// <summary>The cmdlet's own text for a parameter, else the shared text, else nothing.</summary>
        public static IReadOnlyList<Block> DescriptionOf(string parameter, CommandHelp text, SharedParameters shared) =>
            text.Parameters.TryGetValue(parameter, out var own) && HasText(own) ? own
            : shared.Parameters.TryGetValue(parameter, out var common) ? common
            : Array.Empty<Block>();

        private static bool HasText(IReadOnlyList<Block> blocks) => blocks.Any(b => b.Text.Trim().Length > 0);
    }
}
