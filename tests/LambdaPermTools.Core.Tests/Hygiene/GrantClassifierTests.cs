using System.Collections.Generic;
using System.Text.Json.Nodes;
using LambdaPermTools.Hygiene;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Hygiene
{
    /// <summary>
    /// Whether a grant's API was deleted (docs/aws-rules.md §1.1): a grant for an API of another region names the function's
    /// region, so an API id missing from that region is ApiDeleted only when the regions the caller named lack it too.
    /// </summary>
    public class GrantClassifierTests
    {
        private const string Gone = "zz9gone000";

        private static PermissionGrant Classify(IReadOnlyList<string> apiRegions, IReadOnlyDictionary<string, string>? elsewhere) =>
            Assert.Single(GrantClassifier.Classify(new GrantPolicy
            {
                FunctionArn = Fn("f"),
                Region = Region,
                PolicyJson = Policy.Of(Policy.Grant("g", $"arn:aws:execute-api:{Region}:{Account}:{Gone}/*/GET/pets", Fn("f"))),
                CallerAccountId = Account,
                ExistingApiIds = new HashSet<string> { "a1b2c3" },
                ApiRegions = apiRegions,
                ApiIdsElsewhere = elsewhere,
            }));

        [Fact] // without -ApiRegion the API may live in another region: the tool cannot tell, so it never offers the grant as deleted
        public void MissingFromTheFunctionsRegionAloneIsForeign()
        {
            var grant = Classify(new string[0], new Dictionary<string, string>());
            Assert.Equal(GrantUsage.Foreign, grant.Usage);
            Assert.Contains("-ApiRegion", grant.Reason);
        }

        [Fact]
        public void MissingFromEveryRegionNamedIsApiDeleted()
        {
            var grant = Classify(new[] { Region, "eu-west-1" }, new Dictionary<string, string> { ["other00001"] = "eu-west-1" });
            Assert.Equal(GrantUsage.ApiDeleted, grant.Usage);
            Assert.Contains($"none of the regions checked ({Region}, eu-west-1)", grant.Reason);
        }

        [Fact] // the cross-region case: the API lives in eu-west-1 and its grant names the function's region
        public void AnApiOfAnotherRegionIsForeignNamingItsRegion()
        {
            var grant = Classify(new[] { "eu-west-1" }, new Dictionary<string, string> { [Gone] = "eu-west-1" });
            Assert.Equal(GrantUsage.Foreign, grant.Usage);
            Assert.Contains("is in region eu-west-1", grant.Reason);
        }

        [Fact]
        public void ARegionThatCouldNotBeListedLeavesItForeign()
        {
            var grant = Classify(new[] { "eu-west-1" }, null);
            Assert.Equal(GrantUsage.Foreign, grant.Usage);
            Assert.Contains("could not all be listed", grant.Reason);
        }

        [Fact] // §3.6: a condition key AddPermission writes (its PrincipalOrgID parameter) is no sign of a whole-document policy
        public void AStatementAddPermissionCanWriteIsRemovableOnItsOwn()
        {
            var written = Policy.Grant("org", $"arn:aws:execute-api:{Region}:{Account}:a1b2c3/*/GET/pets", Fn("f"));
            ((JsonObject)written["Condition"]!)["StringEquals"] = new JsonObject { ["aws:PrincipalOrgID"] = "o-1" };
            var handWritten = Policy.Grant("", $"arn:aws:execute-api:{Region}:{Account}:a1b2c3/*/GET/pets", Fn("f"));
            handWritten.Remove("Sid");
            var grants = GrantClassifier.Classify(new GrantPolicy
            {
                FunctionArn = Fn("f"),
                Region = Region,
                PolicyJson = Policy.Of(written, handWritten),
                CallerAccountId = Account,
            });
            Assert.Equal(new[] { "", "no Sid" }, new[] { grants[0].WholeDocumentReason, grants[1].WholeDocumentReason });
        }
    }
}
