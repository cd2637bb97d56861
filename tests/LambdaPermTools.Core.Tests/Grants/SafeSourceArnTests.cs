using LambdaPermTools.Grants;

namespace LambdaPermTools.Tests.Grants
{
    /// <summary>
    /// The one rule for what a grant may name (issue 18): every SourceArn the planner writes passes, and every edit that would
    /// widen a grant past one API, or name something AWS never issues, is refused with the field at fault.
    /// </summary>
    public class SafeSourceArnTests
    {
        private const string Api = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5";

        [Theory]
        [InlineData(Api + "/*")] // -Scope Api
        [InlineData(Api + "/*/GET/pets")] // -Scope Method
        [InlineData(Api + "/*/*/pets/*")] // ANY, {id} as *
        [InlineData(Api + "/prod/POST/pets/*/toys")] // -Scope Stage
        [InlineData(Api + "/test-invoke-stage/GET/a.b_c-d")]
        [InlineData(Api + "/*/GET/")] // the root
        [InlineData(Api + "/authorizers/abc123")]
        [InlineData("arn:aws-cn:execute-api:cn-north-1:111122223333:a1b2c3d4e5/*")]
        [InlineData("arn:aws-us-gov:execute-api:us-gov-west-1:111122223333:a1b2c3d4e5/*/GET/x")]
        [InlineData("arn:aws:execute-api:il-central-1:111122223333:api1/*")] // a short literal id (test doubles)
        [InlineData(Api + "/*/$default")] // an HTTP API's $default route (docs/aws-rules.md §8)
        [InlineData(Api + "/$default/GET/pets/*")] // -Scope Stage on an HTTP API's $default stage
        [InlineData(Api + "/*/$connect")] // WebSocket routes
        [InlineData(Api + "/production/send_message.v2")]
        public void APlannedSourceArnPasses(string sourceArn)
        {
            Assert.Null(SafeSourceArn.CheckSourceArn(sourceArn));
        }

        [Theory]
        [InlineData("arn:aws:execute-api:us-east-1:111122223333:*/*", "RestApiId")]
        [InlineData("arn:aws:execute-api:us-east-1:111122223333:a1b2*/*/GET/p1", "RestApiId")]
        [InlineData("arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e?/*", "RestApiId")]
        [InlineData("arn:aws:execute-api:us-east-1:111122223333:A1B2C3D4E5/*", "RestApiId")]
        [InlineData("arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5x/*", "RestApiId")]
        [InlineData("arn:aws:execute-api:us-east-1:111122223333:/*", "RestApiId")]
        [InlineData("arn:aws:execute-api:*:111122223333:a1b2c3d4e5/*", "Region")]
        [InlineData("arn:aws:execute-api:us-*:111122223333:a1b2c3d4e5/*", "Region")]
        [InlineData("arn:aws:execute-api::111122223333:a1b2c3d4e5/*", "Region")]
        [InlineData("arn:aws:execute-api:cn-north-1:111122223333:a1b2c3d4e5/*", "Region")] // not a region of partition aws
        [InlineData("arn:aws-cn:execute-api:us-east-1:111122223333:a1b2c3d4e5/*", "Region")]
        [InlineData("arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*", "ApiAccountId")]
        [InlineData("arn:aws:execute-api:us-east-1::a1b2c3d4e5/*", "ApiAccountId")]
        [InlineData("arn:aws:execute-api:us-east-1:11112222333:a1b2c3d4e5/*", "ApiAccountId")]
        [InlineData(Api, "SourceArn")] // matches nothing (docs/aws-rules.md §2)
        [InlineData(Api + "/prod", "SourceArn")]
        [InlineData(Api + "/*/*", "SourceArn")]
        [InlineData(Api + "/*/$def*", "SourceArn")] // a route key is literal
        [InlineData(Api + "/*/send?", "SourceArn")]
        [InlineData(Api + "/$*/$default", "StageName")]
        [InlineData(Api + "/*/GET/../x", "ResourcePath")]
        [InlineData(Api + "/*/GET/*/..", "ResourcePath")]
        [InlineData(Api + "/*/GET/./x", "ResourcePath")]
        [InlineData(Api + "/*/GET/pe*ts", "ResourcePath")]
        [InlineData(Api + "/*/GET/pets?", "ResourcePath")]
        [InlineData(Api + "/*/GET/pets//x", "ResourcePath")]
        [InlineData(Api + "/*/GET/pets/{id}", "ResourcePath")] // the fix always writes * for a {param} (§1.2)
        [InlineData(Api + "/pr*d/GET/pets", "StageName")]
        [InlineData(Api + "//GET/pets", "StageName")]
        [InlineData(Api + "/*/ANY/pets", "HttpMethod")] // ANY is granted as *
        [InlineData(Api + "/*/get/pets", "HttpMethod")]
        [InlineData(Api + "/*/G*T/pets", "HttpMethod")]
        [InlineData(Api + "/authorizers/*", "AuthorizerId")]
        [InlineData("arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5:x/*", "RestApiId")]
        [InlineData("arn:*:execute-api:us-east-1:111122223333:a1b2c3d4e5/*", "SourceArn")]
        [InlineData("arn:aws:lambda:us-east-1:111122223333:a1b2c3d4e5/*", "SourceArn")]
        [InlineData("arn:aws:s3:::bucket", "SourceArn")]
        [InlineData("", "SourceArn")]
        [InlineData("*", "SourceArn")]
        public void AnythingWiderOrNotIssuedIsRefusedNamingTheField(string sourceArn, string field)
        {
            Assert.Equal(field, SafeSourceArn.CheckSourceArn(sourceArn)?.Field);
        }

