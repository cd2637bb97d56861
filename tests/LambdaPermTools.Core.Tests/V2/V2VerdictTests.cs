using System.Linq;
using LambdaPermTools.Planning;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.V2
{
    /// <summary>Verdicts, Reasons and least-privilege grants for HTTP and WebSocket APIs (docs/aws-rules.md §8).</summary>
    public class V2VerdictTests
    {
        private const string P = TestV2Api.Prefix;

        private static PermissionFinding Http(string routeKey, params string[] grants) =>
            new TestV2Api().Route(routeKey, Fn("f")).Findings(Evidence(grants)).Single();

        private static LambdaPermTools.Evaluation.EvidenceSet Evidence(params string[] grants) =>
            Run.Evidence((Fn("f"), null, grants.Length == 0 ? null : Policy.Of(grants.Select((g, i) => Policy.Grant("s" + i, g, Fn("f"))).ToArray())));

        [Theory]
        [InlineData("$default", P + "/*/$default")]
        [InlineData("GET /pets/{id}", P + "/*/GET/pets/*")]
        [InlineData("ANY /{proxy+}", P + "/*/*/*")]
        public void NoPolicyIsDeniedWithTheLeastPrivilegeGrantWhichThenAllows(string routeKey, string grant)
        {
            var denied = Http(routeKey);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoPolicy, grant), (denied.Status, denied.Cause, denied.SourceArn));
            Assert.Contains($"with source ARN '{grant}'", denied.Reason, System.StringComparison.Ordinal);

            var allowed = Http(routeKey, grant);
            Assert.Equal((PermissionStatus.Allowed, PermissionCause.GrantedByPolicy), (allowed.Status, allowed.Cause));
            Assert.False(allowed.OverlyBroad);
        }

        [Fact] // the SAM bug: {api}/*/*/$default does not match the $default route (aws/serverless-application-model#1860)
        public void MethodSegmentBeforeDefaultRouteIsNamed()
        {
            var finding = Http("$default", P + "/*/*/$default");
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement), (finding.Status, finding.Cause));
            Assert.Contains("'{apiId}/*/*/$default' form never matches", finding.Reason, System.StringComparison.Ordinal);
            Assert.Contains("'{apiId}/*/$default'", finding.Reason, System.StringComparison.Ordinal);
            Assert.Equal(P + "/*/$default", finding.SourceArn);
        }

        [Fact]
        public void AnotherStageIsNamed()
        {
            var finding = Http("$default", P + "/prod/$default");
            Assert.Equal(PermissionStatus.Denied, finding.Status);
            Assert.Contains("the stage (it allows 'prod', this is '$default'", finding.Reason, System.StringComparison.Ordinal);

            var route = Http("GET /pets/{id}", P + "/prod/GET/pets/*");
            Assert.Contains("the stage (it allows 'prod', this is '$default'", route.Reason, System.StringComparison.Ordinal);
        }

        [Fact] // the method-style (REST methodArn-like) grant for an authorizer: authorizers present {api}/authorizers/{id}
        public void MethodStyleAuthorizerGrantIsNamed()
        {
            var api = new TestV2Api().Route("GET /pets/{id}", Fn("g"), authorizerId: "au1").Authorizer("au1", "auth", Uri(Fn("f")));
            var evidence = Run.Evidence((Fn("g"), null, null), (Fn("f"), null, Policy.Of(Policy.Grant("s", P + "/*/GET/pets/*", Fn("f")))));
            var finding = api.Findings(evidence).Single(f => f.Kind == TargetKind.Authorizer);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement, P + "/authorizers/au1"), (finding.Status, finding.Cause, finding.SourceArn));
            Assert.Contains("the authorizer form", finding.Reason, System.StringComparison.Ordinal);
        }

        [Fact] // path parameters as template are UNCONFIRMED for v2 (§8): a grant that matches only the template is Unknown
        public void TemplateOnlyGrantIsUnknown()
        {
            var finding = Http("GET /pets/{id}", P + "/*/GET/pets/{id}");
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (finding.Status, finding.Cause));
            Assert.Contains("uncertain", finding.Reason, System.StringComparison.Ordinal);
            Assert.Contains($"'{P}/*/GET/pets/*'", finding.Reason, System.StringComparison.Ordinal);
        }

        [Fact] // ANY as a literal is UNCONFIRMED for v2 (§8)
        public void AnyLiteralOnlyGrantIsUnknown()
        {
            Assert.Equal(PermissionStatus.Unknown, Http("ANY /{proxy+}", P + "/*/ANY/*").Status);
            Assert.Equal(PermissionStatus.Allowed, Http("ANY /{proxy+}", P + "/*/*/*").Status);
        }

        [Fact]
        public void WebSocketRoutesGrantAnyStageWithTheRouteKey()
        {
            var api = new TestV2Api(ApiType.WebSocket).Stage("production").Route("$default", Fn("f")).Route("sendmessage", Fn("f"));
            var denied = api.Findings(Evidence());
            Assert.Equal(new[] { P + "/*/$default", P + "/*/sendmessage" }, denied.Select(f => f.SourceArn));
            var allowed = api.Findings(Evidence(P + "/*/$default", P + "/*/sendmessage"));
            Assert.All(allowed, f => Assert.Equal(PermissionStatus.Allowed, f.Status));
            var wrong = api.Findings(Evidence(P + "/dev/sendmessage")).Single(f => f.RouteKey == "sendmessage");
            Assert.Contains("the stage (it allows 'dev', this is 'production'", wrong.Reason, System.StringComparison.Ordinal);
        }

        [Fact] // the $connect authorizer's source ARN is UNCONFIRMED (§8): the fix grants both forms; one form alone is Unknown
        public void WebSocketAuthorizerNeedsBothForms()
        {
            var api = new TestV2Api(ApiType.WebSocket).Stage("production").Authorizer("au1", "auth", Uri(Fn("f")));
            var evidence = Evidence();
            var denied = api.Findings(evidence).Single();
            Assert.Equal((PermissionStatus.Denied, P + "/authorizers/au1"), (denied.Status, denied.SourceArn));
            Assert.Contains($"'{P}/authorizers/au1' and '{P}/*/$connect'", denied.Reason, System.StringComparison.Ordinal);

            var plan = FixPlanner.Plan(new[] { denied }, new FixOptions(), evidence);
            Assert.Equal(new[] { P + "/*/$connect", P + "/authorizers/au1" }, plan.Grants.Select(g => g.SourceArn));

            Assert.Equal(PermissionStatus.Allowed, api.Findings(Evidence(P + "/authorizers/au1", P + "/*/$connect")).Single().Status);
            var oneForm = api.Findings(Evidence(P + "/authorizers/au1")).Single();
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (oneForm.Status, oneForm.Cause));
            Assert.Contains("uncertain", oneForm.Reason, System.StringComparison.Ordinal);
            Assert.Equal(PermissionStatus.Unknown, api.Findings(Evidence(P + "/production/$connect")).Single().Status);
        }

        [Fact] // a manually deployed stage: the current configuration is judged, and the Reason says so
        public void ManualStageSaysTheDeploymentIsNotRead()
        {
            var finding = new TestV2Api().Stage("prod", autoDeploy: false).Route("$default", Fn("f")).Findings(Evidence()).Single();
            Assert.Contains("Stage 'prod' is deployed manually and serves deployment 'dep1', which the tool does not read for HTTP APIs: this verdict is for the API's current configuration", finding.Reason, System.StringComparison.Ordinal);
            var auto = Http("$default");
            Assert.DoesNotContain("deployed manually", auto.Reason, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(FixScope.Stage, P + "/$default/$default")]
        [InlineData(FixScope.Api, P + "/*")]
        public void ScopesWidenTheV2Grant(FixScope scope, string sourceArn)
        {
            var evidence = Evidence();
            var finding = new TestV2Api().Route("$default", Fn("f")).Findings(evidence).Single();
            Assert.Equal(sourceArn, Assert.Single(FixPlanner.Plan(new[] { finding }, new FixOptions { Scope = scope }, evidence).Grants).SourceArn);
        }
    }
}
