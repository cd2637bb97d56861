using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace LambdaPermTools.Closure.Tests
{
    /// <summary>
    /// What a Windows PowerShell 5.1 process offers without the module shipping it: the .NET Framework 4.7.2 assemblies and
    /// facades (the manifest's DotNetFrameworkVersion; netstandard.dll is among the facades), by name and version, read from
    /// Microsoft's reference-assembly package, plus PowerShell's own System.Management.Automation.
    /// </summary>
    internal static class NetFramework472
    {
        private const string Package = "microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2";

        public static IReadOnlyDictionary<string, Version> Assemblies(string nugetPackageRoot)
        {
            string directory = Path.Combine(nugetPackageRoot, Package);
            if (!Directory.Exists(directory))
            {
                throw new InvalidOperationException($"{directory} is missing: restore tests/LambdaPermTools.Closure.Tests (it downloads the package).");
            }

            var names = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase)
            {
                // The host: Windows PowerShell 5.1 carries System.Management.Automation 3.0.0.0.
                ["System.Management.Automation"] = new Version(3, 0, 0, 0),
            };
            foreach (string folder in new[] { directory, Path.Combine(directory, "Facades") })
            {
                foreach (string path in Directory.GetFiles(folder, "*.dll"))
                {
                    AssemblyName name;
                    try
                    {
                        name = AssemblyName.GetAssemblyName(path);
                    }
                    catch (BadImageFormatException)
                    {
                        continue; // two native/module images of System.EnterpriseServices: nothing references them by name
                    }
                    names[name.Name!] = name.Version!;
                }
            }

            return names;
        }
    }
}
