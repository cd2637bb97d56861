using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// How the module's dependencies load, decided once at import, before any cmdlet or other module type runs.
    /// - Windows PowerShell 5.1 (.NET Framework): no binding redirects exist for a module, and the shipped polyfills
    ///   reference each other at older versions (System.Memory asks for Unsafe 4.0.4.1, the module ships 6.0.0.0), so an
    ///   AppDomain.AssemblyResolve handler maps each failed request to the copy the module ships (<see cref="ShippedAssemblies"/>).
    ///   AWSSDK.Core (dependencies/) cannot be isolated there: if AWS Tools V5 loaded its 4.0.x first, that copy serves both.
    /// - PowerShell 7: nothing here. The runtime's own assemblies serve the polyfills, and AWSSDK.Core loads into the private
    ///   load context of LambdaPermTools.Aws.Loader (see LambdaPermTools.Aws Credentials/SdkBridgeLoader.cs).
    /// </summary>
    public sealed class ModuleLoadPlan : IModuleAssemblyInitializer
    {
        private static int _registered;
        private static Lazy<ShippedAssemblies>? _shipped;

        public void OnImport()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                return;
            }
            // Import-Module -Force runs this again in the same AppDomain; one handler is enough.
            if (Interlocked.Exchange(ref _registered, 1) == 1)
            {
                return;
            }

            string directory = Path.GetDirectoryName(typeof(ModuleLoadPlan).Assembly.Location) ?? ".";
            _shipped = new Lazy<ShippedAssemblies>(() => ShippedAssemblies.Read(directory), LazyThreadSafetyMode.ExecutionAndPublication);
            AppDomain.CurrentDomain.AssemblyResolve += ResolveShipped;
        }

        private static Assembly? ResolveShipped(object? sender, ResolveEventArgs args)
        {
            string? path = _shipped?.Value.PathFor(new AssemblyName(args.Name));
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
