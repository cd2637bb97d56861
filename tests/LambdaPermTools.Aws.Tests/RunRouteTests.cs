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
    /// <summary>Run.RouteAsync: one failing execute-api request to exactly the targets it reaches, reading only what it needs.</summary>
    public class RunRouteTests
    {
        private readonly FakeAws _fake = new FakeAws();
        private readonly string _pets;
        private readonly string _authz;

        public RunRouteTests()
        {
            _pets = _fake.AddFunction("pets");
            _authz = _fake.AddFunction("authz");
            var proxy = _fake.AddFunction("proxy");
            _fake.AddRestApi("api1", "PetStore")
                .AddAuthorizer("au1", "tokens", "TOKEN", Uri(_authz))
                .AddMethod("/pets/{petId}", "GET", "AWS_PROXY", Uri(_pets), authorizerId: "au1")
                .AddMethod("/pets/mine", "GET", "MOCK", null)
                .AddMethod("/{proxy+}", "ANY", "AWS_PROXY", Uri(proxy))
                .AddStage("prod");
        }

        [Fact] // authorizer first, then integration; Trace from host to function
        public async Task AuthorizedMethodGivesAuthorizerThenIntegration()
        {
            var (targets, errors) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/prod/pets/42", "get");
            Assert.Empty(errors);
            Assert.Equal(new[] { (TargetKind.Authorizer, _authz), (TargetKind.Integration, _pets) }, targets.Select(t => (t.Kind, t.FunctionArn)));
            Assert.All(targets, t => Assert.Equal(("/pets/{petId}", "GET", "prod"), (t.ResourcePath, t.HttpMethod, t.StageName)));
            var trace = targets[1].Trace;
            Assert.StartsWith("Host: api1.execute-api.us-east-1.amazonaws.com is REST API api1", trace[0]);
            Assert.Equal("Stage: the first path segment names stage 'prod'", trace[1]);
            Assert.Equal("Resource: /pets/42 matches /pets/{petId} (resource " + targets[1].ResourceId + ")", trace[2]);
            Assert.Equal("Method: GET /pets/{petId}", trace[3]);
            Assert.StartsWith("Integration: AWS_PROXY ", trace[4]);
            Assert.StartsWith("Function: " + _pets, trace[5]);
            Assert.Equal(1, _fake.CallCount("GetAuthorizers"));
        }

        [Fact] // a literal MOCK method beats the Lambda proxy: the request reaches no Lambda, and no authorizers are read
        public async Task LiteralNonLambdaMethodReachesNoTarget()
        {
            var (targets, errors) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/prod/pets/mine", "GET");
            Assert.Empty(errors);
            Assert.Empty(targets);
            Assert.Equal(0, _fake.CallCount("GetAuthorizers"));
        }

        [Fact]
        public async Task GreedyProxyTakesTheRest()
        {
            var (targets, _) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/prod/a/b/c", "DELETE");
            var target = Assert.Single(targets);
            Assert.Equal(("/{proxy+}", "ANY"), (target.ResourcePath, target.HttpMethod));
        }

        [Fact] // the root has no method and {proxy+} does not match it: RouteNotFound naming the nearest resources
        public async Task NothingMatchesIsRouteNotFound()
        {
            var (targets, errors) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/prod/", "GET");
            Assert.Empty(targets);
            var error = Assert.Single(errors);
            Assert.Equal(ErrorId.RouteNotFound, error.Id);
            Assert.Contains("nearest: ", error.Message);
        }

        [Fact]
        public async Task UnknownStageIsStageNotFound()
        {
            var (_, errors) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/prd/pets/1", "GET");
            Assert.Equal(ErrorId.StageNotFound, Assert.Single(errors).Id);
            Assert.Contains("(stages: prod)", errors[0].Message);
        }

        private static string Uri(string functionArn) => $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{functionArn}/invocations";

        private async Task<(List<IntegrationTarget> Targets, List<RunError> Errors)> RouteAsync(string url, string verb)
        {
            using var run = new Run(new ConnectionOptions(), _fake, CancellationToken.None);
            var observer = new RecordingObserver<IReadOnlyList<IntegrationTarget>>();
            await run.RouteAsync(new RouteRequest(RequestUrl.Parse(url), verb), observer);
            return (observer.Results.SelectMany(r => r).ToList(), observer.Errors.ToList());
        }
    }
}
