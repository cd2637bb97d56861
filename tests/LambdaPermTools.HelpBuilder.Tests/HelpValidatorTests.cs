using System.IO;
using LambdaPermTools.HelpBuilder.Tests.TestSupport;

namespace LambdaPermTools.HelpBuilder.Tests
{
    /// <summary>The build must fail, naming the cmdlet, the parameter and the file to edit, whenever help is incomplete or stale.</summary>
    public class HelpValidatorTests
    {
        [Fact]
        public void Complete_sources_build_without_problems_and_write_maml_and_the_about_topic()
        {
            using var help = new FixtureHelp();

            var result = help.Build();

            Assert.Empty(result.Problems);
            Assert.True(File.Exists(Path.Combine(help.Output, Path.GetFileName(FixtureHelp.FixtureAssembly) + "-Help.xml")));
            Assert.True(File.Exists(Path.Combine(help.Output, "about_HelpFixture.help.txt")));
        }

        [Fact]
        public void A_parameter_without_text_fails_and_names_cmdlet_parameter_and_files()
        {
            using var help = new FixtureHelp();
            help.Edit("Test-HelpFixture.md", "How many times (fixture text for Count).", "");

            var result = help.Build();

            Assert.False(result.Succeeded);
            Assert.Empty(result.WrittenFiles);
            Assert.Equal(
                "Test-HelpFixture: parameter -Count has no description (add '### -Count' under '## Parameters' in Test-HelpFixture.md or in _SharedParameters.md).",
                FixtureHelp.Single(result, "-Count"));
            Assert.False(Directory.Exists(help.Output));
        }

        [Fact]
        public void Shared_text_describes_a_parameter_the_cmdlet_file_leaves_out_and_its_absence_fails()
        {
            using var help = new FixtureHelp();
            File.Delete(Path.Combine(help.Source, HelpBuild.SharedParametersFile));

            var result = help.Build();

            Assert.Contains("parameter -Region has no description", Assert.Single(result.Problems));
        }

        [Fact]
        public void Help_for_a_parameter_the_cmdlet_does_not_have_fails()
        {
            using var help = new FixtureHelp();
            help.Edit("Test-HelpFixture.md", "### -Count", "### -Times");

            var result = help.Build();

            Assert.Contains("Test-HelpFixture: Test-HelpFixture.md describes -Times, but the cmdlet has no such parameter.", result.Problems);
            Assert.Contains(result.Problems, p => p.Contains("parameter -Count has no description"));
        }

        [Fact]
        public void Shared_text_for_a_parameter_no_cmdlet_has_fails()
        {
            using var help = new FixtureHelp();
            help.Edit(HelpBuild.SharedParametersFile, "### -Region", "### -Region\n\nx\n\n### -Zone");

            Assert.Contains("_SharedParameters.md: no cmdlet has a parameter -Zone; remove its description.", help.Build().Problems);
        }

        [Theory]
        [InlineData("Greets the named things, a fixture synopsis.", "the synopsis is empty")]
        [InlineData("The fixture description's first paragraph,\nwritten over two lines.\n\n- a list item that says **bold** things\n- a [link to the docs](https://example.com/docs) and a [command link](Get-Nothing.md)\n\n```powershell\nTest-HelpFixture -Name code-in-description\n```", "the description is empty")]
        public void An_empty_synopsis_or_description_fails(string text, string expected)
        {
            using var help = new FixtureHelp();
            help.Edit("Test-HelpFixture.md", text, "");

            Assert.Contains("Test-HelpFixture: " + expected, Assert.Single(help.Build().Problems));
        }

        [Fact]
        public void A_cmdlet_without_examples_fails()
        {
            using var help = new FixtureHelp();
            var text = File.ReadAllText(help.CommandSource);
            var start = text.IndexOf("## Examples", System.StringComparison.Ordinal);
            var end = text.IndexOf("## Parameters", System.StringComparison.Ordinal);
            File.WriteAllText(help.CommandSource, text.Remove(start, end - start));

            Assert.Contains("Test-HelpFixture: there is no example", Assert.Single(help.Build().Problems));
        }

        [Fact]
        public void An_example_without_exactly_one_code_block_fails()
        {
            using var help = new FixtureHelp();
            help.Edit("Test-HelpFixture.md", "The first example's remark.", "```powershell\nTest-HelpFixture -Name two\n```");

            Assert.Equal(
                "Test-HelpFixture.md: example 'Example 1: Greet one thing' must have exactly one fenced code block (it has 2).",
                Assert.Single(help.Build().Problems));
        }

        [Fact]
        public void A_cmdlet_without_a_source_and_a_source_without_a_cmdlet_both_fail()
        {
            using var help = new FixtureHelp();
            File.Move(help.CommandSource, Path.Combine(help.Source, "Test-HelpFixtures.md"));
            help.Edit("Test-HelpFixtures.md", "# Test-HelpFixture\n", "# Test-HelpFixtures\n");

            var problems = help.Build().Problems;

            Assert.Contains("Test-HelpFixture: no help source; create Test-HelpFixture.md (sections: Synopsis, Description, Examples, Parameters).", problems);
            Assert.Contains("Test-HelpFixtures.md: the module has no cmdlet Test-HelpFixtures; rename or remove the file.", problems);
        }

        [Fact]
        public void A_misspelt_section_or_a_title_that_is_not_the_file_name_fails()
        {
            using var help = new FixtureHelp();
            help.Edit("Test-HelpFixture.md", "## Notes", "## Note");
            help.Edit("Test-HelpFixture.md", "# Test-HelpFixture\n", "# Test-Fixture\n");

            var problems = help.Build().Problems;

            Assert.Contains(problems, p => p.StartsWith("Test-HelpFixture.md: unknown section '## Note'", System.StringComparison.Ordinal));
            Assert.Contains("Test-HelpFixture.md: the first heading must be '# Test-HelpFixture' (the file name is the cmdlet name).", problems);
        }

        [Fact]
        public void An_about_topic_without_its_short_description_fails()
        {
            using var help = new FixtureHelp();
            help.Edit("about_HelpFixture.md", "The fixture's about topic.", "");

            Assert.Equal("about_HelpFixture.md: the section '## Short description' is missing or empty.", Assert.Single(help.Build().Problems));
        }
    }
}
