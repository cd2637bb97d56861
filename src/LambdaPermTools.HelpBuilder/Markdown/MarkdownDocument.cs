using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LambdaPermTools.HelpBuilder.Markdown
{
    /// <summary>The kinds of text block the help sources use.</summary>
    public enum BlockKind
    {
        Paragraph,
        ListItem,
        Code,
        Table,
    }

    /// <summary>One block of text. Paragraph and list-item text is already plain (links and emphasis resolved); code and table text keep their lines.</summary>
    public sealed record Block(BlockKind Kind, string Text, string Language = "");

    /// <summary>A heading and what follows it, up to the next heading of the same or a higher level.</summary>
    public sealed class MarkdownSection
    {
        public MarkdownSection(int level, string title)
        {
            Level = level;
            Title = title;
        }

        public int Level { get; }
        public string Title { get; }
        public List<Block> Blocks { get; } = new();
        public List<MarkdownSection> Children { get; } = new();

        public MarkdownSection? Child(string title) =>
            Children.FirstOrDefault(c => string.Equals(c.Title, title, StringComparison.OrdinalIgnoreCase));

        /// <summary>This section's blocks and those of its sub-sections, for sections that are prose only.</summary>
        public bool IsEmpty => Blocks.Count == 0 && Children.All(c => c.IsEmpty);
    }

    /// <summary>
    /// A deliberately small markdown reader: ATX headings, paragraphs, "-" / "*" / "1." list items, fenced code and
    /// pipe tables. That is all the help sources need, and anything it does not know stays readable as text.
    /// </summary>
    public static class MarkdownDocument
    {
        private static readonly Regex Heading = new(@"^(#{1,6})\s+(.*?)\s*#*\s*$");
        private static readonly Regex ListStart = new(@"^\s{0,3}(?:[-*]|\d+\.)\s+(.*)$");
        private static readonly Regex Fence = new(@"^\s*```\s*([\w-]*)\s*$");
        private static readonly Regex TableSeparator = new(@"^\s*\|?\s*:?-{3,}");

        /// <summary>Parses <paramref name="text"/>; the returned root (level 0) holds the top-level headings.</summary>
        public static MarkdownSection Parse(string text)
        {
            var root = new MarkdownSection(0, "");
            var stack = new Stack<MarkdownSection>();
            stack.Push(root);
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var pending = new List<string>();
            var pendingKind = BlockKind.Paragraph;

            void Flush()
            {
                if (pending.Count > 0)
                {
                    var joined = pendingKind == BlockKind.Table ? string.Join("\n", pending) : Inline.ToPlainText(string.Join(" ", pending.Select(l => l.Trim())));
                    stack.Peek().Blocks.Add(new Block(pendingKind, joined));
                    pending.Clear();
                }
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var fence = Fence.Match(line);
                if (fence.Success)
                {
                    Flush();
                    var code = new List<string>();
                    for (i++; i < lines.Length && !Fence.IsMatch(lines[i]); i++)
                    {
                        code.Add(lines[i]);
                    }

                    stack.Peek().Blocks.Add(new Block(BlockKind.Code, string.Join("\n", code).TrimEnd(), fence.Groups[1].Value));
                    continue;
                }

                var heading = Heading.Match(line);
                if (heading.Success)
                {
                    Flush();
                    var section = new MarkdownSection(heading.Groups[1].Length, Inline.ToPlainText(heading.Groups[2].Value));
                    while (stack.Peek().Level >= section.Level)
                    {
                        stack.Pop();
                    }

                    stack.Peek().Children.Add(section);
                    stack.Push(section);
                    continue;
                }

                if (line.Trim().Length == 0)
                {
                    Flush();
                    continue;
                }

                if (line.TrimStart().StartsWith("|", StringComparison.Ordinal))
                {
                    if (pendingKind != BlockKind.Table)
                    {
                        Flush();
                        pendingKind = BlockKind.Table;
                    }

                    if (!TableSeparator.IsMatch(line))
                    {
                        pending.Add(line.Trim());
                    }

                    continue;
                }

                var item = ListStart.Match(line);
                if (item.Success)
                {
                    Flush();
                    pendingKind = BlockKind.ListItem;
                    pending.Add(item.Groups[1].Value);
                    continue;
                }

                if (pendingKind == BlockKind.Table || (pendingKind == BlockKind.ListItem && pending.Count == 0))
                {
                    Flush();
                    pendingKind = BlockKind.Paragraph;
                }
                else if (pending.Count == 0)
                {
                    pendingKind = BlockKind.Paragraph;
                }

                pending.Add(line);
            }

            Flush();
            return root;
        }
    }
}
