using System.Linq;
using LambdaPermTools.HelpBuilder.Metadata;
using LambdaPermTools.HelpBuilder.Tests.TestSupport;

namespace LambdaPermTools.HelpBuilder.Tests
{
    public class CmdletReflectorTests
    {
        private static CommandMetadata Fixture() =>
            Assert.Single(CmdletReflector.Read(FixtureHelp.FixtureAssembly), c => c.Name == "Test-HelpFixture");

        [Fact]
        public void Reads_the_cmdlet_name_verb_noun_should_process_and_output_type()
        {
            var command = Fixture();

            Assert.Equal(("Test", "HelpFixture", true), (command.Verb, command.Noun, command.SupportsShouldProcess));
            Assert.Equal(new[] { "System.String" }, command.OutputTypes);
        }

        [Fact]
        public void Reads_declared_and_inherited_parameters_but_not_plain_properties()
        {
            var names = Fixture().Parameters.Select(p => p.Name).OrderBy(n => n);

            Assert.Equal(new[] { "All", "Count", "Name", "Region" }, names);
        }

        [Fact]
        public void Reads_sets_positions_mandatory_pipeline_input_and_aliases()
        {
            var name = Fixture().Parameters.Single(p => p.Name == "Name");

            var set = Assert.Single(name.Sets);
            Assert.Equal(new ParameterSetMetadata("ByName", true, 0, false, true), set);
            Assert.Equal(new[] { "Id", "Key" }, name.Aliases);
            Assert.Equal(("System.String[]", "String[]", false), (name.TypeFullName, name.TypeDisplayName, name.IsSwitch));
        }

        [Fact]
        public void A_parameter_in_two_sets_keeps_both_and_a_nullable_shows_its_underlying_type()
        {
            var count = Fixture().Parameters.Single(p => p.Name == "Count");

            Assert.Equal(new[] { "ByName", "All" }, count.Sets.Select(s => s.SetName));
            Assert.True(count.FromPipelineByValue);
            Assert.Null(count.CommonPosition);
            Assert.Equal(("System.Int32", "Int32"), (count.TypeFullName, count.TypeDisplayName));
        }

        [Fact]
        public void Recognises_switches_and_parameters_in_every_set()
        {
            var command = Fixture();

            Assert.True(command.Parameters.Single(p => p.Name == "All").IsSwitch);
            Assert.Equal(ParameterSetMetadata.AllSets, command.Parameters.Single(p => p.Name == "Region").Sets.Single().SetName);
        }

        [Fact]
        public void Syntax_shows_the_default_set_first_else_the_set_with_a_positional_parameter()
        {
            var commands = CmdletReflector.Read(FixtureHelp.FixtureAssembly);

            Assert.Equal(new[] { "All", "ByName" }, commands.Single(c => c.Name == "Test-HelpFixture").ParameterSetNames);
            Assert.Equal(new[] { "ById", "ByObject" }, commands.Single(c => c.Name == "Get-HelpFixture").ParameterSetNames);
        }

        [Fact]
        public void A_missing_assembly_is_a_clear_error()
        {
            var error = Assert.Throws<HelpBuildException>(() => CmdletReflector.Read("/nonexistent/Module.dll"));

            Assert.Contains("Build the module before generating its help", error.Message);
        }
    }
}
