namespace LambdaPermTools.Closure.Tests
{
    internal enum ClosureProblemKind
    {
        /// <summary>Neither shipped nor provided by .NET Framework 4.7.2 or PowerShell.</summary>
        Missing,
        /// <summary>Shipped, but the load plan does not hand the shipped copy out for this request (e.g. it is older than asked for).</summary>
        NotResolved,
        /// <summary>Shipped twice (module folder and dependencies/) in different versions: two copies could load side by side.</summary>
        TwoVersions,
    }
}
