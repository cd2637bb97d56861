// Two namespaces that use each other, only so that NamespaceTests can show the cycle check finds a cycle.
namespace LambdaPermTools.Aws.Tests.CycleFixture.Upper
{
    internal sealed class UsesLower
    {
        public int Depth() => new Lower.UsesUpper().Height() + 1;
    }
}

namespace LambdaPermTools.Aws.Tests.CycleFixture.Lower
{
    internal sealed class UsesUpper
    {
        public int Height() => typeof(Upper.UsesLower).Name.Length;
    }
}
