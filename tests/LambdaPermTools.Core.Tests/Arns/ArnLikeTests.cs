using LambdaPermTools.Arns;

namespace LambdaPermTools.Tests.Arns
{
    /// <summary>docs/aws-rules.md §2: ArnLike as IAM evaluates it, and its consequences for execute-api ARNs.</summary>
    public class ArnLikeTests
    {
        private const string P = "arn:aws:execute-api:us-east-1:111122223333";
        private const string Method = P + ":a1b2c3/prod/GET/pets/{id}";
        private const string Authorizer = P + ":a1b2c3/authorizers/au1";
        private const string Root = P + ":a1b2c3/prod/GET/";

        [Theory] // §2 ArnLike and ArnEquals behave identically and honour * and ?
        [InlineData(P + ":a1b2c3/prod/GET/pets/{id}", true)]
        [InlineData(P + ":a1b2c3/pro?/GET/pets/{id}", true)]
        [InlineData(P + ":a1b2c3/pr?/GET/pets/{id}", false)]
        public void QuestionMarkIsExactlyOneCharacter(string pattern, bool matches) => Assert.Equal(matches, ArnPattern.ArnLike(pattern, Method));

        [Theory] // §2 six components, each matched separately; * spans '/' and may be empty within the resource component
        [InlineData(P + ":a1b2c3/*", true)]
        [InlineData(P + ":a1b2c3/*/GET/pets/*", true)]
        [InlineData(P + ":a1b2c3/prod/GET/pets/{id}*", true)]
        [InlineData("arn:aws:execute-api:*:111122223333:a1b2c3/*", true)]
        [InlineData("arn:aws:execute-api:us-east-1:*:*", true)]
        [InlineData(P + ":a1b2c3/*/GET/*{id}", true)] // backtracking: the first * must give back 'pets/'
        [InlineData(P + ":a1b2c3/*/*/*/*/*", false)] // five '/' needed, the value has four
        [InlineData(P + ":a1b2c3/*/GET/*/*/{id}", false)]
        [InlineData("arn:aws:execute-api:us-east-?:1111222233??:a1b2c3/*", true)]
        public void StarSpansSlashesAndMatchesEmpty(string pattern, bool matches) => Assert.Equal(matches, ArnPattern.ArnLike(pattern, Method));

        [Fact] // §2 case-sensitive: GET ≠ get, Prod ≠ prod
        public void MatchingIsCaseSensitive()
        {
            Assert.False(ArnPattern.ArnLike(P + ":a1b2c3/prod/get/pets/{id}", Method));
            Assert.False(ArnPattern.ArnLike(P + ":a1b2c3/Prod/GET/pets/{id}", Method));
            Assert.False(ArnPattern.ArnLike("ARN:aws:execute-api:us-east-1:111122223333:a1b2c3/*", Method));
        }

        [Fact] // §2 * cannot span ':' under ArnLike (IAM-UG worked example); StringLike is a whole-string glob and can
        public void StarCannotSpanColonsButStringLikeCan()
        {
            const string pattern = "arn:aws:execute-api:*:a1b2c3/*";
            Assert.False(ArnPattern.ArnLike(pattern, Method));
            Assert.True(ArnPattern.StringLike(pattern, Method));
        }

        [Fact] // §2 literal braces, '+' and '$' are ordinary characters: {id} matches only the identical template
        public void BracesAreLiteral()
        {
            Assert.False(ArnPattern.ArnLike(P + ":a1b2c3/prod/GET/pets/{petId}", Method));
            Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/prod/ANY/{proxy+}", P + ":a1b2c3/prod/ANY/{proxy+}"));
            Assert.False(ArnPattern.ArnLike(P + ":a1b2c3/prod/ANY/{proxy}", P + ":a1b2c3/prod/ANY/{proxy+}"));
        }

        [Fact] // §2 consequence: {apiId}/* matches every method, stage and the authorizer form
        public void ApiWideMatchesEverything()
        {
            Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*", Authorizer));
            Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*", Root));
        }

        [Fact] // §2 consequence: {apiId}/*/* matches the authorizer form and every method
        public void TwoStarsMatchAuthorizerAndMethods()
        {
            Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*/*", Authorizer));
            Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*/*", Method));
        }

        [Fact] // §2 consequence: {apiId}/*/*/* never matches an authorizer but does match the root method (last * empty)
        public void ThreeStarsNeverMatchAuthorizer()
        {
            Assert.False(ArnPattern.ArnLike(P + ":a1b2c3/*/*/*", Authorizer));
            Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*/*/*", Root));
        }

        [Fact] // §1.4 {proxy+} does not match the root: the root needs its own grant, or a pattern whose last * can be empty
        public void GreedyPathDoesNotCoverRoot()
        {
            Assert.False(ArnPattern.ArnLike(P + ":a1b2c3/*/ANY/{proxy+}", P + ":a1b2c3/prod/ANY/"));
            Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*/*/*", P + ":a1b2c3/prod/ANY/"));
        }

        [Fact] // §2 consequence: {apiId}/*/GET/* matches the root GET method (…/GET/)
        public void MethodStarMatchesRoot() => Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*/GET/*", Root));

        [Fact] // §2 consequence: a stage * matches test-invoke-stage and every deployed stage
        public void StageStarMatchesTestInvoke() => Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*/GET/pets/{id}", P + ":a1b2c3/test-invoke-stage/GET/pets/{id}"));

        [Fact] // §2 consequence: a pattern that ends at the API id (KC-STAGEVAR's sample) never matches a presented ARN
        public void BareApiIdNeverMatches()
        {
            Assert.False(ArnPattern.ArnLike(P + ":a1b2c3", Method));
            Assert.False(ArnPattern.ArnLike(P + ":a1b2c3", Authorizer));
        }

        [Fact] // §2 an empty region/account component matches only an empty component
        public void EmptyComponentMatchesOnlyEmpty()
        {
            Assert.False(ArnPattern.ArnLike("arn:aws:execute-api:::a1b2c3/*", Method));
            Assert.True(ArnPattern.ArnLike("arn:aws:execute-api:::a1b2c3/*", "arn:aws:execute-api:::a1b2c3/x"));
        }

        [Fact] // §2 a ':' inside the resource falls into the sixth component
        public void ColonsAfterTheFifthBelongToTheResource() => Assert.True(ArnPattern.ArnLike(P + ":a1b2c3/*", P + ":a1b2c3/prod/GET/a:b"));

        [Fact] // §2 fewer than six components on either side never match
        public void ShortArnsNeverMatch()
        {
            Assert.False(ArnPattern.ArnLike("*", Method));
            Assert.False(ArnPattern.ArnLike(P + ":*", "arn:aws:execute-api"));
            Assert.False(ArnPattern.ArnLike(null, Method));
        }
    }
}
