using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Closure.Tests
{
    /// <summary>
    /// The built module (out/LambdaPermTools) as Windows PowerShell 5.1 would bind it, checked by metadata: nothing here
    /// runs on .NET Framework, so this proves the shipped set is closed and every version mismatch is one the module's
    /// resolver answers, not that .NET Framework's binder behaves as documented.
    /// </summary>
    public class ClosureTests
    {
        private const string Unsafe = "System.Runtime.CompilerServices.Unsafe";
        private static readonly System.Collections.Generic.IReadOnlyDictionary<string, Version> Framework =
            NetFramework472.Assemblies(ModuleFolder.NuGetPackageRoot);

        [Fact]
        public void EveryReferenceOfTheBuiltModuleResolvesOnNetFramework472()
        {
            ClosureReport report = ClosureChecker.Check(ModuleFolder.Built, Framework);

            Assert.True(report.Problems.Count == 0, string.Join(Environment.NewLine, report.Problems));
            // Only the PowerShell 7 load-context helper is exempt, and it really is .NET-only.
            Assert.Equal(new[] { "LambdaPermTools.Aws.Loader" }, report.NetCoreOnly);
        }

        [Fact]
        public void TheBuiltRootAssemblyHandsItsLoadPlanToPowerShellAtImport()
        {
            // PowerShell calls OnImport on each public IModuleAssemblyInitializer of the root module assembly.
            using var stream = File.OpenRead(Path.Combine(ModuleFolder.Built, "LambdaPermTools.dll"));
            using var pe = new PEReader(stream);
            MetadataReader metadata = pe.GetMetadataReader();
            var initializers = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
                .Where(type => (type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
                .Where(type => type.GetInterfaceImplementations()
                    .Select(handle => metadata.GetInterfaceImplementation(handle).Interface)
                    .Any(iface => iface.Kind == HandleKind.TypeReference && IsModuleInitializer(metadata, metadata.GetTypeReference((TypeReferenceHandle)iface))))
                .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name));

            Assert.Equal(new[] { "LambdaPermTools.Hosting.ModuleLoadPlan" }, initializers);
        }

        private static bool IsModuleInitializer(MetadataReader metadata, TypeReference type) =>
            metadata.GetString(type.Namespace) == "System.Management.Automation" && metadata.GetString(type.Name) == "IModuleAssemblyInitializer";

        [Fact]
        public void TheMismatchesTheIssueNamedAreAnsweredByTheLoadPlan()
        {
            ClosureReport report = ClosureChecker.Check(ModuleFolder.Built, Framework);

            Assert.Contains($"System.Threading.Tasks.Extensions -> {Unsafe} 4.0.4.1 (ships 6.0.0.0)", report.Redirected);
            Assert.Contains("AWSSDK.Core -> System.Formats.Asn1 6.0.0.0 (ships 10.0.0.0)", report.Redirected);
        }

        [Fact]
        public void AnOlderCopyOfAShippedDependencyIsReportedAndNothingElse()
        {
            string module = ModuleFolder.CopyToTemp();
            try
            {
                string older = Path.Combine(ModuleFolder.NuGetPackageRoot, "system.runtime.compilerservices.unsafe/4.5.3/lib/netstandard2.0", Unsafe + ".dll");
                Assert.Equal(new Version(4, 0, 4, 1), AssemblyName.GetAssemblyName(older).Version);
                File.Copy(older, Path.Combine(module, Unsafe + ".dll"), overwrite: true);
                File.Copy(older, Path.Combine(module, "dependencies", Unsafe + ".dll"), overwrite: true);

                ClosureReport report = ClosureChecker.Check(module, Framework);

                Assert.NotEmpty(report.Problems);
                Assert.All(report.Problems, p =>
                {
                    Assert.Equal(ClosureProblemKind.NotResolved, p.Kind);
                    Assert.Equal(Unsafe, p.Dependency);
                });
                // The first JSON parse would have failed: System.Text.Json asks for Unsafe 6.0.0.0.
                Assert.Contains(report.Problems, p => p.Assembly == "System.Text.Json" && p.Message.Contains($"{Unsafe} 6.0.0.0", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(module, recursive: true);
            }
        }

        [Fact]
        public void AMissingDependencyIsReportedAsExactlyThatOneProblem()
        {
            string module = ModuleFolder.CopyToTemp();
            try
            {
                File.Delete(Path.Combine(module, "dependencies", "System.Formats.Asn1.dll"));

                ClosureReport report = ClosureChecker.Check(module, Framework);

                ClosureProblem problem = Assert.Single(report.Problems);
                Assert.Equal(ClosureProblemKind.Missing, problem.Kind);
                Assert.Equal("AWSSDK.Core", problem.Assembly);
                Assert.Equal("System.Formats.Asn1", problem.Dependency);
            }
            finally
            {
                Directory.Delete(module, recursive: true);
            }
        }

        [Fact]
        public void TwoDifferentCopiesOfOneDependencyAreReported()
        {
            string module = ModuleFolder.CopyToTemp();
            try
            {
                string older = Path.Combine(ModuleFolder.NuGetPackageRoot, "system.runtime.compilerservices.unsafe/4.5.3/lib/netstandard2.0", Unsafe + ".dll");
                File.Copy(older, Path.Combine(module, "dependencies", Unsafe + ".dll"), overwrite: true);

                ClosureReport report = ClosureChecker.Check(module, Framework);

                ClosureProblem problem = Assert.Single(report.Problems);
                Assert.Equal(ClosureProblemKind.TwoVersions, problem.Kind);
                Assert.Equal(Unsafe, problem.Dependency);
            }
            finally
            {
                Directory.Delete(module, recursive: true);
            }
        }

        [Fact]
        public void TheLoadPlanNeverHandsOutAnOlderCopyOrAnotherAwsSdkMajor()
        {
            string module = ModuleFolder.Built;
            ShippedAssemblies rule = ShippedAssemblies.Read(module);

            // The module folder's copy answers even though dependencies/ holds an identical one.
            Assert.Equal(Path.Combine(module, Unsafe + ".dll"), rule.PathFor(new AssemblyName($"{Unsafe}, Version=4.0.4.1")));
            Assert.Null(rule.PathFor(new AssemblyName($"{Unsafe}, Version=7.0.0.0")));
            // AWS Tools V4 asks for AWSSDK.Core 3.3.0.0: never ours. Our own 4.0.0.0 requests are.
            Assert.Null(rule.PathFor(new AssemblyName("AWSSDK.Core, Version=3.3.0.0")));
            Assert.Equal(Path.Combine(module, "dependencies", "AWSSDK.Core.dll"), rule.PathFor(new AssemblyName("AWSSDK.Core, Version=4.0.0.0")));
            Assert.Null(rule.PathFor(new AssemblyName("Newtonsoft.Json, Version=13.0.0.0")));
        }

        [Fact]
        public void AMissingBuildFailsWithWhatToRun()
        {
            string nowhere = Path.Combine(Path.GetTempPath(), "lpt-closure-" + Guid.NewGuid().ToString("N"));
            var error = Assert.Throws<InvalidOperationException>(() => ModuleFolder.Require(nowhere));
            Assert.Contains("build.ps1 Build", error.Message, StringComparison.Ordinal);
        }
    }
}
