using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using LambdaPermTools.HelpBuilder.Tests.TestSupport;

namespace LambdaPermTools.HelpBuilder.Tests
{
    /// <summary>
    /// The proof that the generated files are valid help: PowerShell's own Get-Help, hosted in-process, reads them
    /// for the fixture cmdlet. Get-Help looks for help beside the cmdlet's assembly, so the files go to the test
    /// assembly's en-US folder (one writer: this class).
    /// </summary>
    public sealed class GetHelpReadsGeneratedHelpTests : IClassFixture<GetHelpReadsGeneratedHelpTests.GeneratedBesideFixture>
    {
        private readonly GeneratedBesideFixture _generated;

        public GetHelpReadsGeneratedHelpTests(GeneratedBesideFixture generated)
        {
            _generated = generated;
        }

        public sealed class GeneratedBesideFixture : IDisposable
        {
            private readonly FixtureHelp _sources = new();

            public GeneratedBesideFixture()
            {
                Folder = Path.Combine(Path.GetDirectoryName(FixtureHelp.FixtureAssembly)!, "en-US");
                var result = HelpBuild.Run(FixtureHelp.FixtureAssembly, _sources.Source, Folder);
                Assert.Empty(result.Problems);
            }

            public string Folder { get; }

            public void Dispose()
            {
                _sources.Dispose();
                Directory.Delete(Folder, recursive: true);
            }
        }

        private static PSObject[] Run(string script)
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            using var shell = PowerShell.Create(InitialSessionState.CreateDefault2());
            shell.AddScript($"Import-Module '{FixtureHelp.FixtureAssembly}'\n{script}");
            var output = shell.Invoke().ToArray();
            Assert.False(shell.HadErrors, string.Join("\n", shell.Streams.Error.Select(e => e.ToString())));
            return output;
        }

        [Fact]
        public void Get_help_full_shows_synopsis_description_syntax_parameters_and_examples()
        {
            var text = (string)Run("Get-Help Test-HelpFixture -Full | Out-String -Width 200").Single().BaseObject;

            Assert.Contains("Greets the named things, a fixture synopsis.", text);
            Assert.Contains("The fixture description's first paragraph, written over two lines.", text);
            Assert.Contains("Test-HelpFixture [-Name] <String[]> [-Count <Int32>] [-Region <String>] [-WhatIf] [-Confirm] [<CommonParameters>]", text);
            Assert.Contains("Test-HelpFixture -All [-Count <Int32>] [-Region <String>] [-WhatIf] [-Confirm] [<CommonParameters>]", text);
            Assert.Contains("The names to greet (fixture text for Name).", text);
            Assert.Contains("The region to call (shared fixture text for Region).", text);
            Assert.Contains("Example 2: Greet every thing", text);
            Assert.Contains("Test-HelpFixture -All -Count 2", text);
        }

        [Fact]
        public void Get_help_returns_each_parameter_with_its_description_and_binding_facts()
        {
            var name = Run("(Get-Help Test-HelpFixture -Parameter Name)").Single();

            Assert.Equal("The names to greet (fixture text for Name).", Paragraphs(name.Properties["description"].Value));
            Assert.Equal("true", name.Properties["required"].Value);
            Assert.Equal("0", name.Properties["position"].Value);
            Assert.Equal("True (ByPropertyName)", name.Properties["pipelineInput"].Value);
            Assert.Equal("Id, Key", name.Properties["aliases"].Value);
        }

        [Fact]
        public void Get_help_examples_return_the_code_that_the_module_tests_run()
        {
            var codes = Run("(Get-Help Test-HelpFixture).examples.example | ForEach-Object code").Select(o => o.BaseObject);

            Assert.Equal(new object[] { "Test-HelpFixture -Name one", "Test-HelpFixture -All -Count 2" }, codes);
        }

        [Fact]
        public void Get_help_shows_the_about_topic()
        {
            var text = string.Join("\n", Run("Get-Help about_HelpFixture").Select(o => o.ToString()));

            Assert.Contains("SHORT DESCRIPTION", text);
            Assert.Contains("The fixture's about topic.", text);
            Assert.Contains("        Test-HelpFixture -Name in-about", text);
        }

        private static string Paragraphs(object value) =>
            string.Join("\n", ((PSObject[])value).Select(p => p.Properties["Text"].Value));
    }
}
