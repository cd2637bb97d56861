using System.Collections.Generic;

namespace LambdaPermTools.Closure.Tests
{
    /// <summary>What <see cref="ClosureChecker"/> found in one module folder.</summary>
    internal sealed class ClosureReport
    {
        public List<ClosureProblem> Problems { get; } = new List<ClosureProblem>();
        /// <summary>References whose version differs from the shipped copy and that the load plan maps to it, as "A -> B 4.0.4.1 (ships 6.0.0.0)".</summary>
        public List<string> Redirected { get; } = new List<string>();
        /// <summary>Shipped assemblies built for .NET only, which Windows PowerShell never loads.</summary>
        public List<string> NetCoreOnly { get; } = new List<string>();
    }
}
