using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// The AWS layer's namespaces, read from the compiled assembly, form no cycle: the ports depend on nothing that
    /// implements them, and only the composition root knows the signed-HTTPS clients (docs/architecture.md).
    /// </summary>
    public class NamespaceTests
    {
        private const string Layer = "LambdaPermTools.Aws";
        private static readonly NamespaceGraph Graph = NamespaceGraph.Of(typeof(AwsServices).Assembly, Layer);

        [Fact]
        public void TheAwsLayerHasNoNamespaceCycle()
        {
            Assert.Empty(Graph.Cycles());
        }

        [Fact]
        public void PortsUseNoOtherNamespaceOfTheLayer()
        {
            Assert.Empty(Graph.UsedBy(Layer + ".Ports"));
        }

        [Fact]
        public void SeesDependenciesThatOnlyAMethodBodyHas()
        {
            // The factory makes a CredentialResolver in a local variable: no signature of Composition names Credentials.
            Assert.Contains(Layer + ".Credentials", Graph.UsedBy(Layer + ".Composition"));
            Assert.Contains(Layer + ".Clients", Graph.UsedBy(Layer + ".Composition"));
            Assert.DoesNotContain(Layer + ".Clients", Graph.UsedBy(Layer + ".Http"));
        }

        [Fact]
        public void FindsACycle()
        {
            var fixture = NamespaceGraph.Of(typeof(NamespaceTests).Assembly, "LambdaPermTools.Aws.Tests.CycleFixture");
            var cycle = Assert.Single(fixture.Cycles());
            Assert.Equal("LambdaPermTools.Aws.Tests.CycleFixture.Lower → LambdaPermTools.Aws.Tests.CycleFixture.Upper → LambdaPermTools.Aws.Tests.CycleFixture.Lower", cycle);
        }
    }
}
