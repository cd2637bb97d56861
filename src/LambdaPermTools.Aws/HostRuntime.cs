using System;
using System.Runtime.InteropServices;

namespace LambdaPermTools.Aws
{
    /// <summary>Which runtime hosts the module: .NET Framework (Windows PowerShell 5.1) needs its own loading and networking set-up.</summary>
    internal static class HostRuntime
    {
        public static bool IsNetFramework { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    }
}
