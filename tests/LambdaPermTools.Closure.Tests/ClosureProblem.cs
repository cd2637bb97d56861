namespace LambdaPermTools.Closure.Tests
{
    /// <summary>One reason the module would fail to load a dependency on Windows PowerShell 5.1.</summary>
    internal sealed class ClosureProblem
    {
        public ClosureProblem(ClosureProblemKind kind, string assembly, string dependency, string message)
        {
            Kind = kind;
            Assembly = assembly;
            Dependency = dependency;
            Message = message;
        }

        public ClosureProblemKind Kind { get; }
        /// <summary>The shipped assembly whose reference fails (for <see cref="ClosureProblemKind.TwoVersions"/>, the dependency itself).</summary>
        public string Assembly { get; }
        public string Dependency { get; }
        public string Message { get; }

        public override string ToString() => Message;
    }
}
