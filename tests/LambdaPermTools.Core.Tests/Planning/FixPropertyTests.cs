using System.Linq;
using CsCheck;
using LambdaPermTools.Arns;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Planning
{
    /// <summary>
    /// The fix property over generated APIs and policies: after AddPermission of every planned grant, every fixable
    /// Denied finding is Allowed, nothing else changes, and exactly the planned source ARNs became allowed.
    /// </summary>
    public class FixPropertyTests
    {
        private static readonly string[] Segments = { "pets", "{id}", "{proxy+}", "orders", "v1", "{name}" };
        private static readonly string[] Verbs = { "GET", "POST", "ANY", "DELETE" };
        private static readonly string[] Stages = { "prod", "dev", "Beta" };
        private static readonly string?[] Qualifiers = { null, "live", "7" };
        private static readonly string[] Functions = { Fn("f"), Fn("g", region: "eu-west-1") };

        private static readonly Gen<string> Path = Gen.OneOf(Gen.Const("/"), Gen.OneOf(Segments).Array[1, 3].Select(s => "/" + string.Join("/", s)));

        private sealed record MethodSpec(string Path, string Verb, int Function, int Qualifier);

        private static readonly Gen<MethodSpec> Method = Gen.Select(Path, Gen.OneOf(Verbs), Gen.Int[0, 1], Gen.Int[0, 2], (p, v, f, q) => new MethodSpec(p, v, f, q));

        // Existing statements: source ARN patterns assembled from plausible and wrong components.
        private static readonly Gen<string?> SourceArn = Gen.Frequency(
            (1, Gen.Const((string?)null)),
            (6, Gen.Select(Gen.OneOf("us-east-1", "eu-west-1"), Gen.OneOf("a1b2c3", "zzz999", "*"), Gen.OneOf("prod", "*", "dev", "authorizers"), Gen.OneOf("GET", "*", "ANY", "au1"),
                Gen.OneOf(Path, Gen.Const("/*"), Gen.Const("")),
                (region, api, stage, method, path) => (string?)$"arn:aws:execute-api:{region}:{Account}:{api}/{stage}/{method}{path}")));

        private static readonly Gen<(MethodSpec[] Methods, string[] Stages, bool Authorizer, string?[][] Policies, FixScope Scope)> Config = Gen.Select(
            Method.Array[1, 6].Select(ms => ms.GroupBy(m => (m.Path, m.Verb)).Select(g => g.First()).ToArray()),
            Gen.OneOf(Stages).Array[1, 3].Select(s => s.Distinct().ToArray()),
            Gen.Bool,
            SourceArn.Array[0, 3].Array[6],
            Gen.OneOf(FixScope.Method, FixScope.Stage, FixScope.Api));

        [Fact]
        public void PlannedGrantsFixExactlyWhatTheyPlan() => Config.Sample(config =>
        {
            var api = new TestApi();
            foreach (var stage in config.Stages)
            {
                api.Stage(stage);
            }

            foreach (var m in config.Methods)
            {
                api.Method(m.Path, m.Verb, Uri(Functions[m.Function] + (Qualifiers[m.Qualifier] == null ? "" : ":" + Qualifiers[m.Qualifier])), authorizerId: config.Authorizer ? "au1" : null);
            }

            if (config.Authorizer)
            {
                api.Authorizer("au1", "tok", Uri(Functions[0]));
            }

            // One policy (or none) per function × qualifier; index = function * 3 + qualifier.
            var evidence = new EvidenceSet();
            for (var i = 0; i < 6; i++)
            {
                var function = Functions[i / 3];
                var qualifier = Qualifiers[i % 3];
                var statements = config.Policies[i].Select((s, n) => Policy.Grant($"old{n}", s, function + (qualifier == null ? "" : ":" + qualifier))).ToArray();
                evidence.AddPolicy(function, qualifier, statements.Length == 0
                    ? new PolicyLookup { Status = LookupStatus.NoPolicy }
                    : new PolicyLookup { Status = LookupStatus.Found, PolicyJson = Policy.Of(statements) });
            }

            var built = api.Build();
            var options = new FixOptions { Scope = config.Scope };
            var before = Run.Findings(built, evidence, testInvoke: true);
            var plan = FixPlanner.Plan(before, options, evidence);
            var fixedEvidence = FixSimulation.Apply(plan, evidence, Functions);
            var after = Run.Findings(built, fixedEvidence, testInvoke: true);

            foreach (var (old, now) in before.Zip(after))
            {
                Assert.Equal(old.SourceArn != null ? PermissionStatus.Allowed : old.Status, now.Status);
            }

            var presented = before.Select(f => f.PresentedSourceArn).Distinct().ToList();
            foreach (var function in Functions)
            {
                foreach (var qualifier in Qualifiers)
                {
                    foreach (var source in presented.Select(p => p.Replace(":us-east-1:", ":" + function.Split(':')[3] + ":").Replace(":eu-west-1:", ":" + function.Split(':')[3] + ":")))
                    {
                        var probe = FixSimulation.Probe(function, qualifier, source);
                        var was = PermissionEvaluator.Evaluate(probe, evidence).Status == PermissionStatus.Allowed;
                        var now = PermissionEvaluator.Evaluate(probe, fixedEvidence).Status == PermissionStatus.Allowed;
                        var planned = plan.Grants.Any(g => g.FunctionName == function && g.Qualifier == qualifier && ArnPattern.ArnLike(g.SourceArn, source));
                        Assert.Equal(was || planned, now);
                    }
                }
            }
        }, iter: 150);
    }
}
