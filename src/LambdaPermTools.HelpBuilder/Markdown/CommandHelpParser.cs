using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LambdaPermTools.HelpBuilder.Markdown
{
    /// <summary>
    /// Reads a cmdlet help source: "# Verb-Noun", then "## Synopsis", "## Description", "## Examples" (one "###" per
    /// example with one fenced code block), "## Parameters" (one "### -Name" each), "## Inputs", "## Outputs"
    /// (one "###" per type), "## Notes", "## Related links" (a list of links). Problems are collected, not thrown,
    /// so that one build run reports all of them.
    /// </summary>
    public static class CommandHelpParser
    {
        private static readonly string[] KnownSections =
            { "Synopsis", "Description", "Examples", "Parameters", "Inputs", "Outputs", "Notes", "Related links" };

        public static CommandHelp Parse(string sourcePath, string text, ICollection<string> problems)
        {
            var file = Path.GetFileName(sourcePath);
            var root = MarkdownDocument.Parse(text);
            var title = root.Children.FirstOrDefault(c => c.Level == 1);
            var name = Path.GetFileNameWithoutExtension(sourcePath);
            if (title == null || !string.Equals(title.Title, name, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file}: the first heading must be '# {name}' (the file name is the cmdlet name).");
            }

            var sections = title?.Children ?? new List<MarkdownSection>();
            foreach (var unknown in sections.Where(s => !KnownSections.Contains(s.Title, StringComparer.OrdinalIgnoreCase)))
            {
                problems.Add($"{file}: unknown section '## {unknown.Title}'; the sections are: {string.Join(", ", KnownSections)}.");
            }

            MarkdownSection? Section(string sectionName) => title?.Child(sectionName);

            return new CommandHelp(
                title?.Title ?? name,
                sourcePath,
                Section("Synopsis")?.Blocks ?? new List<Block>(),
                Section("Description")?.Blocks ?? new List<Block>(),
                ReadParameters(file, Section("Parameters"), problems),
                ReadTypes(Section("Inputs")),
                ReadTypes(Section("Outputs")),
                Section("Notes")?.Blocks ?? new List<Block>(),
                ReadExamples(file, Section("Examples"), problems),
                ReadLinks(Section("Related links")));
        }

        /// <summary>Reads a shared-parameters file: any title, one "## Parameters" section.</summary>
        public static SharedParameters ParseShared(string sourcePath, string text, ICollection<string> problems)
        {
            var file = Path.GetFileName(sourcePath);
            var section = MarkdownDocument.Parse(text).Children.FirstOrDefault()?.Child("Parameters");
            if (section == null)
            {
                problems.Add($"{file}: a shared-parameters file needs a '## Parameters' section under its title.");
            }

            return new SharedParameters(sourcePath, ReadParameters(file, section, problems));
        }

        private static IReadOnlyDictionary<string, IReadOnlyList<Block>> ReadParameters(string file, MarkdownSection? section, ICollection<string> problems)
        {
            var parameters = new Dictionary<string, IReadOnlyList<Block>>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in section?.Children ?? new List<MarkdownSection>())
            {
                var name = parameter.Title.TrimStart('-').Trim();
                if (!parameters.TryAdd(name, parameter.Blocks))
                {
                    problems.Add($"{file}: parameter -{name} is described twice.");
                }
            }

            return parameters;
        }

        private static IReadOnlyList<ExampleHelp> ReadExamples(string file, MarkdownSection? section, ICollection<string> problems)
        {
            var examples = new List<ExampleHelp>();
            foreach (var example in section?.Children ?? new List<MarkdownSection>())
            {
                var code = example.Blocks.Where(b => b.Kind == BlockKind.Code).ToList();
                if (code.Count != 1)
                {
                    problems.Add($"{file}: example '{example.Title}' must have exactly one fenced code block (it has {code.Count}).");
                    continue;
                }

                examples.Add(new ExampleHelp(example.Title, code[0].Text, example.Blocks.Where(b => b != code[0]).ToList()));
            }

            return examples;
        }

        private static IReadOnlyList<TypeHelp> ReadTypes(MarkdownSection? section) =>
            (section?.Children ?? new List<MarkdownSection>()).Select(t => new TypeHelp(t.Title, t.Blocks)).ToList();

        // Link items arrive as plain text, so read the raw form back: "[text](uri)", "text (https://…)" or a bare name.
        private static IReadOnlyList<LinkHelp> ReadLinks(MarkdownSection? section) =>
            (section?.Blocks ?? new List<Block>())
                .Where(b => b.Kind == BlockKind.ListItem)
                .Select(b => SplitLink(b.Text))
                .ToList();

        private static LinkHelp SplitLink(string text)
        {
            var open = text.LastIndexOf(" (", StringComparison.Ordinal);
            if (open > 0 && text.EndsWith(")", StringComparison.Ordinal))
            {
                var uri = text.Substring(open + 2, text.Length - open - 3);
                if (Inline.IsWebAddress(uri))
                {
                    return new LinkHelp(text.Substring(0, open), uri);
                }
            }

            return new LinkHelp(text, Inline.IsWebAddress(text) ? text : "");
        }
    }
}
