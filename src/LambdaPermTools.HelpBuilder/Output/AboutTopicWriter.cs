using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using LambdaPermTools.HelpBuilder.Markdown;

namespace LambdaPermTools.HelpBuilder.Output
{
    /// <summary>
    /// Turns an about_*.md source into the plain-text about_*.help.txt that Get-Help shows: "##" headings in
    /// capitals, "###" headings indented and underlined, prose wrapped at 80 columns, code and tables kept as written.
    /// </summary>
    public static class AboutTopicWriter
    {
        public const int Width = 80;
        private const string Body = "    ";
        private const string CodeIndent = "        ";

        public static string Write(string sourcePath, string markdown, ICollection<string> problems)
        {
            var file = Path.GetFileName(sourcePath);
            var topic = Path.GetFileNameWithoutExtension(sourcePath);
            var title = MarkdownDocument.Parse(markdown).Children.FirstOrDefault(c => c.Level == 1);
            if (title == null || !string.Equals(title.Title, topic, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file}: the first heading must be '# {topic}'.");
                return "";
            }

            foreach (var required in new[] { "Short description", "Long description" })
            {
                if (title.Child(required) is not { IsEmpty: false })
                {
                    problems.Add($"{file}: the section '## {required}' is missing or empty.");
                }
            }

            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(Body).Append(topic).Append('\n');
            foreach (var section in title.Children)
            {
                WriteSection(text, section);
            }

            return text.ToString();
        }

        private static void WriteSection(StringBuilder text, MarkdownSection section)
        {
            text.Append('\n');
            if (section.Level <= 2)
            {
                text.Append(section.Title.ToUpperInvariant()).Append('\n');
            }
            else
            {
                text.Append("  ").Append(section.Title).Append('\n').Append("  ").Append(new string('-', section.Title.Length)).Append('\n');
            }

            Block? previous = null;
            foreach (var block in section.Blocks)
            {
                // Consecutive list items stay together, and prose follows its heading directly; every other block
                // (code or a table under a heading included) is set off by a blank line.
                var together = previous == null
                    ? block.Kind is BlockKind.Paragraph or BlockKind.ListItem
                    : block.Kind == BlockKind.ListItem && previous.Kind == BlockKind.ListItem;
                if (!together)
                {
                    text.Append('\n');
                }

                WriteBlock(text, block);
                previous = block;
            }

            foreach (var child in section.Children)
            {
                WriteSection(text, child);
            }
        }

        private static void WriteBlock(StringBuilder text, Block block)
        {
            switch (block.Kind)
            {
                case BlockKind.Code:
                    foreach (var line in block.Text.Split('\n'))
                    {
                        text.Append(line.Length == 0 ? "" : CodeIndent + line).Append('\n');
                    }

                    break;
                case BlockKind.Table:
                    WriteTable(text, block.Text);
                    break;
                case BlockKind.ListItem:
                    Wrap(text, block.Text, Body + "- ", Body + "  ");
                    break;
                default:
                    Wrap(text, block.Text, Body, Body);
                    break;
            }
        }

        // Pipe tables become aligned columns with a dashed rule under the header row.
        private static void WriteTable(StringBuilder text, string table)
        {
            var rows = table.Split('\n')
                .Select(r => r.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
                .ToList();
            var columns = rows.Max(r => r.Length);
            var widths = Enumerable.Range(0, columns).Select(i => rows.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
            string Line(IReadOnlyList<string> cells) =>
                (Body + string.Join("  ", Enumerable.Range(0, columns).Select(i => (i < cells.Count ? cells[i] : "").PadRight(widths[i])))).TrimEnd();

            text.Append(Line(rows[0])).Append('\n');
            text.Append(Line(widths.Select(w => new string('-', w)).ToList())).Append('\n');
            foreach (var row in rows.Skip(1))
            {
                text.Append(Line(row)).Append('\n');
            }
        }

        /// <summary>Word-wraps at <see cref="Width"/>; a word longer than a line (an address) gets a line of its own.</summary>
        public static void Wrap(StringBuilder text, string paragraph, string firstIndent, string nextIndent)
        {
            var line = new StringBuilder(firstIndent);
            var lineHasWord = false;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (lineHasWord && line.Length + 1 + word.Length > Width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append(nextIndent);
                    lineHasWord = false;
                }

                line.Append(lineHasWord ? " " : "").Append(word);
                lineHasWord = true;
            }

            text.Append(line).Append('\n');
        }
    }
}
