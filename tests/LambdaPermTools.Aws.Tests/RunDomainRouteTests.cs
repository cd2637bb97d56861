using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Aws.Tests.Support;
using LambdaPermTools.Requests;
using LambdaPermTools.TestDoubles;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>Run.RouteAsync on custom domain names: GetDomainName, then its API mappings or routing rules by its routing mode.</summary>
    public class RunDomainRouteTests
    {
        private readonly FakeAws _fake = new FakeAws { PageSize = 2 };
        private readonly string _prod;
        private readonly string _beta;

        public RunDomainRouteTests()
        {
            _prod = _fake.AddFunction("prod-fn");
            _beta = _fake.AddFunction("beta-fn");
            _fake.AddRestApi("api1", "Shop")
                .AddMethod("/orders/{id}", "GET", "AWS_PROXY", "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:${stageVariables.account}:function:${stageVariables.fn}/invocations")
                .AddStage("prod", new Dictionary<string, string> { ["fn"] = "prod-fn", ["account"] = "111122223333" })
                .AddStage("beta", new Dictionary<string, string> { ["fn"] = "beta-fn", ["account"] = "111122223333" });
        }

        [Fact] // an unknown domain is DomainNotFound after its one GetDomainName, and nothing else is read
        public async Task UnknownDomainIsDomainNotFoundAfterOneCall()
        {
            var (targets, errors) = await RouteAsync("https://nowhere.example.com/orders/1");
            Assert.Empty(targets);
            Assert.Equal(ErrorId.DomainNotFound, Assert.Single(errors).Id);
            Assert.Equal("GetDomainName", Assert.Single(_fake.Calls).Operation);
        }

        [Fact] // the (none) mapping takes every path; its stage comes from the mapping, the path is matched whole
        public async Task NoneBasePathMapsTheWholePath()
        {
            _fake.AddDomainName("api.example.com").AddBasePathMapping("(none)", "api1", "prod");
            var (targets, errors) = await RouteAsync("https://API.example.com/orders/1");
            Assert.Empty(errors);
            var target = Assert.Single(targets);
            Assert.Equal(("prod", _prod, "/orders/{id}"), (target.StageName, target.FunctionArn, target.ResourcePath));
            Assert.Equal("Host: api.example.com is a custom domain name (routing mode API_MAPPING_ONLY)", target.Trace[0]);
            Assert.Equal("API mapping: base path (none) maps to stage 'prod' of REST API api1", target.Trace[1]);
            Assert.Equal("Deployment: stage 'prod' serves deployment 'd-prod' (read with GetExport)", target.Trace[2]);
            Assert.Equal("Resource: /orders/1 matches /orders/{id}", target.Trace[3]);
        }

        [Fact] // the longest base path that prefixes the path wins and is removed; mappings are read to the last page
        public async Task TwoLevelBasePathWinsAndIsRemoved()
        {
            _fake.AddDomainName("api.example.com")
                .AddBasePathMapping("(none)", "api1", "prod").AddBasePathMapping("v1", "api1", "prod").AddBasePathMapping("v1/beta", "api1", "beta");
            var (targets, _) = await RouteAsync("https://api.example.com/v1/beta/orders/9");
            var target = Assert.Single(targets);
            Assert.Equal(("beta", _beta), (target.StageName, target.FunctionArn));
            Assert.Equal("API mapping: base path 'v1/beta' maps to stage 'beta' of REST API api1", target.Trace[1]);
            Assert.Equal(2, _fake.CallCount("GetBasePathMappings"));
            Assert.Equal(0, _fake.CallCount("ListRoutingRules"));
        }

        [Fact] // a header rule the caller's -Header decides: only its stage
        public async Task HeaderGivenPicksTheRuleStage()
        {
            RulesThenMappings();
            var (targets, errors) = await RouteAsync("https://api.example.com/orders/1", new Dictionary<string, string> { ["x-channel"] = "beta-7" });
            Assert.Empty(errors);
            var target = Assert.Single(targets);
            Assert.Equal("beta", target.StageName);
            Assert.Equal("Routing rule rr1 (priority 10) matches: header x-channel matches 'beta*': invokes stage 'beta' of REST API api1", target.Trace[1]);
        }

        [Fact] // without the header the rule cannot be decided: every stage it or the mappings could pick, each Trace naming rule and header
        public async Task UndecidableHeaderGivesEveryPossibleStage()
        {
            RulesThenMappings();
            var (targets, errors) = await RouteAsync("https://api.example.com/orders/1");
            Assert.Empty(errors);
            Assert.Equal(new[] { "beta", "prod" }, targets.Select(t => t.StageName));
            Assert.Equal("Routing rule rr1 (priority 10) would pick it if header x-channel matches 'beta*' (not given in -Header): invokes stage 'beta' of REST API api1", targets[0].Trace[1]);
            Assert.Equal("API mapping: base path (none) maps to stage 'prod' of REST API api1", targets[1].Trace[1]);
            Assert.Equal(1, _fake.CallCount("GetStages"));
        }

        [Fact] // ROUTING_RULE_ONLY reads no mappings; a request no rule takes is RouteNotFound naming the rules
        public async Task RoutingRuleOnlyWithoutMatchIsRouteNotFound()
        {
            _fake.AddDomainName("api.example.com", "ROUTING_RULE_ONLY").AddRoutingRule(5, "api1", "prod").MatchBasePaths("shop");
            var (targets, errors) = await RouteAsync("https://api.example.com/orders/1");
            Assert.Empty(targets);
            var error = Assert.Single(errors);
            Assert.Equal(ErrorId.RouteNotFound, error.Id);
            Assert.Contains("rr1 (priority 5)", error.Message);
            Assert.Equal(new[] { "GetDomainName", "ListRoutingRules" }, _fake.Calls.Select(c => c.Operation));

            var (shop, _) = await RouteAsync("https://api.example.com/shop/orders/1");
            Assert.Equal("/orders/{id}", Assert.Single(shop).ResourcePath);
        }

        [Fact] // a mapping to a stage the API does not have is StageNotFound naming the mapping
        public async Task MappingToMissingStageIsStageNotFound()
        {
            _fake.AddDomainName("api.example.com").AddBasePathMapping("", "api1", "gone");
            var (_, errors) = await RouteAsync("https://api.example.com/orders/1");
            Assert.Equal(ErrorId.StageNotFound, Assert.Single(errors).Id);
            Assert.Contains("API mapping or routing rule", errors[0].RecommendedAction);
        }

        private void RulesThenMappings()
        {
            var domain = _fake.AddDomainName("api.example.com", "ROUTING_RULE_THEN_BASE_PATH_MAPPING");
            domain.AddBasePathMapping("(none)", "api1", "prod");
            domain.AddRoutingRule(10, "api1", "beta").MatchHeaders("x-channel", "beta*");
        }

        private async Task<(List<IntegrationTarget> Targets, List<RunError> Errors)> RouteAsync(string url, Dictionary<string, string>? headers = null)
        {
            using var run = new Run(new ConnectionOptions(), _fake, CancellationToken.None);
            var observer = new RecordingObserver<IReadOnlyList<IntegrationTarget>>();
            await run.RouteAsync(new RouteRequest(RequestUrl.Parse(url), "GET", headers), observer);
            return (observer.Results.SelectMany(r => r).ToList(), observer.Errors.ToList());
        }
    }
}
