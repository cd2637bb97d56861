using System.Linq;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// The AWS layer's namespaces, read from the compiled assembly, form no cycle: the ports depend on nothing of the
    /// layer, and only the composition root knows the signed-HTTPS clients.
    /// </summary>
    public class NamespaceTests
    {
        private const string Layer = "LambdaPermTools.Aws";
        private static readonly System.Reflection.Assembly Aws = typeof(AwsServices).Assembly;

        [Fact]
        public void AwsLayerNamespacesFormNoCycle()
        {
            var cycle = NamespaceGraph.FindCycle(NamespaceGraph.Edges(Aws, Layer));
            Assert.True(cycle == null, $"The AWS layer's namespaces form a cycle: {NamespaceGraph.Describe(cycle)}");
        }

        [Fact]
        public void PortsUseNothingElseOfTheLayer()
        {
            Assert.DoesNotContain(NamespaceGraph.Edges(Aws, Layer), e => e.From == Layer + ".Ports");
        }

        [Fact] // the reader sees uses in method bodies alone, so a cycle through one would be found
        public void EdgesComeFromSignaturesAndMethodBodies()
        {
            var edges = NamespaceGraph.Edges(Aws, Layer);
            Assert.Contains((Layer + ".Composition", Layer + ".Credentials"), edges); // only a local CredentialResolver in SignedHttpServicesFactory.Create
            Assert.Contains((Layer + ".Composition", Layer + ".Clients"), edges);
            Assert.Contains((Layer + ".Runs", Layer + ".Ports"), edges);
            Assert.DoesNotContain((Layer + ".Http", Layer + ".Clients"), edges);
            Assert.DoesNotContain(edges, e => e.From == e.To || !e.To.StartsWith(Layer));
        }

        [Fact]
        public void FindsTheCycleOfTwoNamespacesThatUseEachOther()
        {
            var edges = NamespaceGraph.Edges(typeof(NamespaceTests).Assembly, "LambdaPermTools.Aws.Tests.CycleFixture");
            Assert.Equal(2, edges.Count);
            Assert.Equal(
                "LambdaPermTools.Aws.Tests.CycleFixture.Lower → LambdaPermTools.Aws.Tests.CycleFixture.Upper → LambdaPermTools.Aws.Tests.CycleFixture.Lower",
                NamespaceGraph.Describe(NamespaceGraph.FindCycle(edges)));
            Assert.Null(NamespaceGraph.FindCycle(edges.Where(e => e.From.EndsWith("Upper"))));
        }
    }
}
