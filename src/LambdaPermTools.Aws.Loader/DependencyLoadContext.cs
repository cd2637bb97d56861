using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace LambdaPermTools.Aws.Loader
{
    /// <summary>
    /// A load context for the module's dependencies/ folder: it loads our private copies (AWSSDK.*, the bridge) and
    /// leaves framework assemblies and LambdaPermTools.* to the default context, so the bridge shares the port
    /// interfaces with the module while its AWSSDK.Core never meets the one AWS Tools loaded.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly Dictionary<string, DependencyLoadContext> Contexts = new(StringComparer.Ordinal);
        private static readonly HashSet<string> FrameworkAssemblies = ReadFrameworkAssemblies();
        private readonly string _directory;

        private DependencyLoadContext(string directory) : base("LambdaPermTools.Aws.Dependencies") => _directory = directory;

        /// <summary>Loads <paramref name="assemblyName"/> from <paramref name="directory"/> in that folder's context (one per folder).</summary>
        public static Assembly LoadIsolated(string directory, string assemblyName)
        {
            DependencyLoadContext context;
            lock (Contexts)
            {
                if (!Contexts.TryGetValue(directory, out context!))
                {
                    Contexts[directory] = context = new DependencyLoadContext(directory);
                }
            }
            return context.LoadFromAssemblyName(new AssemblyName(assemblyName));
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string name = assemblyName.Name ?? "";
            if (FrameworkAssemblies.Contains(name) || (name.StartsWith("LambdaPermTools.", StringComparison.Ordinal) && name != "LambdaPermTools.Aws.Sdk"))
            {
                return null;
            }

            string file = Path.Combine(_directory, name + ".dll");
            return File.Exists(file) ? LoadFromAssemblyPath(file) : null;
        }

        /// <summary>Names of the runtime's own assemblies (the folder of System.Private.CoreLib): always shared, so types like Span or JsonDocument keep one identity.</summary>
        private static HashSet<string> ReadFrameworkAssemblies()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            string? runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
            if (runtimeDirectory != null)
            {
                foreach (string path in Directory.EnumerateFiles(runtimeDirectory, "*.dll"))
                {
                    names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }

            return names;
        }
    }
}
