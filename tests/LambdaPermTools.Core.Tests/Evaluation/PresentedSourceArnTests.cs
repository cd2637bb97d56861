using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Evaluation
{
    /// <summary>docs/aws-rules.md §1: the source ARN API Gateway presents, per target and stage.</summary>
    public class PresentedSourceArnTests
    {
        private static IntegrationTarget Only(TestApi api) => Assert.Single(Run.Targets(api.Build()));

        [Fact] // §1.1 method ARN format: arn:{p}:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}
        public void MethodArnHasStageMethodAndPath()
        {
            var target = Only(new TestApi().Method("/pets", "GET", Uri(Fn("f"))));
            Assert.Equal("arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/pets", target.PresentedSourceArn);
        }

        [Fact] // §1.1, §1.6 authorizer ARN: {apiId}/authorizers/{authorizerId}, no stage, no method, the same for every stage
        public void AuthorizerArnHasNoStageOrMethod()
        {
            var targets = Run.Targets(new TestApi().Stage("dev").Stage("prod").Authorizer("au1", "tok", Uri(Fn("auth"))).Build());
            Assert.Equal(2, targets.Count);
            Assert.All(targets, t => Assert.Equal("arn:aws:execute-api:us-east-1:111122223333:a1b2c3/authorizers/au1", t.PresentedSourceArn));
        }

        [Fact] // §1.1 account segment: the API owner's account, also for a function in another account
        public void AccountIsTheApiOwnersForCrossAccountFunction()
        {
            var target = Only(new TestApi().Method("/x", "POST", Uri(Fn("f", account: OtherAccount))));
            Assert.Equal(OtherAccount, target.FunctionAccountId);
            Assert.Equal(Account, target.ApiAccountId);
            Assert.StartsWith($"arn:aws:execute-api:us-east-1:{Account}:", target.PresentedSourceArn);
        }

        [Fact] // §1.1 region segment: the function's region when it differs from the API's
        public void RegionIsTheFunctionsRegion()
        {
            var target = Only(new TestApi().Method("/x", "POST", Uri(Fn("f", region: "eu-west-1"))));
            Assert.Equal("eu-west-1", target.Region);
            Assert.Equal("us-east-1", target.ApiRegion);
            Assert.Equal($"arn:aws:execute-api:eu-west-1:{Account}:a1b2c3/prod/POST/x", target.PresentedSourceArn);
        }

        [Theory] // §1.1 partition: the API's partition (aws, aws-cn, aws-us-gov)
        [InlineData("aws-cn", "cn-north-1")]
        [InlineData("aws-us-gov", "us-gov-west-1")]
        public void PartitionIsTheApis(string partition, string region)
        {
            var target = Only(new TestApi().Partition(partition, region).Method("/x", "GET", Uri(Fn("f", region, partition: partition), region, partition)));
            Assert.Equal($"arn:{partition}:execute-api:{region}:{Account}:a1b2c3/prod/GET/x", target.PresentedSourceArn);
            Assert.Equal($"arn:{partition}:lambda:{region}:{Account}:function:f", target.FunctionName);
        }

        [Theory] // §1.2 the resource-path segment is the configured template path, greedy parameters included
        [InlineData("/pets/{id}", "/pets/{id}")]
        [InlineData("/{proxy+}", "/{proxy+}")]
        [InlineData("/a/{b}/c/{rest+}", "/a/{b}/c/{rest+}")]
        public void PathIsTheTemplate(string path, string presented)
        {
            var target = Only(new TestApi().Method(path, "GET", Uri(Fn("f"))));
            Assert.EndsWith("/prod/GET" + presented, target.PresentedSourceArn);
        }

        [Fact] // §1.3 ANY presents the literal ANY, not the request's verb
        public void AnyPresentsLiteralAny()
        {
            var target = Only(new TestApi().Method("/items", "ANY", Uri(Fn("f"))));
            Assert.Equal("ANY", target.HttpMethod);
            Assert.EndsWith("/prod/ANY/items", target.PresentedSourceArn);
        }

        [Fact] // §1.4 the root resource presents an empty path: …/{METHOD}/
        public void RootEndsWithMethodAndSlash()
        {
            var target = Only(new TestApi().Method("/", "GET", Uri(Fn("f"))));
            Assert.Equal("arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/", target.PresentedSourceArn);
        }

        [Fact] // §1.5 the console's Test button presents stage test-invoke-stage (methods only; authorizers have no stage)
        public void TestInvokePresentsTestInvokeStage()
        {
            var targets = Run.Targets(new TestApi().Method("/x", "GET", Uri(Fn("f")), authorizerId: "au1").Authorizer("au1", "tok", Uri(Fn("auth"))).Build(), testInvoke: true);
            var test = Assert.Single(targets, t => t.StageName == "test-invoke-stage");
            Assert.Equal(TargetKind.Integration, test.Kind);
            Assert.EndsWith("a1b2c3/test-invoke-stage/GET/x", test.PresentedSourceArn);
        }

        [Fact] // §1.5 the stage segment is the stage name, case preserved
        public void StageNameKeepsItsCase()
        {
            var target = Only(new TestApi().Stage("Prod").Method("/x", "GET", Uri(Fn("f"))));
            Assert.EndsWith("a1b2c3/Prod/GET/x", target.PresentedSourceArn);
        }

        [Fact] // §1.7 the function's region comes from the function ARN, not the URI prefix (§4.2)
        public void FunctionRegionWinsOverUriRegion()
        {
            var target = Only(new TestApi().Method("/x", "GET", Uri(Fn("f", region: "eu-west-1"), region: "us-east-1")));
            Assert.Equal("eu-west-1", target.Region);
            Assert.Contains(":execute-api:eu-west-1:", target.PresentedSourceArn);
        }
    }
}
