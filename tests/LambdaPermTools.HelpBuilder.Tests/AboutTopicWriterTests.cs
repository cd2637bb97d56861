using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.HelpBuilder.Output;

namespace LambdaPermTools.HelpBuilder.Tests
{
    public class AboutTopicWriterTests
    {
        private static string Write(string markdown, List<string>? problems = null) =>
            AboutTopicWriter.Write("/x/about_Thing.md", markdown, problems ?? new List<string>());

        private const string Minimal = "# about_Thing\n\n## Short description\n\nShort.\n\n## Long description\n\nLong.\n";

        [Fact]
        public void Starts_with_the_topic_name_and_writes_headings_in_capitals()
        {
            var text = Write(Minimal);

            Assert.Equal("TOPIC\n    about_Thing\n\nSHORT DESCRIPTION\n    Short.\n\nLONG DESCRIPTION\n    Long.\n", text);
        }

        [Fact]
        public void Wraps_prose_at_80_columns_but_never_breaks_an_address()
        {
            var words = string.Join(" ", Enumerable.Repeat("word", 40));
            var address = "https://example.com/" + new string('a', 90);

            var lines = Write(Minimal + "\n" + words + " " + address + "\n").Split('\n');

            Assert.All(lines.Where(l => !l.Contains("https://")), l => Assert.True(l.Length <= AboutTopicWriter.Width, l));
            Assert.Contains("    " + address, lines);
        }

        [Fact]
        public void Subsections_lists_code_and_tables_keep_their_shape()
        {
            var text = Write(Minimal + "\n### Sub\n\n- one\n- two\n\n```\nGet-Thing |\n  Out-Null\n```\n\n| Cause | Status |\n|---|---|\n| NoPolicy | Denied |\n");

            Assert.EndsWith(
                "  Sub\n  ---\n    - one\n    - two\n\n        Get-Thing |\n          Out-Null\n\n    Cause     Status\n    --------  ------\n    NoPolicy  Denied\n",
                text);
        }

        [Fact]
        public void Code_right_under_a_heading_is_set_off_by_a_blank_line_and_prose_is_not()
        {
            var text = Write(Minimal + "\n## Usage\n\n```\nGet-Thing\n```\n\n## More\n\nText.\n");

            Assert.EndsWith("USAGE\n\n        Get-Thing\n\nMORE\n    Text.\n", text);
        }

        [Fact]
        public void A_title_that_is_not_the_file_name_is_a_problem()
        {
            var problems = new List<string>();

            Write("# about_Other\n", problems);

            Assert.Equal("about_Thing.md: the first heading must be '# about_Thing'.", Assert.Single(problems));
        }

        [Fact]
        public void A_missing_long_description_is_a_problem()
        {
            var problems = new List<string>();

            Write("# about_Thing\n\n## Short description\n\nShort.\n", problems);

            Assert.Equal("about_Thing.md: the section '## Long description' is missing or empty.", Assert.Single(problems));
        }
    }
}
