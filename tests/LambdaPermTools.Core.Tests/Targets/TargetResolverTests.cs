using System.Linq;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Targets
{
    /// <summary>docs/aws-rules.md §4 and §5, §11.1: which methods and authorizers are targets, and how they resolve per stage.</summary>
    public class TargetResolverTests
    {
        [Theory] // §4.1 AWS and AWS_PROXY with a Lambda URI are targets; HTTP, HTTP_PROXY, MOCK and non-Lambda AWS are not
        [InlineData("AWS_PROXY", true)]
        [InlineData("AWS", true)]
        [InlineData("HTTP", false)]
        [InlineData("HTTP_PROXY", false)]
        [InlineData("MOCK", false)]
        public void OnlyLambdaIntegrationsAreTargets(string type, bool isTarget)
        {
            var targets = Run.Targets(new TestApi().Method("/x", "GET", Uri(Fn("f")), type).Build());
            Assert.Equal(isTarget ? 1 : 0, targets.Count);
        }

        [Fact] // §4.1 an AWS integration with an S3 or SQS URI is not a Lambda target
        public void NonLambdaAwsIntegrationsAreNotTargets()
        {
            var api = new TestApi().Method("/s3", "GET", "arn:aws:apigateway:us-east-1:s3:path/bucket/{key}", "AWS")
                .Method("/sqs", "POST", "arn:aws:apigateway:us-east-1:sqs:path/111122223333/queue", "AWS").Build();
            Assert.Empty(Run.Targets(api));
        }

        [Fact] // §4.2 the qualifier is split off: FunctionName is unqualified, FunctionArn keeps it
        public void QualifierIsSplitOff()
        {
            var target = Assert.Single(Run.Targets(new TestApi().Method("/x", "GET", Uri(Fn("f") + ":live")).Build()));
            Assert.Equal(Fn("f") + ":live", target.FunctionArn);
            Assert.Equal(Fn("f"), target.FunctionName);
            Assert.Equal("live", target.Qualifier);
        }

        [Fact] // §4.3 a stage variable as the function name, per stage
        public void StageVariableNamesTheFunctionPerStage()
        {
            var api = new TestApi().Stage("dev", ("fn", "orders-dev")).Stage("prod", ("fn", "orders"))
                .Method("/x", "GET", Uri(Fn("${stageVariables.fn}"))).Build();
            var targets = Run.Targets(api);
            Assert.Equal(new[] { Fn("orders-dev"), Fn("orders") }, targets.Select(t => t.FunctionArn));
            Assert.All(targets, t => Assert.Equal(Uri(Fn("${stageVariables.fn}")), t.IntegrationUri));
        }

        [Fact] // a scan holds targets until they are judged: methods and stages calling one function share its ARN text
        public void TargetsOfOneFunctionShareItsArnText()
        {
            var api = new TestApi().Stage("dev", ("alias", "live")).Stage("prod", ("alias", "live")).Stage("test", ("alias", "blue"))
                .Method("/a", "GET", Uri(Fn("f") + ":${stageVariables.alias}"))
                .Method("/b", "POST", Uri(Fn("f") + ":live")).Build();
            var live = Run.Targets(api).Where(t => t.Qualifier == "live").ToList();
            Assert.Equal(5, live.Count);
            Assert.All(live, t => Assert.Same(live[0].FunctionArn, t.FunctionArn));
            Assert.All(live, t => Assert.Same(live[0].FunctionName, t.FunctionName));
            var blue = Run.Targets(api).Single(t => t.Qualifier == "blue");
            Assert.Equal(Fn("f") + ":blue", blue.FunctionArn);
        }

        [Fact] // §4.3 a stage variable as the qualifier, and a value holding name:alias (the colon is allowed)
        public void StageVariableAsQualifierOrNameWithAlias()
        {
            var api = new TestApi().Stage("prod", ("alias", "live"), ("fn", "orders:blue"))
                .Method("/a", "GET", Uri(Fn("f") + ":${stageVariables.alias}"))
                .Method("/b", "GET", Uri(Fn("${stageVariables.fn}"))).Build();
            var targets = Run.Targets(api);
            Assert.Equal(("live", Fn("f") + ":live"), (targets[0].Qualifier, targets[0].FunctionArn));
            Assert.Equal(("blue", Fn("orders") + ":blue"), (targets[1].Qualifier, targets[1].FunctionArn));
        }

        [Fact] // §4.3 a variable the stage does not define: UnresolvedVariables filled, FunctionArn empty, region still known
        public void MissingVariableIsReported()
        {
            var api = new TestApi().Stage("dev").Method("/x", "GET", Uri(Fn("${stageVariables.fn}", region: "eu-west-1"))).Build();
            var target = Assert.Single(Run.Targets(api));
            Assert.Equal(new[] { "fn" }, target.UnresolvedVariables);
            Assert.Equal("", target.FunctionArn);
            Assert.Equal("eu-west-1", target.Region);
            Assert.Contains(":execute-api:eu-west-1:", target.PresentedSourceArn);
        }

        [Fact] // §4.3 stage variables inside the credentials ARN are substituted too
        public void StageVariableInCredentials()
        {
            var api = new TestApi().Stage("prod", ("role", "role/invoker"))
                .Method("/x", "GET", Uri(Fn("f")), credentials: "arn:aws:iam::111122223333:${stageVariables.role}").Build();
            Assert.Equal("arn:aws:iam::111122223333:role/invoker", Assert.Single(Run.Targets(api)).CredentialsArn);
            var missing = new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: "arn:aws:iam::111122223333:${stageVariables.role}").Build();
            Assert.Equal(new[] { "role" }, Assert.Single(Run.Targets(missing)).UnresolvedVariables);
        }

        [Fact] // §4.3 stage variables in an authorizerUri are UNCONFIRMED; they are substituted per stage like integration URIs
        public void StageVariableInAuthorizerUri()
        {
            var api = new TestApi().Stage("dev", ("auth", "auth-dev")).Stage("prod").Authorizer("au1", "tok", Uri(Fn("${stageVariables.auth}"))).Build();
            var targets = Run.Targets(api);
            Assert.Equal(Fn("auth-dev"), targets[0].FunctionArn);
            Assert.Equal(new[] { "auth" }, targets[1].UnresolvedVariables);
        }

        [Fact] // §6.2 a partial function reference in the URI is completed with the API owner's account and the URI's region
        public void PartialFunctionIsCompleted()
        {
            var target = Assert.Single(Run.Targets(new TestApi().Method("/x", "GET", Uri("orders:live")).Build()));
            Assert.Equal(Fn("orders") + ":live", target.FunctionArn);
        }

        [Fact] // a URI whose function part is malformed is still a target, with no function
        public void MalformedFunctionIsATargetWithoutFunction()
        {
            var target = Assert.Single(Run.Targets(new TestApi().Method("/x", "GET", Uri("arn:aws:lambda:us-east-1:111122223333:function:bad name")).Build()));
            Assert.Equal("", target.FunctionArn);
            Assert.Empty(target.UnresolvedVariables);
        }

        [Fact] // §4.3 a stage variable as part of the function name
        public void StageVariableAsPartOfTheName()
        {
            var target = Assert.Single(Run.Targets(new TestApi().Stage("prod", ("env", "prod")).Method("/x", "GET", Uri(Fn("fn-${stageVariables.env}"))).Build()));
            Assert.Equal(Fn("fn-prod"), target.FunctionArn);
            Assert.Null(target.Qualifier);
        }

        [Theory] // §4.3 a value that makes no valid function reference (a '/', a space, a second colon) names no function: the target
        // is Denied as FunctionNotFound, with nothing read and no grant planned
        [InlineData("a/b")]
        [InlineData("f g")]
        [InlineData("f:live:extra")]
        [InlineData("f:")]
        public void StageVariableValueThatNamesNoFunction(string value)
        {
            var api = new TestApi().Stage("prod", ("fn", value)).Method("/x", "GET", Uri(Fn("${stageVariables.fn}"))).Build();
            var target = Assert.Single(Run.Targets(api));
            Assert.Equal("", target.FunctionArn);
            Assert.Empty(EvidenceNeeds.For(new[] { target }).Policies);
            var finding = PermissionEvaluator.Evaluate(target, new EvidenceSet());
            Assert.Equal((PermissionStatus.Denied, PermissionCause.FunctionNotFound), (finding.Status, finding.Cause));
            Assert.Null(finding.SourceArn);
        }

        [Fact] // §5 TOKEN and REQUEST authorizers invoke Lambda; COGNITO_USER_POOLS does not
        public void LambdaAuthorizersAreTargets()
        {
            var api = new TestApi().Authorizer("t1", "tok", Uri(Fn("a")), "TOKEN").Authorizer("r1", "req", Uri(Fn("b")), "REQUEST")
                .Authorizer("c1", "pool", "", "COGNITO_USER_POOLS").Build();
            Assert.Equal(new[] { "r1", "t1" }, Run.Targets(api).Select(t => t.AuthorizerId));
            Assert.All(Run.Targets(api), t => Assert.Equal(TargetKind.Authorizer, t.Kind));
        }

        [Fact] // §5 an authorizer is reported for every stage; method fields = the first method that uses it (path, then method)
        public void AuthorizerPerStageWithFirstUsingMethod()
        {
            var api = new TestApi().Stage("dev").Stage("prod")
                .Method("/b", "GET", Uri(Fn("f")), authorizerId: "au1")
                .Method("/a", "POST", Uri(Fn("f")), authorizerId: "au1")
                .Method("/a", "DELETE", Uri(Fn("f")), authorizerId: "au1")
                .Authorizer("au1", "tok", Uri(Fn("auth"))).Build();
            var authorizers = Run.Targets(api).Where(t => t.Kind == TargetKind.Authorizer).ToList();
            Assert.Equal(new[] { "dev", "prod" }, authorizers.Select(t => t.StageName));
            Assert.All(authorizers, t => Assert.Equal(("r1", "/a", "DELETE"), (t.ResourceId, t.ResourcePath, t.HttpMethod)));
        }

        [Fact] // §5 an authorizer no method uses is still reported, with empty method fields
        public void UnusedAuthorizerHasEmptyMethod()
        {
            var target = Assert.Single(Run.Targets(new TestApi().Authorizer("au1", "tok", Uri(Fn("auth")), "REQUEST", "arn:aws:iam::111122223333:role/r").Build()));
            Assert.Equal(("", "", ""), (target.ResourceId, target.ResourcePath, target.HttpMethod));
            Assert.Equal(("REQUEST", Uri(Fn("auth")), "arn:aws:iam::111122223333:role/r"), (target.IntegrationType, target.IntegrationUri, target.CredentialsArn));
        }

        [Fact] // §5 a method with authorizationType CUSTOM carries its authorizer's id and name
        public void CustomMethodsNameTheirAuthorizer()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f")), authorizerId: "au1").Authorizer("au1", "tok", Uri(Fn("auth"))).Build();
            var method = Run.Targets(api).First(t => t.Kind == TargetKind.Integration);
            Assert.Equal(("au1", "tok"), (method.AuthorizerId, method.AuthorizerName));
        }

        [Fact] // every IntegrationTarget property is filled (contract table)
        public void EveryPropertyIsFilled()
        {
            var api = new TestApi().Method("/pets/{id}", "ANY", Uri(Fn("f") + ":live"), credentials: "arn:aws:iam::111122223333:role/r").Build();
            var t = Assert.Single(Run.Targets(api));
            Assert.Equal(("a1b2c3", "pets-api", Account, Region, "prod"), (t.RestApiId, t.RestApiName, t.ApiAccountId, t.ApiRegion, t.StageName));
            Assert.Equal((TargetKind.Integration, "r0", "/pets/{id}", "ANY"), (t.Kind, t.ResourceId, t.ResourcePath, t.HttpMethod));
            Assert.Equal(("AWS_PROXY", Uri(Fn("f") + ":live"), "arn:aws:iam::111122223333:role/r"), (t.IntegrationType, t.IntegrationUri, t.CredentialsArn));
            Assert.Equal((Fn("f") + ":live", Fn("f"), "live", Region, Account), (t.FunctionArn, t.FunctionName, t.Qualifier, t.Region, t.FunctionAccountId));
            Assert.Equal("arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/ANY/pets/{id}", t.PresentedSourceArn);
        }

        [Fact] // order: stages by name, test-invoke-stage last; paths, then methods; authorizers after the integrations of a stage
        public void OrderIsDeterministic()
        {
            var api = new TestApi().Stage("prod").Stage("beta")
                .Authorizer("z9", "b-auth", Uri(Fn("auth"))).Authorizer("a1", "a-auth", Uri(Fn("auth")))
                .Method("/z", "GET", Uri(Fn("f"))).Method("/a", "POST", Uri(Fn("f"))).Method("/a", "GET", Uri(Fn("f"))).Build();
            var order = Run.Targets(api, testInvoke: true).Select(t => $"{t.StageName} {t.Kind} {t.ResourcePath} {t.HttpMethod} {t.AuthorizerId}".TrimEnd());
            Assert.Equal(new[]
            {
                "beta Integration /a GET", "beta Integration /a POST", "beta Integration /z GET", "beta Authorizer   a1", "beta Authorizer   z9",
                "prod Integration /a GET", "prod Integration /a POST", "prod Integration /z GET", "prod Authorizer   a1", "prod Authorizer   z9",
                "test-invoke-stage Integration /a GET", "test-invoke-stage Integration /a POST", "test-invoke-stage Integration /z GET",
            }, order);
        }

        [Fact] // selection: only the named stages (case-sensitive)
        public void StageSelectionIsCaseSensitive()
        {
            var api = new TestApi().Stage("Prod").Stage("dev").Method("/x", "GET", Uri(Fn("f"))).Build();
            Assert.Equal(new[] { "Prod" }, Run.Targets(api, false, "Prod", "dev2").Select(t => t.StageName));
            Assert.Empty(Run.Targets(api, false, "prod"));
        }
    }
}
