using System;
using System.IO;
using System.Reflection;

namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>
    /// Loads the AWSSDK.Core bridge (LambdaPermTools.Aws.Sdk) from the module's private dependencies/ folder.
    ///
    /// Why isolation (docs/powershell-rules.md §14): AWS Tools V4 loads AWSSDK.Core 3.7.x (assembly 3.3.0.0) and V5
    /// loads 4.0.x (4.0.0.0) into the default load context, and whichever loads first wins for everybody. So AWSSDK.Core
    /// never sits next to our root module dll nor in RequiredAssemblies/NestedModules, and only the bridge references it.
    /// - PowerShell 7: a tiny net8.0 loader (LambdaPermTools.Aws.Loader, reached by reflection because this assembly is
    ///   netstandard2.0) creates a custom AssemblyLoadContext that loads our private copies of non-framework assemblies
    ///   from dependencies/ and shares everything else (framework, and this assembly, so ISdkBridge keeps one identity).
    ///   AWS Tools may be imported before or after us: neither side sees the other's AWSSDK.Core.
    /// - Windows PowerShell 5.1 has no load contexts: Assembly.LoadFrom; the bridge's dependencies resolve through the
    ///   module's load plan (LambdaPermTools Hosting/ModuleLoadPlan.cs, registered at import). There, if AWS Tools V5
    ///   already loaded an AWSSDK.Core 4.0.x, the first-loaded copy wins.
    /// Signing, endpoints, static and environment credentials never need the bridge; a missing bridge only matters for
    /// assumed-role/process/SSO/web-identity profiles and container/instance credentials.
    /// </summary>
    internal static class SdkBridgeLoader
    {
        internal const string BridgeAssembly = "LambdaPermTools.Aws.Sdk";
        internal const string BridgeType = "LambdaPermTools.Aws.Sdk.SdkBridge";
        internal const string LoaderAssembly = "LambdaPermTools.Aws.Loader";
        internal const string LoaderType = "LambdaPermTools.Aws.Loader.DependencyLoadContext";

        private static readonly object Gate = new object();
        private static ISdkBridge? _bridge;
        private static string? _loadedFrom;

        /// <summary>Why the last load failed, for error messages; null after success.</summary>
        public static string? LastFailure { get; private set; }

        /// <summary>dependencies/ next to this assembly (the module's layout).</summary>
        public static string DefaultDirectory =>
            Path.Combine(Path.GetDirectoryName(typeof(SdkBridgeLoader).Assembly.Location) ?? ".", "dependencies");

        /// <summary>The bridge from <paramref name="directory"/>, loaded once per process; null (with <see cref="LastFailure"/>) when it cannot load.</summary>
        public static ISdkBridge? TryLoad(string directory)
        {
            lock (Gate)
            {
                if (_bridge != null && string.Equals(_loadedFrom, directory, StringComparison.Ordinal))
                {
                    return _bridge;
                }

                try
                {
                    string bridgePath = Path.Combine(directory, BridgeAssembly + ".dll");
                    if (!File.Exists(bridgePath))
                    {
                        throw new FileNotFoundException("missing " + bridgePath);
                    }

                    Assembly assembly = HostRuntime.IsNetFramework ? Assembly.LoadFrom(bridgePath) : LoadInLoadContext(directory);
                    _bridge = (ISdkBridge)Activator.CreateInstance(assembly.GetType(BridgeType, throwOnError: true)!)!;
                    _loadedFrom = directory;
                    LastFailure = null;
                    return _bridge;
                }
                catch (Exception ex)
                {
                    LastFailure = (ex is TargetInvocationException && ex.InnerException != null ? ex.InnerException : ex).Message;
                    return null;
                }
            }
        }

        private static Assembly LoadInLoadContext(string directory)
        {
            var loader = Assembly.LoadFrom(Path.Combine(directory, LoaderAssembly + ".dll"));
            var load = loader.GetType(LoaderType, throwOnError: true)!.GetMethod("LoadIsolated", BindingFlags.Public | BindingFlags.Static)!;
            return (Assembly)load.Invoke(null, new object[] { directory, BridgeAssembly })!;
        }
    }
}
