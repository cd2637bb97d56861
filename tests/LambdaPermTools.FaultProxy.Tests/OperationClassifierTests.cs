using LambdaPermTools.FaultProxy;

namespace LambdaPermTools.FaultProxy.Tests
{
    // Routes from docs/aws-rules.md §6.1 (API Gateway), §6.2 (Lambda), §6.3 (IAM Query protocol).
    public class OperationClassifierTests
    {
        private const string ApiGatewayAuth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/eu-west-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
        private const string LambdaAuth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/eu-west-1/lambda/aws4_request, SignedHeaders=host, Signature=abc";

        [Theory]
        [InlineData("GET", "/restapis?limit=500", "apigateway:GetRestApis")]
        [InlineData("GET", "/restapis/a1b2c3/resources?embed=methods&limit=500&position=xyz", "apigateway:GetResources")]
        [InlineData("GET", "/restapis/a1b2c3/authorizers?limit=500", "apigateway:GetAuthorizers")]
        [InlineData("GET", "/restapis/a1b2c3/stages", "apigateway:GetStages")]
        [InlineData("GET", "/restapis/a1b2c3/stages/prod/exports/oas30?extensions=integrations", "apigateway:GetExport")]
        [InlineData("GET", "/restapis/a1b2c3/resources/r1/methods/GET/integration", "apigateway:GetIntegration")]
        [InlineData("POST", "/restapis/a1b2c3/resources/r1/methods/GET", "apigateway:TestInvokeMethod")]
        [InlineData("POST", "/restapis?mode=import", "apigateway:ImportRestApi")]
        [InlineData("POST", "/restapis/a1b2c3/deployments", "apigateway:CreateDeployment")]
        [InlineData("GET", "/restapis/a1b2c3/deployments/d1", "apigateway:GetDeployment")]
        public void ApiGatewayRoutes(string method, string target, string expected)
        {
            Assert.Equal(expected, OperationClassifier.Classify(method, target, ApiGatewayAuth, null).Key);
        }

        [Theory]
        [InlineData("GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Afn/policy?Qualifier=live", "lambda:GetPolicy")]
        [InlineData("POST", "/2015-03-31/functions/fn/policy", "lambda:AddPermission")]
        [InlineData("DELETE", "/2015-03-31/functions/fn/policy/sid-1?RevisionId=r", "lambda:RemovePermission")]
        [InlineData("GET", "/2015-03-31/functions/fn?Qualifier=live", "lambda:GetFunction")]
        [InlineData("GET", "/2015-03-31/functions/fn/aliases/live", "lambda:GetAlias")]
        public void LambdaRoutes(string method, string target, string expected)
        {
            Assert.Equal(expected, OperationClassifier.Classify(method, target, LambdaAuth, null).Key);
        }

        [Fact]
        public void QueryProtocolActionComesFromTheFormBodyAndServiceFromTheScope()
        {
            var iam = OperationClassifier.Classify("POST", "/", "AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/iam/aws4_request, Signature=x", "Action=GetRole&Version=2010-05-08&RoleName=r");
            var sts = OperationClassifier.Classify("POST", "/", "AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/sts/aws4_request, Signature=x", "Action=GetCallerIdentity&Version=2011-06-15");

            Assert.Equal("iam:GetRole", iam.Key);
            Assert.Equal("sts:GetCallerIdentity", sts.Key);
        }

        [Fact]
        public void UnsignedQueryRequestsAreAttributedByAction()
        {
            Assert.Equal("sts:GetCallerIdentity", OperationClassifier.Classify("POST", "/", null, "Action=GetCallerIdentity&Version=2011-06-15").Key);
            Assert.Equal("iam:SimulatePrincipalPolicy", OperationClassifier.Classify("POST", "/", null, "Action=SimulatePrincipalPolicy").Key);
        }

        [Fact]
        public void QuotaHolderIsTheAccessKeyAndRegionOfTheCredentialScope()
        {
            Assert.Equal("AKIDEXAMPLE/eu-west-1", OperationClassifier.Classify("GET", "/restapis", ApiGatewayAuth, null).QuotaHolder);
            Assert.Equal("unsigned", OperationClassifier.Classify("GET", "/restapis", null, null).QuotaHolder);
        }

        [Fact]
        public void UnknownRoutesAreCountedByShapeWithIdsHidden()
        {
            var op = OperationClassifier.Classify("PATCH", "/restapis/a1b2c3/resources/r1/methods/GET/responses/200", ApiGatewayAuth, null);

            Assert.Equal("apigateway", op.Service);
            Assert.Equal("PATCH /restapis/{id}/resources/{id}/methods/{id}/responses/{id}", op.Name);
        }

        [Fact]
        public void SignedServiceWinsOverAPathThatLooksLikeAnotherService()
        {
            // moto serves every service on one port; the credential scope says which API the client meant.
            var op = OperationClassifier.Classify("GET", "/restapis", LambdaAuth, null);

            Assert.Equal("lambda", op.Service);
        }
    }
}
