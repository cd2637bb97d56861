using System.Linq;
using LambdaPermTools.Tests.Support;

namespace LambdaPermTools.Tests.Architecture
{
    /// <summary>The Core's folders are namespaces that form no cycle, read from the compiled assembly.</summary>
    public class NamespaceTests
    {
        private static readonly System.Reflection.Assembly Core = typeof(IntegrationTarget).Assembly;

        [Fact]
        public void CoreNamespacesFormNoCycle()
        {
            var cycle = NamespaceGraph.FindCycle(NamespaceGraph.Edges(Core, "LambdaPermTools"));
            Assert.True(cycle == null, $"The Core's namespaces form a cycle: {NamespaceGraph.Describe(cycle)}");
        }

        [Fact] // the reader sees uses in signatures and in method bodies alone, so a cycle through either would be found
        public void EdgesComeFromSignaturesAndMethodBodies()
        {
            var edges = NamespaceGraph.Edges(Core, "LambdaPermTools");
            Assert.Contains(("LambdaPermTools.Targets", "LambdaPermTools.Apis"), edges); // TargetResolver.Resolve(ApiSnapshot, …)
            Assert.Contains(("LambdaPermTools.Rendering", "LambdaPermTools.Planning"), edges); // TemplateWriter.Write(IReadOnlyList<PlannedGrant>, …)
            Assert.Contains(("LambdaPermTools.Evaluation", "LambdaPermTools.Grants"), edges); // only calls inside PermissionEvaluator.Evaluate
            Assert.Contains(("LambdaPermTools.Planning", "LambdaPermTools.Evaluation"), edges);
            Assert.DoesNotContain(("LambdaPermTools.Evaluation", "LambdaPermTools.Planning"), edges);
            Assert.DoesNotContain(edges, e => e.From == "LambdaPermTools"); // the contract's types use nothing else
            Assert.DoesNotContain(edges, e => e.From == e.To || !e.To.StartsWith("LambdaPermTools"));
        }

        [Fact]
        public void FindCycleNamesTheLoop()
        {
            var cycle = NamespaceGraph.FindCycle(new[] { ("Fix", "Fix.Templates"), ("Evaluation", "Fix"), ("Fix.Templates", "Arns"), ("Fix", "Evaluation") });
            Assert.Equal(new[] { "Evaluation", "Fix", "Evaluation" }, cycle);
            Assert.Equal("Evaluation → Fix → Evaluation", NamespaceGraph.Describe(cycle));

            var longer = NamespaceGraph.FindCycle(new[] { ("A", "B"), ("B", "C"), ("C", "A"), ("C", "D") });
            Assert.Equal(new[] { "A", "B", "C", "A" }, longer);
        }

        [Fact]
        public void FindCycleAcceptsADiamondAndSelfUse()
        {
            Assert.Null(NamespaceGraph.FindCycle(new[] { ("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"), ("D", "D") }));
            Assert.Null(NamespaceGraph.FindCycle(Enumerable.Empty<(string, string)>()));
        }
    }
}
