using LambdaPermTools.Arns;

namespace LambdaPermTools.Tests.Arns
{
    /// <summary>docs/aws-rules.md §4.2–§4.4: Lambda URIs, function ARNs, stage variables and credentials.</summary>
    public class ParserTests
    {
        private static readonly FunctionDefaults Defaults = new("aws", "us-east-1", "111122223333");

        [Theory] // §4.2 a function ARN with and without qualifier ($LATEST, version, alias)
        [InlineData("arn:aws:lambda:us-east-1:111122223333:function:my-fn", "my-fn", null)]
        [InlineData("arn:aws:lambda:us-east-1:111122223333:function:my-fn:$LATEST", "my-fn", "$LATEST")]
        [InlineData("arn:aws:lambda:us-east-1:111122223333:function:my-fn:7", "my-fn", "7")]
        [InlineData("arn:aws:lambda:us-east-1:111122223333:function:my_fn:live-1", "my_fn", "live-1")]
        [InlineData("arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:f", "f", null)]
        [InlineData("arn:aws-cn:lambda:cn-north-1:111122223333:function:f:$LATEST.PUBLISHED", "f", "$LATEST.PUBLISHED")]
        public void ParsesFullArns(string text, string name, string? qualifier)
        {
            var arn = FunctionArn.Parse(text);
            Assert.Equal(name, arn.Name);
            Assert.Equal(qualifier, arn.Qualifier);
            Assert.Equal(text, arn.Qualified);
            Assert.Equal(qualifier == null ? text : text.Substring(0, text.Length - qualifier.Length - 1), arn.Unqualified);
        }

        [Theory] // §6.2 FunctionName may be a name, partial ARN or full ARN
        [InlineData("my-fn", "arn:aws:lambda:us-east-1:111122223333:function:my-fn")]
        [InlineData("my-fn:live", "arn:aws:lambda:us-east-1:111122223333:function:my-fn:live")]
        [InlineData("444455556666:function:my-fn", "arn:aws:lambda:us-east-1:444455556666:function:my-fn")]
        [InlineData("444455556666:function:my-fn:3", "arn:aws:lambda:us-east-1:444455556666:function:my-fn:3")]
        public void CompletesPartialArnsFromDefaults(string text, string expected) => Assert.Equal(expected, FunctionArn.Parse(text, Defaults).Qualified);

        [Theory] // malformed input: a typed, explained error
        [InlineData("", "empty")]
        [InlineData("arn:aws:lambda:us-east-1:111122223333:function", "not a function ARN")]
        [InlineData("arn:aws:s3:us-east-1:111122223333:function:f", "not a Lambda function ARN")]
        [InlineData("arn:aws:lambda:us-east-1:1111:function:f", "account id")]
        [InlineData("arn:aws:lambda:us-east-1:111122223333:function:my fn", "function name")]
        [InlineData("arn:aws:lambda:us-east-1:111122223333:function:f:bad.q", "qualifier")]
        [InlineData("arn:aws:lambda:US-EAST-1:111122223333:function:f", "region")]
        [InlineData("arn:azure:lambda:us-east-1:111122223333:function:f", "partition")]
        [InlineData("my-fn", "full function ARN is needed")]
        public void RejectsMalformedFunctionArns(string text, string fragment)
        {
            var error = Assert.Throws<ArnFormatException>(() => FunctionArn.Parse(text));
            Assert.Contains(fragment, error.Message);
            Assert.Equal(text, error.Input);
        }

        [Theory] // §4.2 Lambda URI: arn:{p}:apigateway:{region}:lambda:path/2015-03-31/functions/{FunctionArn}/invocations
        [InlineData("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:HelloWorld/invocations", "aws", "us-east-1", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld")]
        [InlineData("arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:123456789012:function:f:live/invocations", "aws-cn", "cn-north-1", "arn:aws-cn:lambda:cn-north-1:123456789012:function:f:live")]
        [InlineData("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations", "aws", "us-east-1", "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}")]
        public void ParsesLambdaUris(string uri, string partition, string region, string function)
        {
            var parsed = LambdaUri.Parse(uri);
            Assert.Equal(partition, parsed.Partition);
            Assert.Equal(region, parsed.Region);
            Assert.Equal(function, parsed.FunctionReference);
        }

        [Theory] // §4.1 HTTP, S3, SQS and malformed URIs are not Lambda URIs
        [InlineData("https://example.com/pets")]
        [InlineData("arn:aws:apigateway:us-east-1:s3:path/bucket/key")]
        [InlineData("arn:aws:apigateway:us-east-1:sqs:action/SendMessage")]
        [InlineData("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions//invocations")]
        [InlineData("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f")]
        [InlineData(null)]
        public void OtherUrisAreNotLambda(string? uri)
        {
            Assert.False(LambdaUri.TryParse(uri, out _));
            Assert.Throws<ArnFormatException>(() => LambdaUri.Parse(uri));
        }

        [Fact] // §4.3 a stage variable as the function name, as the qualifier, and a value holding name:alias
        public void SubstitutesStageVariables()
        {
            var vars = new System.Collections.Generic.Dictionary<string, string> { ["fn"] = "orders:live", ["alias"] = "blue" };
            var unresolved = new System.Collections.Generic.List<string>();
            Assert.Equal("function:orders:live", StageVariables.Substitute("function:${stageVariables.fn}", vars, unresolved));
            Assert.Equal("function:f:blue", StageVariables.Substitute("function:f:${stageVariables.alias}", vars, unresolved));
            Assert.Empty(unresolved);
            Assert.Equal("x:${stageVariables.missing}:${stageVariables.missing}", StageVariables.Substitute("x:${stageVariables.missing}:${stageVariables.missing}", vars, unresolved));
            Assert.Equal(new[] { "missing" }, unresolved);
        }

        [Theory] // §4.4 credentials: null, caller passthrough, role ARN (name without path), anything else
        [InlineData(null, CredentialsKind.None, "", "")]
        [InlineData("arn:aws:iam::*:user/*", CredentialsKind.CallerPassthrough, "", "")]
        [InlineData("arn:aws-cn:iam::*:user/*", CredentialsKind.CallerPassthrough, "", "")]
        [InlineData("arn:aws:iam::111122223333:role/apigw-invoke", CredentialsKind.Role, "111122223333", "apigw-invoke")]
        [InlineData("arn:aws:iam::111122223333:role/service/apigw-invoke", CredentialsKind.Role, "111122223333", "apigw-invoke")]
        [InlineData("arn:aws:iam::111122223333:user/bob", CredentialsKind.Invalid, "", "")]
        [InlineData("arn:aws:iam::111122223333:${stageVariables.role}", CredentialsKind.Invalid, "", "")]
        public void ClassifiesCredentials(string? text, CredentialsKind kind, string account, string name)
        {
            var credentials = CredentialsArn.Classify(text);
            Assert.Equal(kind, credentials.Kind);
            Assert.Equal(account, credentials.AccountId);
            Assert.Equal(name, credentials.RoleName);
        }
    }
}
