using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Closure.Tests
{
    /// <summary>
    /// Would every assembly reference of the module resolve on Windows PowerShell 5.1 (.NET Framework 4.7.2, no binding
    /// redirects)? A reference must be provided by the framework or PowerShell at that version or later, or be a name the
    /// module ships, in which case the module's own resolver rule (<see cref="ShippedAssemblies"/>, the code ModuleLoadPlan
    /// registers at import) must hand out the shipped copy. Reads metadata only; nothing is loaded.
    /// </summary>
    internal static class ClosureChecker
    {
        public static ClosureReport Check(string moduleDirectory, IReadOnlyDictionary<string, Version> framework)
        {
            var files = new[] { moduleDirectory, Path.Combine(moduleDirectory, ShippedAssemblies.DependenciesFolder) }
                .Where(Directory.Exists)
                .SelectMany(directory => Directory.GetFiles(directory, "*.dll").OrderBy(path => path, StringComparer.Ordinal))
                .Select(ShippedFile.Read)
                .ToList();
            var shipped = files.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
            ShippedAssemblies rule = ShippedAssemblies.Read(moduleDirectory);
            var report = new ClosureReport();

            foreach (var copies in shipped.Values.Where(c => c.Select(f => f.Version).Distinct().Count() > 1))
            {
                string versions = string.Join(" and ", copies.Select(f => $"{f.Version} ({Path.GetRelativePath(moduleDirectory, f.Path)})"));
                report.Problems.Add(new ClosureProblem(ClosureProblemKind.TwoVersions, copies[0].Name, copies[0].Name,
                    $"{copies[0].Name} ships in two versions: {versions}"));
            }

            foreach (ShippedFile file in files)
            {
                if (file.IsNetCoreOnly)
                {
                    report.NetCoreOnly.Add(file.Name);
                    continue;
                }
                foreach (AssemblyName reference in file.References)
                {
                    string name = reference.Name!;
                    Version asked = reference.Version ?? new Version(0, 0, 0, 0);
                    string edge = $"{file.Name} -> {name} {asked}";
                    if (shipped.TryGetValue(name, out var copies))
                    {
                        Version ships = copies[0].Version;
                        string? answer = rule.PathFor(reference);
                        if (answer == null)
                        {
                            report.Problems.Add(new ClosureProblem(ClosureProblemKind.NotResolved, file.Name, name,
                                $"{edge}: the module ships {ships}, and its load plan does not map this request to it"));
                        }
                        else if (asked != ships)
                        {
                            report.Redirected.Add($"{edge} (ships {ships})");
                        }
                    }
                    else if (!framework.TryGetValue(name, out Version? provided) || provided < asked)
                    {
                        string offered = provided == null ? "not part of .NET Framework 4.7.2 or PowerShell" : $".NET Framework 4.7.2 has only {provided}";
                        report.Problems.Add(new ClosureProblem(ClosureProblemKind.Missing, file.Name, name, $"{edge}: not shipped, and {offered}"));
                    }
                }
            }
            return report;
        }
    }
}
