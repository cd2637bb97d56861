using System;
using System.IO;
using System.Linq;

namespace LambdaPermTools.HelpBuilder.Tests.TestSupport
{
    /// <summary>A private copy of the fixture help sources that a test may change, and a folder for the output; both deleted afterwards.</summary>
    public sealed class FixtureHelp : IDisposable
    {
        public FixtureHelp()
        {
            Root = Path.Combine(Path.GetTempPath(), "helpbuilder-" + Guid.NewGuid().ToString("N"));
            Source = Path.Combine(Root, "help");
            Output = Path.Combine(Root, "en-US");
            Directory.CreateDirectory(Source);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "help")))
            {
                File.Copy(file, Path.Combine(Source, Path.GetFileName(file)));
            }
        }

        /// <summary>The test assembly: it carries the fixture cmdlet Test-HelpFixture.</summary>
        public static string FixtureAssembly => typeof(Fixtures.TestHelpFixtureCommand).Assembly.Location;

        public string Root { get; }
        public string Source { get; }
        public string Output { get; }

        public string CommandSource => Path.Combine(Source, "Test-HelpFixture.md");

        /// <summary>Replaces text in one source file (the change must apply, or the test would prove nothing).</summary>
        public void Edit(string fileName, string oldText, string newText)
        {
            var path = Path.Combine(Source, fileName);
            var text = File.ReadAllText(path);
            Assert.Contains(oldText, text);
            File.WriteAllText(path, text.Replace(oldText, newText));
        }

        public HelpBuildResult Build() => HelpBuild.Run(FixtureAssembly, Source, Output);

        public void Dispose()
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }

        public static string Single(HelpBuildResult result, string containing) =>
            result.Problems.Single(p => p.Contains(containing, StringComparison.Ordinal));
    }
}
