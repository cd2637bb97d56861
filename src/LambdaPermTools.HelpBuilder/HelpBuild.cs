using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using LambdaPermTools.HelpBuilder.Markdown;
using LambdaPermTools.HelpBuilder.Metadata;
using LambdaPermTools.HelpBuilder.Output;

namespace LambdaPermTools.HelpBuilder
{
    /// <summary>What one run produced: the files written, or (and then nothing is written) every problem found.</summary>
    public sealed record HelpBuildResult(IReadOnlyList<string> Problems, IReadOnlyList<string> WrittenFiles)
    {
        public bool Succeeded => Problems.Count == 0;
    }

    /// <summary>
    /// One run of the generator. The source folder holds one "Verb-Noun.md" per cmdlet, "about_*.md" topics,
    /// optionally "_SharedParameters.md" (parameter texts several cmdlets share) and a README.md for editors.
    /// </summary>
    public static class HelpBuild
    {
        public const string SharedParametersFile = "_SharedParameters.md";
        private const string EditorsReadme = "README.md";

        public static HelpBuildResult Run(string assemblyPath, string sourceFolder, string outputFolder, IEnumerable<string>? extraReferences = null)
        {
            if (!Directory.Exists(sourceFolder))
            {
                throw new HelpBuildException($"The help source folder '{Path.GetFullPath(sourceFolder)}' does not exist.");
            }

            var problems = new List<string>();
            var commands = CmdletReflector.Read(assemblyPath, extraReferences);
            var files = Directory.EnumerateFiles(sourceFolder, "*.md").OrderBy(f => f, StringComparer.Ordinal).ToList();
            var sharedPath = files.FirstOrDefault(f => Path.GetFileName(f) == SharedParametersFile);
            var shared = sharedPath == null ? SharedParameters.None : CommandHelpParser.ParseShared(sharedPath, File.ReadAllText(sharedPath), problems);
            var about = files.Where(f => Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                .Select(f => (Name: Path.GetFileNameWithoutExtension(f) + ".help.txt", Text: AboutTopicWriter.Write(f, File.ReadAllText(f), problems)))
                .ToList();
            var help = files.Where(f => IsCommandSource(Path.GetFileName(f)))
                .Select(f => CommandHelpParser.Parse(f, File.ReadAllText(f), problems))
                .ToList();
            problems.AddRange(HelpValidator.Check(commands, help, shared));
            if (problems.Count > 0)
            {
                return new HelpBuildResult(problems, Array.Empty<string>());
            }

            Directory.CreateDirectory(outputFolder);
            var written = new List<string>();
            var mamlPath = Path.Combine(outputFolder, Path.GetFileName(assemblyPath) + "-Help.xml");
            var pairs = commands.Select(c => (c, help.Single(h => string.Equals(h.Name, c.Name, StringComparison.OrdinalIgnoreCase))));
            MamlWriter.Write(pairs, shared).Save(mamlPath);
            written.Add(mamlPath);
            foreach (var topic in about)
            {
                var path = Path.Combine(outputFolder, topic.Name);
                File.WriteAllText(path, topic.Text, new UTF8Encoding(false));
                written.Add(path);
            }

            return new HelpBuildResult(problems, written);
        }

        private static bool IsCommandSource(string fileName) =>
            fileName != SharedParametersFile
            && fileName != EditorsReadme
            && !fileName.StartsWith("about_", StringComparison.OrdinalIgnoreCase);
    }
}
