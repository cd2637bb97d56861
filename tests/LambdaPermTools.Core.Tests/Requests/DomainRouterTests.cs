using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Tests.Requests
{
    /// <summary>From a URL to the stage: execute-api hosts, API mappings and routing rules.</summary>
    public class DomainRouterTests
    {
        private static readonly Dictionary<string, string> NoHeaders = new Dictionary<string, string>();

        private static readonly BasePathMapping[] Mappings =
        {
            new BasePathMapping { BasePath = "(none)", RestApiId = "rootapi000", Stage = "prod" },
            new BasePathMapping { BasePath = "v1", RestApiId = "v1api00000", Stage = "v1" },
            new BasePathMapping { BasePath = "v1/orders", RestApiId = "orders0000", Stage = "live" },
        };

        [Fact]
        public void ExecuteApiTakesTheStageFromTheFirstSegment()
        {
            var pick = DomainRouter.ForExecuteApi(RequestUrl.Parse("https://abcdef1234.execute-api.us-east-1.amazonaws.com/prod/pets/1"))!;
            Assert.Equal(("abcdef1234", "prod"), (pick.RestApiId, pick.Stage));
            Assert.Equal(new[] { "pets", "1" }, pick.Segments);
            Assert.Equal(new[]
            {
                "Host: abcdef1234.execute-api.us-east-1.amazonaws.com is REST API abcdef1234 in us-east-1 (aws)",
                "Stage: the first path segment names stage 'prod'",
            }, pick.Trace);
        }

        [Fact]
        public void ExecuteApiWithoutStageSegmentHasNoPick() =>
            Assert.Null(DomainRouter.ForExecuteApi(RequestUrl.Parse("https://abcdef1234.execute-api.us-east-1.amazonaws.com/")));

        [Theory] // the longest base path that prefixes the path wins; (none) takes the rest; the base path is removed
        [InlineData("/v1/orders/7", "orders0000", "live", "7")]
        [InlineData("/v1/pets", "v1api00000", "v1", "pets")]
        [InlineData("/v1", "v1api00000", "v1", "")]
        [InlineData("/v1orders", "rootapi000", "prod", "v1orders")] // whole segments only
        [InlineData("/", "rootapi000", "prod", "")]
        public void ApiMappingsByBasePath(string path, string api, string stage, string rest)
        {
            var pick = Assert.Single(Route("https://api.example.com" + path, DomainRoutingMode.ApiMappingOnly, new RoutingRule[0], NoHeaders));
            Assert.Equal((api, stage, rest), (pick.RestApiId, pick.Stage, string.Join("/", pick.Segments)));
        }

        [Fact]
        public void NoMappingNoPick() =>
            Assert.Empty(DomainRouter.ForDomain(RequestUrl.Parse("https://api.example.com/x"), DomainRoutingMode.ApiMappingOnly,
                new[] { new BasePathMapping { BasePath = "v1", RestApiId = "a", Stage = "s" } }, new RoutingRule[0], NoHeaders));

        private static readonly RoutingRule[] Rules =
        {
            new RoutingRule
            {
                RuleId = "beta", Priority = 10, RestApiId = "betaapi000", Stage = "beta", StripBasePath = true,
                BasePaths = new[] { "orders" },
                HeaderConditions = new[] { new[] { new HeaderCondition { Header = "x-version", ValueGlob = "beta*" } } },
            },
            new RoutingRule { RuleId = "orders", Priority = 20, RestApiId = "ordersapi0", Stage = "prod", BasePaths = new[] { "orders" } },
        };

        [Fact] // the header decides: the first rule whose conditions all hold (header names case-insensitive)
        public void RulesInPriorityOrderWithHeaders()
        {
            var pick = Assert.Single(Route("https://api.example.com/orders/1", DomainRoutingMode.RoutingRuleOnly, Rules,
                new Dictionary<string, string> { ["X-Version"] = "beta-2" }));
            Assert.Equal(("betaapi000", "beta", "1"), (pick.RestApiId, pick.Stage, string.Join("/", pick.Segments)));
            Assert.Equal("Routing rule beta (priority 10) matches: base path 'orders' matches, header x-version matches 'beta*': invokes stage 'beta' of REST API betaapi000", pick.Trace[1]);
        }

        [Fact] // header values are case-sensitive: "Beta" does not match "beta*"; the next rule keeps the base path
        public void HeaderValuesAreCaseSensitive()
        {
            var pick = Assert.Single(Route("https://api.example.com/orders/1", DomainRoutingMode.RoutingRuleOnly, Rules,
                new Dictionary<string, string> { ["x-version"] = "Beta" }));
            Assert.Equal(("ordersapi0", "prod", "orders/1"), (pick.RestApiId, pick.Stage, string.Join("/", pick.Segments)));
        }

        [Fact] // without the header, both stages a rule could pick, each saying which rule and header
        public void UndecidedHeaderGivesEveryPossibleStage()
        {
            var picks = Route("https://api.example.com/orders/1", DomainRoutingMode.RoutingRuleOnly, Rules, NoHeaders);
            Assert.Equal(new[] { "betaapi000/beta", "ordersapi0/prod" }, picks.Select(p => p.RestApiId + "/" + p.Stage));
            Assert.Contains("would pick it if header x-version matches 'beta*' (not given in -Header)", picks[0].Trace[1]);
        }

        [Theory]
        [InlineData(DomainRoutingMode.RoutingRuleThenApiMapping, "rootapi000/prod")] // no rule matches: the mappings
        [InlineData(DomainRoutingMode.RoutingRuleOnly, "")]
        [InlineData(DomainRoutingMode.ApiMappingOnly, "rootapi000/prod")] // rules are not read at all
        public void RoutingModeDecidesTheFallBack(DomainRoutingMode mode, string expected)
        {
            var picks = Route("https://api.example.com/users", mode, Rules, NoHeaders);
            Assert.Equal(expected, string.Join(",", picks.Select(p => p.RestApiId + "/" + p.Stage)));
        }

        [Theory]
        [InlineData("beta", "beta", true)]
        [InlineData("beta*", "beta-2", true)]
        [InlineData("*-2", "beta-2", true)]
        [InlineData("*ta-*", "beta-2", true)]
        [InlineData("beta", "Beta", false)]
        [InlineData("*", "", true)]
        public void HeaderGlobs(string glob, string value, bool matches) => Assert.Equal(matches, HeaderGlob.IsMatch(glob, value));

        [Theory] // API Gateway v1 (GetDomainName) and v2 spell two of the modes differently; absent = mappings only
        [InlineData(null, DomainRoutingMode.ApiMappingOnly)]
        [InlineData("BASE_PATH_MAPPING_ONLY", DomainRoutingMode.ApiMappingOnly)]
        [InlineData("API_MAPPING_ONLY", DomainRoutingMode.ApiMappingOnly)]
        [InlineData("ROUTING_RULE_THEN_BASE_PATH_MAPPING", DomainRoutingMode.RoutingRuleThenApiMapping)]
        [InlineData("ROUTING_RULE_THEN_API_MAPPING", DomainRoutingMode.RoutingRuleThenApiMapping)]
        [InlineData("ROUTING_RULE_ONLY", DomainRoutingMode.RoutingRuleOnly)]
        public void RoutingModeSpellings(string? text, DomainRoutingMode mode) => Assert.Equal(mode, DomainRouter.ParseRoutingMode(text));

        [Fact]
        public void UnknownRoutingModeIsNotGuessed() => Assert.Null(DomainRouter.ParseRoutingMode("ROUTING_RULE_SOMETIMES"));

        private static IReadOnlyList<StagePick> Route(string url, DomainRoutingMode mode, RoutingRule[] rules, Dictionary<string, string> headers) =>
            DomainRouter.ForDomain(RequestUrl.Parse(url), mode, Mappings, rules, headers);
    }
}
