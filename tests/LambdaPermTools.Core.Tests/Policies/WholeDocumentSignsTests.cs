using LambdaPermTools.Policies;

namespace LambdaPermTools.Tests.Policies
{
    /// <summary>docs/aws-rules.md §3.6: a statement AddPermission cannot write is a sign of a whole-document policy.</summary>
    public class WholeDocumentSignsTests
    {
        private const string AddPermissionStatement =
            "{\"Sid\":\"lpt-a\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda:us-east-1:111122223333:function:f\","
            + "\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:execute-api:us-east-1:111122223333:a1/*/GET/x\"},\"StringEquals\":{\"AWS:SourceAccount\":\"111122223333\"}}}";

        private static string Policy(params string[] statements) => "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

        [Fact]
        public void StatementsAddPermissionWritesAreNoSign() => Assert.Empty(WholeDocumentSigns.Find(Policy(AddPermissionStatement)));

        [Fact]
        public void NoPolicyOrNoJsonIsNoSign()
        {
            Assert.Empty(WholeDocumentSigns.Find((string?)null));
            Assert.Empty(WholeDocumentSigns.Find("not json"));
        }

        [Theory]
        [InlineData("{\"Sid\":\"d\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\"}", "Effect 'Deny'")]
        [InlineData("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\"}", "no Sid")]
        [InlineData("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"lambda:InvokeFunction\"]}", "an Action list")]
        [InlineData("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}", "'aws:SourceIp'")]
        public void StatementsAddPermissionCannotWriteAreSigns(string statement, string why)
        {
            var sign = Assert.Single(WholeDocumentSigns.Find(Policy(AddPermissionStatement, statement)));
            Assert.Contains(why, sign);
            Assert.StartsWith("Statement ", sign);
        }
    }
}
