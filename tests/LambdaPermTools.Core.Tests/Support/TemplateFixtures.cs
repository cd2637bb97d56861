using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>The template fixtures in tests/Fixtures/Templates, each with its expected findings (<c>name.expected.json</c>).</summary>
    internal static class TemplateFixtures
    {
        public static string Directory
        {
            get
            {
                var root = System.AppContext.BaseDirectory;
                while (!File.Exists(Path.Combine(root, "LambdaPermTools.sln")))
                {
                    root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
                }

                return Path.Combine(root, "tests", "Fixtures", "Templates");
            }
        }

        public static string PathOf(string name) => Path.Combine(Directory, name);

        public static string Read(string name) => File.ReadAllText(PathOf(name));

        /// <summary>Every fixture that has expected findings.</summary>
        public static IEnumerable<object[]> WithExpectations() =>
            System.IO.Directory.GetFiles(Directory, "*.expected.json").Select(f => Path.GetFileName(f).Replace(".expected.json", ""))
                .Select(stem => System.IO.Directory.GetFiles(Directory, stem + ".*").Select(Path.GetFileName).Single(n => !n!.EndsWith(".expected.json")))
                .OrderBy(n => n).Select(n => new object[] { n! });
    }
}
