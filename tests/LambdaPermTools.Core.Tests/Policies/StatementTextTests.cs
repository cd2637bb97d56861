using System.Linq;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Tests.Policies
{
    /// <summary>A statement's Json is its text in the document, cut when first asked for, in every form a policy comes in.</summary>
    public class StatementTextTests
    {
        private const string First = "{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\"}";
        private const string Second = "{ \"Sid\": \"b\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": [\"lambda:*\"] }";

        [Fact]
        public void EachStatementOfAnArrayKeepsItsOwnText()
        {
            var policy = PolicyDocument.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + First + ",\n  " + Second + "]}");
            Assert.Equal(new[] { First, Second }, policy.Statements.Select(s => s.Json));
        }

        [Fact]
        public void ASingleStatementObjectAndTheGetPolicyWrapperKeepTheirText()
        {
            Assert.Equal(Second, PolicyDocument.Parse("{\"Statement\":" + Second + "}").Statements.Single().Json);
            var wrapped = System.Text.Json.JsonSerializer.Serialize(new { Policy = "{\"Statement\":[" + First + "]}", RevisionId = "r1" });
            Assert.Equal(First, PolicyDocument.Parse(wrapped).Statements.Single().Json);
        }

        [Fact]
        public void WellKnownWordsAreHeldOnce()
        {
            var one = PolicyDocument.Parse("{\"Statement\":[" + First + "]}").Statements.Single();
            var two = PolicyDocument.Parse("{\"Statement\":[" + First + "]}").Statements.Single();
            Assert.Same(one.Effect, two.Effect);
            Assert.Same(one.Actions[0], two.Actions[0]);
            Assert.Same(one.Principal!.Services[0], two.Principal!.Services[0]);
        }
    }
}
