using System.Globalization;
using System.Linq;
using System.Text;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Planning
{
    /// <summary>docs/aws-rules.md §6.2: a plan warns, naming the policy and the bytes left, before it would pass Lambda's 20 KB limit.</summary>
    public class PolicySizeWarningTests
    {
        private const string Other = "arn:aws:execute-api:us-east-1:111122223333:zz9zz9";

        [Fact]
        public void AlmostFullQualifiedPolicyWarnsWithItsArnAndTheBytesLeft()
        {
            var alias = Fn("f") + ":live";
            var existing = PolicyOfAbout(19 * 1024, alias);
            var (plan, _) = PlanOne(alias, Run.Evidence((Fn("f"), "live", existing), (Fn("f"), null, null)));

            var warning = Assert.Single(plan.Warnings);
            var left = 20480 - Encoding.UTF8.GetByteCount(existing);
            Assert.InRange(left, 1000, 1500);
            Assert.StartsWith($"The resource policy of '{alias}' has {left.ToString("N0", CultureInfo.InvariantCulture)} bytes left of Lambda's 20,480-byte limit", warning);
            Assert.Contains("the 1 planned grant(s) for it take about", warning);
            Assert.Contains("leaving", warning);
            Assert.Contains("Api scope", warning);
        }

        [Fact]
        public void GrantsThatPassTheLimitSayLambdaWouldRefuseThem()
        {
            var evidence = Run.Evidence((Fn("f"), null, PolicyOfAbout(20480, Fn("f"))));
            var api = new TestApi().Method("/a", "GET", Uri(Fn("f"))).Method("/b", "GET", Uri(Fn("f"))).Method("/c", "GET", Uri(Fn("f")));
            var plan = FixPlanner.Plan(Run.Findings(api.Build(), evidence), new FixOptions(), evidence);
            Assert.Equal(3, plan.Grants.Count);
            var warning = Assert.Single(plan.Warnings);
            Assert.Contains($"'{Fn("f")}' has ", warning);
            Assert.Contains("so Lambda would refuse them", warning);
            Assert.Contains("use the Api scope", warning);

            var apiScope = FixPlanner.Plan(Run.Findings(api.Build(), evidence), new FixOptions { Scope = FixScope.Api }, evidence);
            Assert.Contains("remove statements that are no longer needed", Assert.Single(apiScope.Warnings));
        }

        [Fact]
        public void SmallPolicyDoesNotWarn()
        {
            var (plan, finding) = PlanOne(Fn("f"), Run.Evidence((Fn("f"), null, PolicyOfAbout(1024, Fn("f")))));
            Assert.Equal(PermissionStatus.Denied, finding.Status);
            Assert.Single(plan.Grants);
            Assert.Empty(plan.Warnings);
        }

        [Fact] // the size comes from the evidence the plan is given, not from the findings alone
        public void WithoutThePolicyInTheEvidenceTheSameFindingDoesNotWarn()
        {
            var (_, finding) = PlanOne(Fn("f"), Run.Evidence((Fn("f"), null, PolicyOfAbout(19 * 1024, Fn("f")))));
            Assert.Empty(FixPlanner.Plan(new[] { finding }, new FixOptions(), new EvidenceSet()).Warnings);
        }

        private static (FixPlan Plan, PermissionFinding Finding) PlanOne(string functionArn, EvidenceSet evidence)
        {
            var finding = Run.Findings(new TestApi().Method("/pets/{id}", "GET", Uri(functionArn)).Build(), evidence).Single();
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            return (FixPlanner.Plan(new[] { finding }, new FixOptions(), evidence), finding);
        }

        // AddPermission-shaped grants for another API, as many as keep the policy under about this many bytes.
        private static string PolicyOfAbout(int bytes, string resource)
        {
            string PolicyOf(int count) => Policy.Of(Enumerable.Range(0, count).Select(i => Policy.Grant($"old-{i}", $"{Other}/*/POST/legacy-{i}", resource)).ToArray());
            var count = 0;
            while (Encoding.UTF8.GetByteCount(PolicyOf(count + 1)) < bytes)
            {
                count++;
            }

            return PolicyOf(count);
        }
    }
}
