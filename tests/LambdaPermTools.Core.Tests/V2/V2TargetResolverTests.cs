using System.Linq;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.V2
{
    /// <summary>Targets of HTTP and WebSocket APIs and the source ARNs they present (docs/aws-rules.md §8).</summary>
    public class V2TargetResolverTests
    {
        private const string P = TestV2Api.Prefix;

        [Fact]
        public void HttpRoutesPresentStageMethodAndPathAndTheDefaultRouteItsOwnForm()
        {
            var targets = new TestV2Api()
                .Route("GET /pets/{id}", Uri(Fn("f")))
                .Route("ANY /{proxy+}", Fn("f"))
                .Route("$default", Fn("g"))
                .Targets();
            Assert.Equal(new[] { "$default", "ANY /{proxy+}", "GET /pets/{id}" }, targets.Select(t => t.RouteKey));
            Assert.Equal(new[] { P + "/$default/$default", P + "/$default/ANY/{proxy+}", P + "/$default/GET/pets/{id}" }, targets.Select(t => t.PresentedSourceArn));
            Assert.All(targets, t => Assert.Equal((TestV2Api.Id, ApiType.Http, "", "$default"), (t.ApiId, t.ApiType, t.RestApiId, t.StageName)));
            Assert.Equal(Fn("g"), targets[0].FunctionArn);
            Assert.Equal(("", ""), (targets[0].HttpMethod, targets[0].ResourcePath));
            Assert.Equal(("GET", "/pets/{id}"), (targets[2].HttpMethod, targets[2].ResourcePath));
        }

        [Fact] // JWT authorizers invoke no Lambda; a REQUEST authorizer presents {api}/authorizers/{id} in every stage
        public void OnlyLambdaRequestAuthorizersAreTargets()
        {
            var targets = new TestV2Api()
                .Stage("$default").Stage("prod")
                .Route("GET /pets/{id}", Fn("f"), authorizerId: "au1")
                .Authorizer("au1", "lambda-auth", Uri(Fn("auth")))
                .Authorizer("jw1", "jwt-auth", null, type: "JWT")
                .Targets();
            var authorizers = targets.Where(t => t.Kind == TargetKind.Authorizer).ToList();
            Assert.Equal(2, authorizers.Count);
            Assert.All(authorizers, a => Assert.Equal((P + "/authorizers/au1", Fn("auth"), "GET /pets/{id}"), (a.PresentedSourceArn, a.FunctionArn, a.RouteKey)));
            Assert.Equal(new[] { "$default", "prod" }, authorizers.Select(a => a.StageName));
            Assert.Equal("lambda-auth", targets.First(t => t.Kind == TargetKind.Integration).AuthorizerName);
        }

        [Fact]
        public void WebSocketRoutesPresentStageAndRouteKey()
        {
            var targets = new TestV2Api(ApiType.WebSocket).Stage("production")
                .Route("$connect", Uri(Fn("ws")), authorizerId: "au1")
                .Route("sendmessage", Uri(Fn("ws")))
                .Authorizer("au1", "connect-auth", Uri(Fn("auth")))
                .Targets();
            Assert.Equal(new[] { P + "/production/$connect", P + "/production/sendmessage", P + "/authorizers/au1" }, targets.Select(t => t.PresentedSourceArn));
            Assert.Equal(ApiType.WebSocket, targets[0].ApiType);
        }

        [Fact] // §4.1 a WebSocket API invokes Lambda through AWS (non-proxy) integrations too, presenting the same route form
        public void WebSocketNonProxyLambdaIntegrationsAreTargets()
        {
            var targets = new TestV2Api(ApiType.WebSocket).Stage("prod")
                .Route("sendmessage", Uri(Fn("ws")), type: "AWS")
                .Route("$connect", Uri(Fn("ws")))
                .Targets();
            Assert.Equal(2, targets.Count(t => t.Kind == TargetKind.Integration));
            var send = targets.Single(t => t.RouteKey == "sendmessage");
            Assert.Equal(("AWS", P + "/prod/sendmessage", Fn("ws")), (send.IntegrationType, send.PresentedSourceArn, send.FunctionArn));
        }

        [Fact] // routes to HTTP backends, MOCK-like and non-Lambda URIs are no targets; an HTTP API invokes Lambda through AWS_PROXY only (§4.1)
        public void NonLambdaIntegrationsAreSkipped()
        {
            var targets = new TestV2Api()
                .Route("GET /a", "https://example.com", type: "HTTP_PROXY")
                .Route("GET /b", "arn:aws:apigateway:us-east-1:sqs:path/1/q")
                .Route("GET /c", Uri(Fn("f")), type: "AWS")
                .Targets();
            Assert.Empty(targets);
        }

        [Fact] // §4.1 a WebSocket AWS integration to another service (DynamoDB, SQS) invokes no Lambda
        public void WebSocketNonLambdaAwsIntegrationsAreSkipped()
        {
            var targets = new TestV2Api(ApiType.WebSocket)
                .Route("putitem", "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem", type: "AWS")
                .Targets();
            Assert.Empty(targets);
        }

        [Fact]
        public void StageVariablesAreSubstitutedPerStage()
        {
            var targets = new TestV2Api()
                .Stage("dev", true, ("fn", "f-dev")).Stage("prod", true)
                .Route("GET /pets", Uri("arn:aws:lambda:us-east-1:111122223333:function:${stageVariables.fn}"))
                .Targets();
            Assert.Equal(Fn("f-dev"), targets[0].FunctionArn);
            Assert.Equal(new[] { "fn" }, targets[1].UnresolvedVariables);
        }
    }
}
