using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// The assemblies the module ships (its own folder, then dependencies/) and the rule that answers a failed bind on
    /// .NET Framework, where a module gets no binding redirects: a request is mapped by simple name to the shipped copy
    /// whenever that copy is at least the version asked for (what a binding redirect would do). Never to an older copy,
    /// and never across an AWSSDK major version: AWS Tools V4 asking for its AWSSDK.Core 3.x must not get our 4.x.
    /// Pure apart from reading assembly names from disk, so the closure test runs the very rule the module uses.
    /// </summary>
    internal sealed class ShippedAssemblies
    {
        internal const string DependenciesFolder = "dependencies";
        private const string SdkPrefix = "AWSSDK.";

        private readonly Dictionary<string, (Version Version, string Path)> _byName;

        private ShippedAssemblies(Dictionary<string, (Version Version, string Path)> byName) => _byName = byName;

        /// <summary>Reads the names (not the code) of every dll in <paramref name="moduleDirectory"/> and its dependencies/.</summary>
        public static ShippedAssemblies Read(string moduleDirectory)
        {
            var byName = new Dictionary<string, (Version Version, string Path)>(StringComparer.OrdinalIgnoreCase);
            foreach (string directory in new[] { moduleDirectory, Path.Combine(moduleDirectory, DependenciesFolder) })
            {
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                foreach (string path in Directory.GetFiles(directory, "*.dll"))
                {
                    AssemblyName name = AssemblyName.GetAssemblyName(path);
                    if (!byName.ContainsKey(name.Name!))
                    {
                        byName[name.Name!] = (name.Version ?? new Version(0, 0, 0, 0), path);
                    }
                }
            }
            return new ShippedAssemblies(byName);
        }

        /// <summary>The file that answers a request for <paramref name="requested"/>, or null to let other resolvers answer.</summary>
        public string? PathFor(AssemblyName requested)
        {
            if (requested.Name == null || !_byName.TryGetValue(requested.Name, out var shipped))
            {
                return null;
            }

            Version? asked = requested.Version;
            if (asked == null)
            {
                return shipped.Path;
            }

            if (asked > shipped.Version)
            {
                return null;
            }

            if (requested.Name.StartsWith(SdkPrefix, StringComparison.OrdinalIgnoreCase) && asked.Major != shipped.Version.Major)
            {
                return null;
            }

            return shipped.Path;
        }
    }
}
