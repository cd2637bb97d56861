using System.Linq;
using System.Text.Json.Nodes;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Planning
{
    /// <summary>docs/aws-rules.md §9 "Defaults for the fix" and §11.8: what FixPlanner plans, and when a grant is already there.</summary>
    public class FixPlannerTests
    {
        private const string P = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3";

        private static FixPlan PlanFor(TestApi api, FixScope scope = FixScope.Method, bool testInvoke = false)
        {
            var built = api.Build();
            var evidence = new EvidenceSet();
            foreach (var need in EvidenceNeeds.For(Run.Targets(built, testInvoke)).Policies)
            {
                evidence.AddPolicy(need.Key, need.Value, new PolicyLookup { Status = LookupStatus.NoPolicy });
            }

            return FixPlanner.Plan(Run.Findings(built, evidence, testInvoke), new FixOptions { Scope = scope }, evidence);
        }

        private static string Only(TestApi api) => Assert.Single(PlanFor(api).Grants).SourceArn;

        [Fact] // §9 stage * (covers every deployed stage and test-invoke-stage), deduplicated across stages
        public void StageIsStarAndStagesShareOneGrant()
        {
            var plan = PlanFor(new TestApi().Stage("dev").Stage("prod").Method("/x", "GET", Uri(Fn("f"))), testInvoke: true);
            var grant = Assert.Single(plan.Grants);
            Assert.Equal(P + "/*/GET/x", grant.SourceArn);
            Assert.Equal(new[] { "dev", "prod", "test-invoke-stage" }, grant.Covers.Select(f => f.StageName));
        }

        [Fact] // §9 method * for ANY, else the verb
        public void AnyBecomesStar()
        {
            Assert.Equal(P + "/*/*/items", Only(new TestApi().Method("/items", "ANY", Uri(Fn("f")))));
            Assert.Equal(P + "/*/DELETE/items", Only(new TestApi().Method("/items", "DELETE", Uri(Fn("f")))));
        }

        [Theory] // §9 every {param} / {param+} segment → *, no trailing slash; root → /{METHOD}/
        [InlineData("/pets/{id}", "/*/GET/pets/*")]
        [InlineData("/{proxy+}", "/*/GET/*")]
        [InlineData("/a/{b}/c/{rest+}", "/*/GET/a/*/c/*")]
        [InlineData("/", "/*/GET/")]
        public void PathParametersBecomeStars(string path, string suffix) => Assert.Equal(P + suffix, Only(new TestApi().Method(path, "GET", Uri(Fn("f")))));

        [Fact] // §9 authorizers: {apiId}/authorizers/{authorizerId}, once for all stages
        public void AuthorizerGrant()
        {
            var grant = Assert.Single(PlanFor(new TestApi().Stage("a").Stage("b").Authorizer("au1", "tok", Uri(Fn("auth")))).Grants);
            Assert.Equal(P + "/authorizers/au1", grant.SourceArn);
            Assert.Equal(2, grant.Covers.Count);
        }

        [Fact] // §9 region = function's region, account = API owner's account; grant goes to the function's account and region
        public void RegionAndAccount()
        {
            var grant = Assert.Single(PlanFor(new TestApi().Method("/x", "GET", Uri(Fn("f", "eu-west-1", OtherAccount)))).Grants);
            Assert.Equal("arn:aws:execute-api:eu-west-1:111122223333:a1b2c3/*/GET/x", grant.SourceArn);
            Assert.Equal(("eu-west-1", OtherAccount, Fn("f", "eu-west-1", OtherAccount)), (grant.Region, grant.FunctionAccountId, grant.FunctionName));
        }

        [Fact] // §9 Principal apigateway.amazonaws.com, Action lambda:InvokeFunction, Qualifier = the URI's qualifier; never * or without SourceArn
        public void PrincipalActionAndQualifier()
        {
            var grant = Assert.Single(PlanFor(new TestApi().Method("/x", "GET", Uri(Fn("f") + ":live"))).Grants);
            Assert.Equal(("apigateway.amazonaws.com", "lambda:InvokeFunction", "live", Fn("f")), (grant.Principal, grant.Action, grant.Qualifier, grant.FunctionName));
            Assert.StartsWith("arn:aws:execute-api:", grant.SourceArn);
        }

        [Fact] // §9 Stage scope pins the finding's stage: one grant per stage
        public void StageScopePinsTheStage()
        {
            var plan = PlanFor(new TestApi().Stage("dev").Stage("prod").Method("/x", "GET", Uri(Fn("f"))), FixScope.Stage);
            Assert.Equal(new[] { P + "/dev/GET/x", P + "/prod/GET/x" }, plan.Grants.Select(g => g.SourceArn));
        }

        [Fact] // §9 Api scope: one {apiId}/* per function + qualifier + API, authorizers included
        public void ApiScopeIsOnePerFunctionAndQualifier()
        {
            var api = new TestApi().Method("/a", "GET", Uri(Fn("f"))).Method("/b", "POST", Uri(Fn("f"))).Method("/c", "GET", Uri(Fn("f") + ":live"))
                .Authorizer("au1", "tok", Uri(Fn("f")));
            var plan = PlanFor(api, FixScope.Api);
            Assert.Equal(new[] { (Fn("f"), (string?)null), (Fn("f"), "live") }, plan.Grants.Select(g => (g.FunctionName, g.Qualifier)));
            Assert.All(plan.Grants, g => Assert.Equal(P + "/*", g.SourceArn));
            Assert.Equal(3, plan.Grants[0].Covers.Count);
        }

        [Fact] // §9 Sid within [A-Za-z0-9_-]{1,100}, deterministic, prefixed, distinct for distinct source ARNs
        public void StatementIdsAreDeterministicAndDistinct()
        {
            var a = StatementIds.For(P + "/*/GET/pets/*");
            Assert.Equal(a, StatementIds.For(P + "/*/GET/pets/*"));
            Assert.StartsWith("lpt-a1b2c3-all-GET-pets-all-", a);
            Assert.True(StatementIds.IsOurs(a));
            Assert.False(StatementIds.IsOurs("AllowApiGateway"));
            // Same readable text, different ARNs: the hash keeps them apart.
            Assert.NotEqual(StatementIds.For(P + "/*/GET/pets/*"), StatementIds.For(P + "/*/GET/pets.*"));
            var longest = StatementIds.For(P + "/*/GET/" + string.Join("/", Enumerable.Repeat("very-long-segment", 20)));
            Assert.Matches("^[A-Za-z0-9_-]{1,100}$", longest);
            Assert.Matches("^[A-Za-z0-9_-]{1,100}$", StatementIds.For("arn:aws:execute-api:us-east-1:111122223333:a/*/GET/é/ü/$/{x}"));
        }

        [Theory] // §2 every planned SourceArn is one AddPermission accepts (BC:lambda shape Arn: literal region and account)
        [InlineData("aws", "us-east-1")]
        [InlineData("aws-cn", "cn-north-1")]
        [InlineData("aws-us-gov", "us-gov-west-1")]
        public void PlannedSourceArnsPassAddPermissionsPattern(string partition, string region)
        {
            var api = new TestApi().Partition(partition, region).Method("/", "ANY", Uri(Fn("f", region, partition: partition), region, partition))
                .Method("/a/{b+}", "GET", Uri(Fn("f", region, partition: partition), region, partition)).Authorizer("au1", "t", Uri(Fn("f", region, partition: partition), region, partition));
            foreach (var scope in new[] { FixScope.Method, FixScope.Stage, FixScope.Api })
            {
                Assert.All(PlanFor(api, scope).Grants, g => Assert.Matches(@"^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$", g.SourceArn));
            }
        }

        [Fact] // only Denied findings a service-principal grant can fix are planned
        public void OnlyFixableFindingsArePlanned()
        {
            var api = new TestApi().Stage("dev").Method("/a", "GET", Uri(Fn("${stageVariables.fn}"))).Method("/b", "GET", Uri(Fn("f") + ":$LATEST"))
                .Method("/c", "GET", Uri(Fn("f")), credentials: "arn:aws:iam::*:user/*");
            Assert.Empty(PlanFor(api).Grants);
        }

        [Theory] // §2, §3.2 an equivalent statement may use ArnEquals or StringLike, Resource "*", or StringEquals for a pattern without wildcards
        [InlineData("ArnEquals", "/*/GET/x", "arn:aws:lambda:us-east-1:111122223333:function:f")]
        [InlineData("StringLike", "/*/GET/x", "arn:aws:lambda:us-east-1:111122223333:function:f")]
        [InlineData("ArnLike", "/*/GET/x", "*")]
        [InlineData("StringEquals", "/authorizers/au1", "arn:aws:lambda:us-east-1:111122223333:function:f")]
        public void IsSatisfiedByEquivalentOperators(string op, string resource, string statementResource)
        {
            var grant = new PlannedGrant { FunctionName = Fn("f"), SourceArn = P + resource, StatementId = "lpt-x" };
            Assert.True(FixPlanner.IsSatisfied(grant, Policy.Of(Policy.Grant("s", grant.SourceArn, statementResource, op: op)), out _));
        }

        [Fact] // §11.8 idempotency: our statement id, or an equivalent statement under another Sid, satisfies the grant
        public void IsSatisfiedByOurIdOrAnEquivalentStatement()
        {
            var grant = new PlannedGrant { FunctionName = Fn("f"), SourceArn = P + "/*/GET/x", StatementId = StatementIds.For(P + "/*/GET/x") };
            Assert.False(FixPlanner.IsSatisfied(grant, null, out var none));
            Assert.Null(none);
            Assert.False(FixPlanner.IsSatisfied(grant, "not json", out _));

            Assert.True(FixPlanner.IsSatisfied(grant, Policy.Of(Policy.Grant(grant.StatementId, P + "/other", Fn("f"))), out var byId));
            Assert.Contains(grant.StatementId, byId);

            Assert.True(FixPlanner.IsSatisfied(grant, Policy.Of(Policy.Grant("console-made", grant.SourceArn, Fn("f"), sourceAccount: Account)), out var equivalent));
            Assert.Contains("console-made", equivalent);
        }

        [Theory] // §11.8 not satisfied by statements that differ: another source, a broader one, an extra condition, another qualifier, Principal *
        [InlineData("other-source")]
        [InlineData("broader")]
        [InlineData("extra-condition")]
        [InlineData("other-qualifier")]
        [InlineData("principal-star")]
        [InlineData("string-equals")]
        [InlineData("arn-not-like")]
        [InlineData("lower-case-operator")]
        public void IsNotSatisfiedByDifferentStatements(string variant)
        {
            var grant = new PlannedGrant { FunctionName = Fn("f"), SourceArn = P + "/*/GET/x", StatementId = "lpt-x" };
            var statement = Policy.Grant("s", grant.SourceArn, Fn("f"));
            switch (variant)
            {
                case "other-source":
                    statement = Policy.Grant("s", P + "/*/POST/x", Fn("f"));
                    break;
                case "broader":
                    statement = Policy.Grant("s", P + "/*", Fn("f"));
                    break;
                case "extra-condition":
                    ((JsonObject)statement["Condition"]!)["StringEquals"] = new JsonObject { ["aws:PrincipalOrgID"] = "o-1" };
                    break;
                case "other-qualifier":
                    statement["Resource"] = Fn("f") + ":live";
                    break;
                case "string-equals": // §3.5 StringEquals has no wildcards: the literal pattern never equals a presented ARN
                    statement = Policy.Grant("s", grant.SourceArn, Fn("f"), op: "StringEquals");
                    break;
                case "arn-not-like":
                    statement = Policy.Grant("s", grant.SourceArn, Fn("f"), op: "ArnNotLike");
                    break;
                case "lower-case-operator":
                    statement = Policy.Grant("s", grant.SourceArn, Fn("f"), op: "arnlike");
                    break;
                default:
                    statement["Principal"] = "*";
                    break;
            }

            Assert.False(FixPlanner.IsSatisfied(grant, Policy.Of(statement), out _));
        }
    }
}
