using System.Linq;
using LambdaPermTools.HelpBuilder.Markdown;

namespace LambdaPermTools.HelpBuilder.Tests
{
    public class MarkdownDocumentTests
    {
        [Fact]
        public void Headings_nest_by_level()
        {
            var root = MarkdownDocument.Parse("# Title\n## A\n### A1\n### A2\n## B\n");

            var title = Assert.Single(root.Children);
            Assert.Equal(new[] { "A", "B" }, title.Children.Select(c => c.Title));
            Assert.Equal(new[] { "A1", "A2" }, title.Child("a")!.Children.Select(c => c.Title));
        }

        [Fact]
        public void Soft_line_breaks_join_into_one_paragraph_and_blank_lines_separate_paragraphs()
        {
            var section = MarkdownDocument.Parse("# T\none\ntwo\n\nthree\n").Children[0];

            Assert.Equal(new[] { new Block(BlockKind.Paragraph, "one two"), new Block(BlockKind.Paragraph, "three") }, section.Blocks);
        }

        [Fact]
        public void List_items_are_separate_blocks_and_take_their_continuation_lines()
        {
            var section = MarkdownDocument.Parse("# T\n- first\n  continued\n* second\n1. third\n\nafter\n").Children[0];

            Assert.Equal(
                new[] { "ListItem:first continued", "ListItem:second", "ListItem:third", "Paragraph:after" },
                section.Blocks.Select(b => $"{b.Kind}:{b.Text}"));
        }

        [Fact]
        public void Fenced_code_keeps_its_lines_and_a_heading_inside_it_is_code()
        {
            var section = MarkdownDocument.Parse("# T\n```powershell\n# not a heading\n  Get-Thing |\n    Out-Null\n```\n").Children[0];

            var code = Assert.Single(section.Blocks);
            Assert.Equal(BlockKind.Code, code.Kind);
            Assert.Equal("powershell", code.Language);
            Assert.Equal("# not a heading\n  Get-Thing |\n    Out-Null", code.Text);
            Assert.Empty(section.Children);
        }

        [Fact]
        public void Tables_keep_their_rows_and_drop_the_separator_row()
        {
            var section = MarkdownDocument.Parse("# T\n| a | b |\n|---|:--|\n| 1 | 2 |\n").Children[0];

            Assert.Equal(new Block(BlockKind.Table, "| a | b |\n| 1 | 2 |"), Assert.Single(section.Blocks));
        }

        [Theory]
        [InlineData("see [the docs](https://example.com/x) now", "see the docs (https://example.com/x) now")]
        [InlineData("see [Add-Thing](Add-Thing.md)", "see Add-Thing")]
        [InlineData("[https://example.com](https://example.com)", "https://example.com")]
        [InlineData("a **strong** word and `code`", "a strong word and `code`")]
        public void Inline_markup_becomes_plain_text(string markdown, string expected)
        {
            Assert.Equal(expected, Inline.ToPlainText(markdown));
        }
    }
}
