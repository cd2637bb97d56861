using System.Linq;
using CsCheck;
using LambdaPermTools.Arns;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Targets
{
    /// <summary>Invariants of TargetResolver over generated APIs (§1.7, §4, §5).</summary>
    public class TargetResolverPropertyTests
    {
        private static readonly string[] Uris =
        {
            Uri(Fn("f")), Uri(Fn("f") + ":live"), Uri(Fn("${stageVariables.fn}")), Uri(Fn("f") + ":${stageVariables.v}"), Uri(Fn("g", "eu-west-1")),
            "https://example.com/x", "arn:aws:apigateway:us-east-1:s3:path/b/k", Uri("arn:aws:lambda:us-east-1:111122223333:function:bad name"),
        };

        private static readonly Gen<(string Path, string Verb, int Uri, string Type)[]> Methods =
            Gen.Select(Gen.OneOf("/", "/a", "/a/{id}", "/{proxy+}", "/b/c"), Gen.OneOf("GET", "POST", "ANY"), Gen.Int[0, Uris.Length - 1], Gen.OneOf("AWS", "AWS_PROXY", "HTTP", "MOCK"))
                .Array[0, 8].Select(ms => ms.GroupBy(m => (m.Item1, m.Item2)).Select(g => g.First()).ToArray());

        [Fact]
        public void TargetsFollowTheRules() => Gen.Select(Methods, Gen.Int[0, 3], Gen.Int[0, 2], Gen.Bool, Gen.Bool).Sample((methods, stageCount, authorizerCount, testInvoke, defineVariables) =>
        {
            var api = new TestApi();
            var stages = Enumerable.Range(0, stageCount).Select(i => "s" + i).ToList();
            foreach (var stage in stages)
            {
                api.Stage(stage, defineVariables ? new[] { ("fn", "h"), ("v", "7") } : new (string, string)[0]);
            }

            foreach (var (path, verb, uri, type) in methods)
            {
                api.Method(path, verb, Uris[uri], type, authorizerId: authorizerCount > 0 ? "au0" : null);
            }

            for (var i = 0; i < authorizerCount; i++)
            {
                api.Authorizer("au" + i, "auth" + i, Uri(Fn("auth")), i == 0 ? "TOKEN" : "REQUEST");
            }

            var built = api.Build();
            var stageNames = built.Stages.Select(s => s.StageName).ToList();
            var targets = Run.Targets(built, testInvoke);

            var lambdaMethods = methods.Count(m => (m.Type == "AWS" || m.Type == "AWS_PROXY") && LambdaUri.TryParse(Uris[m.Uri], out _));
            Assert.Equal(lambdaMethods * (stageNames.Count + (testInvoke ? 1 : 0)) + authorizerCount * stageNames.Count, targets.Count);
            foreach (var t in targets)
            {
                var parts = ArnPattern.SplitComponents(t.PresentedSourceArn);
                Assert.NotNull(parts);
                Assert.Equal(new[] { "arn", "aws", "execute-api", t.Region, Account }, parts!.Take(5));
                Assert.StartsWith(Id + "/", parts[5]);
                Assert.Equal(t.Kind == TargetKind.Authorizer ? $"{Id}/authorizers/{t.AuthorizerId}" : ExecuteApiArn.ForMethod("x", Id, t.StageName, t.HttpMethod, t.ResourcePath).Substring(2), parts[5]);
                Assert.Equal(t.UnresolvedVariables.Length > 0 || t.IntegrationUri.Contains("bad name"), t.FunctionArn.Length == 0);
                if (t.FunctionArn.Length > 0)
                {
                    Assert.Equal(FunctionArn.Parse(t.FunctionArn).Unqualified, t.FunctionName);
                    Assert.Equal(FunctionArn.Parse(t.FunctionArn).Qualifier, t.Qualifier);
                    Assert.Equal(FunctionArn.Parse(t.FunctionArn).Region, t.Region);
                }
            }

            // Deterministic: the same snapshot resolves to the same sequence.
            Assert.Equal(targets.Select(t => t.PresentedSourceArn + t.FunctionArn), Run.Targets(built, testInvoke).Select(t => t.PresentedSourceArn + t.FunctionArn));
        }, iter: 500);
    }
}
