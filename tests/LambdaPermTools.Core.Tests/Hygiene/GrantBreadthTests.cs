using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Hygiene;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.Judge;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Hygiene
{
    /// <summary>docs/aws-rules.md §11.7 for policy hygiene: a listed grant is OverlyBroad by the same rule as a judged one.</summary>
    public class GrantBreadthTests
    {
        [Theory]
        [InlineData(AccountPrefix + ":*/*/*/*", true)]
        [InlineData(AccountPrefix + ":*/*/GET/pets/*", true)]
        [InlineData(AccountPrefix + ":" + Id + "/*", true)]
        [InlineData(AccountPrefix + ":" + Id + "/*/*/*", false)]
        [InlineData(AccountPrefix + ":" + Id + "/*/GET/pets/*", false)]
        public void ApiWildcardsAreOverlyBroad(string sourceArn, bool broad)
        {
            var grant = GrantClassifier.Classify(new GrantPolicy
            {
                FunctionArn = Fn("f"),
                Region = Region,
                CallerAccountId = Account,
                PolicyJson = Policy.Of(Policy.Grant("s1", sourceArn, Fn("f"))),
                ExistingApiIds = new HashSet<string> { Id },
            }).Single();
            Assert.Equal(broad, grant.OverlyBroad);
        }
    }
}
