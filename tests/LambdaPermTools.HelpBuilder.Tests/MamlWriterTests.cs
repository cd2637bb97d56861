using System.IO;
using System.Linq;
using System.Xml.Linq;
using LambdaPermTools.HelpBuilder.Tests.TestSupport;

namespace LambdaPermTools.HelpBuilder.Tests
{
    /// <summary>The structure of the MAML file; what Get-Help makes of it is in <see cref="GetHelpReadsGeneratedHelpTests"/>.</summary>
    public class MamlWriterTests
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private static XElement BuildFixture()
        {
            using var help = new FixtureHelp();
            Assert.Empty(help.Build().Problems);
            var document = XDocument.Load(Path.Combine(help.Output, Path.GetFileName(FixtureHelp.FixtureAssembly) + "-Help.xml"));
            Assert.Equal(Msh + "helpItems", document.Root!.Name);
            Assert.Equal("maml", document.Root.Attribute("schema")!.Value);
            return Assert.Single(document.Root.Elements(Command + "command"), c => c.Element(Command + "details")!.Element(Command + "name")!.Value == "Test-HelpFixture");
        }

        [Fact]
        public void Details_carry_name_verb_noun_and_the_synopsis()
        {
            var details = BuildFixture().Element(Command + "details")!;

            Assert.Equal("Test-HelpFixture", details.Element(Command + "name")!.Value);
            Assert.Equal(("Test", "HelpFixture"), (details.Element(Command + "verb")!.Value, details.Element(Command + "noun")!.Value));
            Assert.Equal("Greets the named things, a fixture synopsis.", details.Element(Maml + "description")!.Value);
        }

        [Fact]
        public void One_syntax_item_per_parameter_set_with_that_sets_parameters_and_the_should_process_switches()
        {
            var items = BuildFixture().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();

            var names = items.Select(i => i.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToArray()).ToList();
            Assert.Equal(new[] { "All", "Count", "Region", "WhatIf", "Confirm" }, names[0]);
            Assert.Equal(new[] { "Name", "Count", "Region", "WhatIf", "Confirm" }, names[1]);
        }

        [Fact]
        public void A_switch_has_no_value_in_the_syntax_and_a_positional_parameter_has_its_position()
        {
            var items = BuildFixture().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
            var all = items[0].Elements(Command + "parameter").First();
            var name = items[1].Elements(Command + "parameter").First();

            Assert.Equal(("true", "0", "True (ByPropertyName)", "Id, Key"), (name.Attribute("required")!.Value, name.Attribute("position")!.Value, name.Attribute("pipelineInput")!.Value, name.Attribute("aliases")!.Value));
            Assert.Equal("String[]", name.Element(Command + "parameterValue")!.Value);
            Assert.Null(all.Element(Command + "parameterValue"));
        }

        [Fact]
        public void The_parameter_list_merges_sets_and_takes_shared_and_standard_texts()
        {
            var parameters = BuildFixture().Element(Command + "parameters")!.Elements(Command + "parameter")
                .ToDictionary(p => p.Element(Maml + "name")!.Value);

            Assert.Equal(new[] { "Name", "All", "Count", "Region", "WhatIf", "Confirm" }, parameters.Keys);
            Assert.Equal(("false", "named", "True (ByValue)"), (parameters["Count"].Attribute("required")!.Value, parameters["Count"].Attribute("position")!.Value, parameters["Count"].Attribute("pipelineInput")!.Value));
            Assert.Equal("The region to call (shared fixture text for Region).", parameters["Region"].Element(Maml + "description")!.Value);
            Assert.Equal("Shows what would happen if the cmdlet runs. The cmdlet is not run.", parameters["WhatIf"].Element(Maml + "description")!.Value);
            Assert.Equal("System.Int32", parameters["Count"].Element(Dev + "type")!.Element(Maml + "name")!.Value);
        }

        [Fact]
        public void Description_paragraphs_list_items_and_code_become_separate_paragraphs()
        {
            var paragraphs = BuildFixture().Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value);

            Assert.Equal(
                new[]
                {
                    "The fixture description's first paragraph, written over two lines.",
                    "- a list item that says bold things",
                    "- a link to the docs (https://example.com/docs) and a command link",
                    "    Test-HelpFixture -Name code-in-description",
                },
                paragraphs);
        }

        [Fact]
        public void Examples_are_numbered_and_keep_code_and_remarks_apart()
        {
            var examples = BuildFixture().Element(Command + "examples")!.Elements(Command + "example").ToList();

            Assert.Equal("---------- Example 1: Greet one thing ----------", examples[0].Element(Maml + "title")!.Value);
            Assert.Equal("---------- Example 2: Greet every thing ----------", examples[1].Element(Maml + "title")!.Value);
            Assert.Equal("Test-HelpFixture -Name one", examples[0].Element(Dev + "code")!.Value);
            Assert.Equal("The first example's remark.", examples[0].Element(Dev + "remarks")!.Value);
        }

        [Fact]
        public void Types_notes_and_links_are_written()
        {
            var command = BuildFixture();

            Assert.Equal("System.String", command.Element(Command + "inputTypes")!.Element(Command + "inputType")!.Element(Dev + "type")!.Value);
            Assert.Equal("One greeting per name.", command.Element(Command + "returnValues")!.Element(Command + "returnValue")!.Element(Maml + "description")!.Value);
            Assert.Equal("A fixture note.", command.Element(Maml + "alertSet")!.Value);
            var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value));
            Assert.Equal(new[] { ("Get-Nothing", ""), ("Fixture docs", "https://example.com/fixture") }, links);
        }
    }
}
