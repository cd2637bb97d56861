using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Arns;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Planning
{
    /// <summary>
    /// Applying every planned grant as AddPermission would (the §3.2 statement shape, on the policy of the grant's
    /// qualifier) turns every fixable Denied into Allowed — and grants nothing beyond the planned source ARNs.
    /// </summary>
    public class FixApplicationTests
    {
        private const string P = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3";
        private static readonly string G = Fn("g", region: "eu-west-1");
        private static readonly string[] Functions = { Fn("f"), G, Fn("auth") };

        // Methods with parameters, greedy paths, ANY, the root, an alias, a stage-variable alias, a cross-region function and an authorizer.
        private static TestApi Api() => new TestApi()
            .Stage("dev", ("alias", "blue")).Stage("prod", ("alias", "live"))
            .Method("/pets/{id}", "GET", Uri(Fn("f")), authorizerId: "au1")
            .Method("/{proxy+}", "ANY", Uri(Fn("f") + ":live"))
            .Method("/", "GET", Uri(Fn("f")))
            .Method("/", "ANY", Uri(Fn("f") + ":${stageVariables.alias}"))
            .Method("/orders", "POST", Uri(G))
            .Authorizer("au1", "tok", Uri(Fn("auth")));

        // Near misses, grants on the wrong qualifier, and nothing at all.
        private static EvidenceSet Evidence() => Run.Evidence(
            (Fn("f"), null, Policy.Of(Policy.Grant("prod-only", P + "/prod/GET/pets/*", Fn("f")), Policy.Grant("unrelated", P + "/*/DELETE/pets/*", Fn("f")))),
            (Fn("f"), "live", null),
            (Fn("f"), "blue", Policy.Of(Policy.Grant("other-api", "arn:aws:execute-api:us-east-1:111122223333:zzz999/*", Fn("f") + ":blue"))),
            (G, null, Policy.Of(Policy.Grant("api-region", P + "/*/POST/orders", G))),
            (Fn("auth"), null, Policy.Of(Policy.Grant("method-style", P + "/*/*/*", Fn("auth")))));

        [Theory]
        [InlineData(FixScope.Method)]
        [InlineData(FixScope.Stage)]
        [InlineData(FixScope.Api)]
        public void EveryFixableDeniedBecomesAllowed(FixScope scope)
        {
            var evidence = Evidence();
            var before = Run.Findings(Api().Build(), evidence, testInvoke: true);
            var fixable = before.Where(f => f.Status == PermissionStatus.Denied && f.SourceArn != null).ToList();
            Assert.True(fixable.Count >= 10, $"only {fixable.Count} fixable findings");
            Assert.Contains(fixable, f => f.Cause == PermissionCause.NoMatchingStatement);
            Assert.Contains(fixable, f => f.Cause == PermissionCause.NoPolicy);

            var plan = FixPlanner.Plan(before, new FixOptions { Scope = scope }, evidence);
            Assert.Equal(fixable.Count, plan.Grants.Sum(g => g.Covers.Count));
            Assert.Equal(plan.Grants.Count, plan.Grants.Select(g => (g.FunctionName, g.Qualifier, g.StatementId)).Distinct().Count());

            var after = Run.Findings(Api().Build(), FixSimulation.Apply(plan, evidence, Functions), testInvoke: true);
            foreach (var (old, now) in before.Zip(after))
            {
                var expected = old.SourceArn != null ? PermissionStatus.Allowed : old.Status;
                Assert.True(expected == now.Status, $"{old.StageName} {old.HttpMethod} {old.ResourcePath} {old.AuthorizerId}: {old.Cause} → {now.Status} {now.Reason}");
                if (old.SourceArn != null)
                {
                    Assert.Contains(now.MatchedStatementId, plan.Grants.Select(g => g.StatementId));
                    Assert.Equal(scope == FixScope.Api, now.OverlyBroad);
                }
            }
        }

        [Theory]
        [InlineData(FixScope.Method)]
        [InlineData(FixScope.Stage)]
        [InlineData(FixScope.Api)]
        public void AppliedGrantsAllowNothingBeyondTheirSourceArns(FixScope scope)
        {
            var evidence = Evidence();
            var plan = FixPlanner.Plan(Run.Findings(Api().Build(), evidence, testInvoke: true), new FixOptions { Scope = scope }, evidence);
            var fixedEvidence = FixSimulation.Apply(plan, evidence, Functions);

            foreach (var probe in Probes())
            {
                var was = PermissionEvaluator.Evaluate(probe, evidence).Status == PermissionStatus.Allowed;
                var now = PermissionEvaluator.Evaluate(probe, fixedEvidence).Status == PermissionStatus.Allowed;
                var planned = plan.Grants.Any(g => g.FunctionName == probe.FunctionName && g.Qualifier == probe.Qualifier && ArnPattern.ArnLike(g.SourceArn, probe.PresentedSourceArn));
                Assert.True(now == (was || planned), $"{probe.FunctionArn} from {probe.PresentedSourceArn}: allowed {now}, expected {was || planned}");
            }
        }

        [Fact] // concrete probes the Method-scope plan must leave denied
        public void MethodScopeLeavesUnrelatedSourcesDenied()
        {
            var evidence = Evidence();
            var plan = FixPlanner.Plan(Run.Findings(Api().Build(), evidence, testInvoke: true), new FixOptions(), evidence);
            var fixedEvidence = FixSimulation.Apply(plan, evidence, Functions);
            bool Allowed(string function, string? qualifier, string presented) =>
                PermissionEvaluator.Evaluate(FixSimulation.Probe(function, qualifier, presented), fixedEvidence).Status == PermissionStatus.Allowed;

            Assert.True(Allowed(Fn("f"), null, P + "/prod/GET/pets/{id}"));
            Assert.False(Allowed(Fn("f"), null, P + "/prod/POST/pets/{id}"));
            Assert.False(Allowed(Fn("f"), null, P + "/prod/PUT/"));
            Assert.False(Allowed(Fn("f"), null, "arn:aws:execute-api:us-east-1:111122223333:other1/prod/GET/pets/{id}"));
            Assert.False(Allowed(Fn("f"), null, P + "/authorizers/au1"));
            Assert.False(Allowed(Fn("auth"), null, P + "/authorizers/au2"));
            Assert.True(Allowed(Fn("auth"), null, P + "/authorizers/au1"));
            Assert.False(Allowed(Fn("f"), "blue", P + "/prod/ANY/{proxy+}"));
            Assert.False(Allowed(G, null, "arn:aws:execute-api:eu-west-1:111122223333:a1b2c3/prod/GET/orders"));
        }

        // Every (function, qualifier) of the fixture against source ARNs of this API and others, all stages, verbs, paths and authorizers.
        private static IEnumerable<IntegrationTarget> Probes()
        {
            var functions = new[] { (Fn("f"), (string?)null), (Fn("f"), "live"), (Fn("f"), "blue"), (G, null), (Fn("auth"), null) };
            var apis = new[] { "a1b2c3", "other1" };
            var stages = new[] { "prod", "dev", "test-invoke-stage", "beta" };
            var methods = new[] { "GET", "POST", "ANY", "DELETE" };
            var paths = new[] { "/", "/pets/{id}", "/pets/{id}/toys", "/{proxy+}", "/orders" };
            foreach (var (function, qualifier) in functions)
            {
                var region = function.Split(':')[3];
                foreach (var api in apis)
                {
                    var prefix = ExecuteApiArn.Prefix("aws", region, Account);
                    foreach (var presented in stages.SelectMany(s => methods.SelectMany(m => paths.Select(p => ExecuteApiArn.ForMethod(prefix, api, s, m, p))))
                        .Concat(new[] { ExecuteApiArn.ForAuthorizer(prefix, api, "au1"), ExecuteApiArn.ForAuthorizer(prefix, api, "au2") }))
                    {
                        yield return FixSimulation.Probe(function, qualifier, presented);
                    }
                }
            }
        }
    }
}
