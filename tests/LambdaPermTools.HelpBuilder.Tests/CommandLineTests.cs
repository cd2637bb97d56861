using System.Diagnostics;
using System.IO;
using LambdaPermTools.HelpBuilder.Tests.TestSupport;

namespace LambdaPermTools.HelpBuilder.Tests
{
    /// <summary>The tool as the build runs it: its exit code and what it prints decide whether the build fails.</summary>
    public class CommandLineTests
    {
        private static (int ExitCode, string Output, string Error) RunTool(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(System.AppContext.BaseDirectory, "LambdaPermTools.HelpBuilder.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }

        [Fact]
        public void Writes_the_files_and_exits_0_when_help_is_complete()
        {
            using var help = new FixtureHelp();

            var run = RunTool("--assembly", FixtureHelp.FixtureAssembly, "--source", help.Source, "--output", help.Output);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Help written: ", run.Output);
            Assert.True(File.Exists(Path.Combine(help.Output, "about_HelpFixture.help.txt")));
        }

        [Fact]
        public void Exits_1_and_lists_every_problem_when_help_is_incomplete()
        {
            using var help = new FixtureHelp();
            help.Edit("Test-HelpFixture.md", "Greets everything (fixture text for All).", "");
            help.Edit("Test-HelpFixture.md", "Greets the named things, a fixture synopsis.", "");

            var run = RunTool("--assembly", FixtureHelp.FixtureAssembly, "--source", help.Source, "--output", help.Output);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Help is incomplete: 2 problem(s)", run.Error);
            Assert.Contains("  - Test-HelpFixture: parameter -All has no description", run.Error);
            Assert.Contains("  - Test-HelpFixture: the synopsis is empty", run.Error);
        }

        [Fact]
        public void Exits_2_with_usage_when_an_argument_is_missing()
        {
            var run = RunTool("--assembly", FixtureHelp.FixtureAssembly);

            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("Usage: LambdaPermTools.HelpBuilder --assembly", run.Error);
        }
    }
}
