using LambdaPermTools.Evaluation;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Tests.Grants
{
    /// <summary>Statement ids (docs/aws-rules.md §9: deterministic, [A-Za-z0-9_-]{1,100}; §3.1: one policy per function, alias and version).</summary>
    public class StatementIdTests
    {
        private const string SourceArn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/GET/pets/*";

        [Fact] // the same grant on two aliases gets two ids, so a policy store that merges alias policies (moto) keeps both
        public void EachQualifierGetsItsOwnId()
        {
            Assert.NotEqual(StatementIds.For(SourceArn, "prod"), StatementIds.For(SourceArn, "dev"));
            Assert.NotEqual(StatementIds.For(SourceArn), StatementIds.For(SourceArn, "prod"));
        }

        [Fact] // deterministic: running the fix again finds its own statement by id
        public void TheSameGrantAlwaysGetsTheSameId()
        {
            Assert.Equal(StatementIds.For(SourceArn, "prod"), StatementIds.For(SourceArn, "prod"));
            Assert.Matches("^lpt-a1b2c3d4e5-all-GET-pets-all-[0-9a-f]{12}$", StatementIds.For(SourceArn, "prod"));
        }

        [Fact] // the planner and the finding agree on the id of a qualified grant
        public void PlannedGrantUsesTheFindingsQualifiedId()
        {
            var finding = new PermissionFinding
            {
                Status = PermissionStatus.Denied,
                Cause = PermissionCause.NoPolicy,
                FunctionName = "arn:aws:lambda:eu-west-1:123456789012:function:petsFn",
                FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:petsFn:prod",
                Qualifier = "prod",
                Region = "eu-west-1",
                FunctionAccountId = "123456789012",
                RestApiId = "a1b2c3d4e5",
                ApiId = "a1b2c3d4e5",
                ApiAccountId = "123456789012",
                ApiRegion = "eu-west-1",
                StageName = "prod",
                ResourcePath = "/pets/{petId}",
                HttpMethod = "GET",
                PresentedSourceArn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/pets/{petId}",
            };

            var grant = Assert.Single(FixPlanner.Plan(new[] { finding }, new FixOptions(), new EvidenceSet()).Grants);

            Assert.Equal(SourceArn, grant.SourceArn);
            Assert.Equal(StatementIds.For(SourceArn, "prod"), grant.StatementId);
        }
    }
}