        [Theory]
        [InlineData(nameof(IntegrationTarget.RestApiId), "*")]
        [InlineData(nameof(IntegrationTarget.RestApiId), "a1b2*")]
        [InlineData(nameof(IntegrationTarget.RestApiId), "a1b2/*")] // a '/' would shift stage and method
        [InlineData(nameof(IntegrationTarget.RestApiId), "")]
        [InlineData(nameof(IntegrationTarget.RestApiId), "${MyApi}")] // a template's symbolic value
        [InlineData(nameof(IntegrationTarget.Region), "*")]
        [InlineData(nameof(IntegrationTarget.Region), "")]
        [InlineData(nameof(IntegrationTarget.Region), "${AWS::Region}")]
        [InlineData(nameof(IntegrationTarget.ApiAccountId), "*")]
        [InlineData(nameof(IntegrationTarget.ApiAccountId), "1111*")]
        [InlineData(nameof(IntegrationTarget.StageName), "")]
        [InlineData(nameof(IntegrationTarget.StageName), "*")]
        [InlineData(nameof(IntegrationTarget.StageName), "prod/*")]
        [InlineData(nameof(IntegrationTarget.HttpMethod), "*")]
        [InlineData(nameof(IntegrationTarget.HttpMethod), "GET/*")]
        [InlineData(nameof(IntegrationTarget.HttpMethod), "")]
        [InlineData(nameof(IntegrationTarget.ResourcePath), "/../x")]
        [InlineData(nameof(IntegrationTarget.ResourcePath), "/*/..")]
        [InlineData(nameof(IntegrationTarget.ResourcePath), "/pets/*")]
        [InlineData(nameof(IntegrationTarget.ResourcePath), "/pe*")]
        [InlineData(nameof(IntegrationTarget.ResourcePath), "pets")]
        [InlineData(nameof(IntegrationTarget.ResourcePath), "/pets/")]
        [InlineData(nameof(IntegrationTarget.ResourcePath), "")]
        [InlineData(nameof(IntegrationTarget.ResourcePath), "/{id")]
        [InlineData(nameof(IntegrationTarget.FunctionName), "*")]
        [InlineData(nameof(IntegrationTarget.FunctionName), "arn:aws:s3:::bucket:x:y")]
        public void AnEditedTargetIsRefusedNamingTheField(string field, string value)
        {
            var target = Method();
            typeof(IntegrationTarget).GetProperty(field)!.SetValue(target, value);
            Assert.Equal(field, SafeSourceArn.CheckTarget(target)?.Field);
        }

        [Theory]
        [InlineData("/")]
        [InlineData("/pets")]
        [InlineData("/pets/{id}")]
        [InlineData("/{proxy+}")]
        [InlineData("/v1.2/pets_x/my-toys/{pet.id}")]
        public void ATargetAsApiGatewayDescribesItPasses(string path)
        {
            var target = Method();
            target.ResourcePath = path;
            Assert.Null(SafeSourceArn.CheckTarget(target));
            target.HttpMethod = "ANY";
            Assert.Null(SafeSourceArn.CheckTarget(target));
        }

        [Fact] // an authorizer has no method or path of its own; its id must be literal
        public void AnAuthorizerNeedsALiteralId()
        {
            var target = Method();
            target.Kind = TargetKind.Authorizer;
            target.HttpMethod = "";
            target.ResourcePath = "";
            target.AuthorizerId = "abc123";
            Assert.Null(SafeSourceArn.CheckTarget(target));
            target.AuthorizerId = "*";
            Assert.Equal("AuthorizerId", SafeSourceArn.CheckTarget(target)?.Field);
        }

        [Theory] // HTTP and WebSocket targets name their API by ApiId, and a route without a method by its literal route key
        [InlineData(nameof(IntegrationTarget.ApiId), "*")]
        [InlineData(nameof(IntegrationTarget.ApiId), "")]
        [InlineData(nameof(IntegrationTarget.RouteKey), "*")]
        [InlineData(nameof(IntegrationTarget.RouteKey), "send/*")]
        [InlineData(nameof(IntegrationTarget.RouteKey), "")]
        [InlineData(nameof(IntegrationTarget.StageName), "$*")]
        public void AnEditedV2RouteIsRefusedNamingTheField(string field, string value)
        {
            var target = WebSocketRoute();
            Assert.Null(SafeSourceArn.CheckTarget(target));
            typeof(IntegrationTarget).GetProperty(field)!.SetValue(target, value);
            Assert.Equal(field, SafeSourceArn.CheckTarget(target)?.Field);
        }

        [Fact]
        public void AnHttpApisDefaultRouteOnTheDefaultStagePasses()
        {
            var target = WebSocketRoute();
            target.ApiType = ApiType.Http;
            target.StageName = target.RouteKey = "$default";
            Assert.Null(SafeSourceArn.CheckTarget(target));
        }

        private static IntegrationTarget WebSocketRoute() => new IntegrationTarget
        {
            ApiId = "a1b2c3d4e5",
            ApiType = ApiType.WebSocket,
            Region = "eu-west-1",
            ApiAccountId = "111122223333",
            StageName = "production",
            Kind = TargetKind.Integration,
            RouteKey = "$connect",
            FunctionName = "arn:aws:lambda:eu-west-1:444455556666:function:chat",
        };

        private static IntegrationTarget Method() => new IntegrationTarget
        {
            RestApiId = "a1b2c3d4e5",
            Region = "eu-west-1",
            ApiAccountId = "111122223333",
            StageName = "prod",
            Kind = TargetKind.Integration,
            HttpMethod = "GET",
            ResourcePath = "/pets",
            FunctionName = "arn:aws:lambda:eu-west-1:444455556666:function:pets",
        };
    }
}
