using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace LambdaPermTools.Closure.Tests
{
    /// <summary>Where build.ps1 Build put the module, and the NuGet package root, as the test project was built with them.</summary>
    internal static class ModuleFolder
    {
        public static string Built => Require(Metadata("ModuleDirectory"));

        public static string NuGetPackageRoot => Metadata("NuGetPackageRoot");

        /// <summary><paramref name="directory"/> if it holds a built module; otherwise a failure that says how to build it.</summary>
        public static string Require(string directory)
        {
            if (!File.Exists(Path.Combine(directory, "LambdaPermTools.dll")))
            {
                throw new InvalidOperationException(
                    $"No built module in {directory}: run 'dotnet pwsh -NoProfile ./build.ps1 Build' first (build.ps1 Test does).");
            }

            return directory;
        }

        /// <summary>A copy of the built module in a new temporary folder, to break on purpose.</summary>
        public static string CopyToTemp()
        {
            string copy = Path.Combine(Path.GetTempPath(), "lpt-closure-" + Guid.NewGuid().ToString("N"));
            string source = Built;
            foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(copy, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            return copy;
        }

        private static string Metadata(string key) =>
            typeof(ModuleFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"The test assembly lacks its {key} metadata.");
    }
}
