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
        private readonly FakeRestApi _api;

        public RunRouteTests()
        {
            _pets = _fake.AddFunction("pets");
            _authz = _fake.AddFunction("authz");
            var proxy = _fake.AddFunction("proxy");
            _api = _fake.AddRestApi("api1", "PetStore")
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
            Assert.Equal("Deployment: stage 'prod' serves deployment 'd-prod' (read with GetExport)", trace[2]);
            Assert.Equal("Resource: /pets/42 matches /pets/{petId}", trace[3]);
            Assert.Equal("Method: GET /pets/{petId}", trace[4]);
            Assert.StartsWith("Integration: AWS_PROXY ", trace[5]);
            Assert.StartsWith("Function: " + _pets, trace[6]);
            Assert.Equal("arn:aws:execute-api:us-east-1:111122223333:api1/authorizers/au1", targets[0].PresentedSourceArn);
        }

        [Fact] // the stage, one export of what it serves, the authorizers only because the method has one, the caller's account
        public async Task ReadsOnlyWhatTheAnswerNeeds()
        {
            await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/prod/pets/42", "GET");
            Assert.Equal(new[] { "GetStages", "GetExport", "GetAuthorizers", "GetCallerIdentity" }, _fake.Calls.Select(c => c.Operation));
        }

        [Fact] // a request reaches what the stage serves: an old deployment's integration, not the current one
        public async Task RoutesOnTheDeploymentTheStageServes()
        {
            var api = _api;
            var old = _fake.AddFunction("old");
            api.AddMethod("/orders", "POST", "AWS_PROXY", Uri(old));
            var deployment = api.CreateDeployment();
            api.RemoveMethod("/orders", "POST").AddMethod("/orders", "POST", "AWS_PROXY", Uri(_pets)).AddStage("live", deploymentId: deployment);

            var (targets, errors) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/live/orders", "POST");
            Assert.Empty(errors);
            var target = Assert.Single(targets);
            Assert.Equal((old, deployment), (target.FunctionArn, target.DeploymentId));
            Assert.Contains($"Deployment: stage 'live' serves deployment '{deployment}' (read with GetExport)", target.Trace);
            Assert.Equal(0, _fake.CallCount("GetResources"));

            var (current, _) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/live/orders", "POST", ApiConfiguration.Current);
            Assert.Equal(_pets, Assert.Single(current).FunctionArn);
            Assert.Contains("Deployment: the current configuration (-Configuration Current), not what stage 'live' serves", current[0].Trace);
            Assert.Equal(1, _fake.CallCount("GetExport"));
        }

        [Fact] // a route only the deployment has is found; one only the current configuration has is RouteNotFound
        public async Task RouteNotFoundIsJudgedOnWhatIsServed()
        {
            var api = _api;
            var deployment = api.CreateDeployment();
            api.AddMethod("/new", "GET", "AWS_PROXY", Uri(_pets)).AddStage("live", deploymentId: deployment);
            _fake.ClearCalls();
            var (targets, errors) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/live/new", "GET");
            Assert.Equal("/{proxy+}", Assert.Single(targets).ResourcePath);
            Assert.Empty(errors);
        }

        [Fact] // the canary's share reaches the canary deployment's function, as the scan reads it
        public async Task CanaryTargetsComeFromTheCanaryDeployment()
        {
            var api = _api;
            var stable = api.CreateDeployment();
            var next = _fake.AddFunction("next");
            api.RemoveMethod("/pets/{petId}", "GET").AddMethod("/pets/{petId}", "GET", "AWS_PROXY", Uri(next));
            var canary = api.CreateDeployment();
            api.AddStage("live", deploymentId: stable).AddStage("next", deploymentId: canary).SetCanary("live", canary, 10);

            var (targets, _) = await RouteAsync("https://api1.execute-api.us-east-1.amazonaws.com/live/pets/7", "GET");
            Assert.Equal(new[] { (TargetKind.Authorizer, _authz, false), (TargetKind.Integration, _pets, false), (TargetKind.Integration, next, true) },
                targets.Select(t => (t.Kind, t.FunctionArn, t.Canary)));
            Assert.Contains($"Canary: 10% of the stage's requests go to deployment '{canary}' (read with GetExport)", targets[2].Trace);
            Assert.Equal(2, _fake.CallCount("GetExport"));
        }

        [Fact] // moto and denied exports: the deployment cannot be read, so the request is matched on the current configuration, with a warning
        public async Task UnreadableDeploymentFallsBackWithAWarning()
        {
            _fake.Inject("GetExport", AwsErrorKind.AccessDenied);
            using var run = new Run(new ConnectionOptions(), _fake, CancellationToken.None);
            var observer = new RecordingObserver<IReadOnlyList<IntegrationTarget>>();
            await run.RouteAsync(new RouteRequest(RequestUrl.Parse("https://api1.execute-api.us-east-1.amazonaws.com/prod/pets/1"), "GET"), observer);
            var targets = observer.Results.SelectMany(r => r).ToList();
            Assert.Equal(2, targets.Count);
            Assert.Contains("could not be read", Assert.Single(observer.Warnings));
            Assert.StartsWith("Deployment: stage 'prod' serves deployment 'd-prod', which could not be read", targets[1].Trace[2]);
            Assert.NotEmpty(_fake.CallsOf("GetResources"));
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

        private async Task<(List<IntegrationTarget> Targets, List<RunError> Errors)> RouteAsync(string url, string verb, ApiConfiguration configuration = ApiConfiguration.Deployed)
        {
            using var run = new Run(new ConnectionOptions(), _fake, CancellationToken.None);
            var observer = new RecordingObserver<IReadOnlyList<IntegrationTarget>>();
            await run.RouteAsync(new RouteRequest(RequestUrl.Parse(url), verb, null, configuration), observer);
            return (observer.Results.SelectMany(r => r).ToList(), observer.Errors.ToList());
        }
    }
}
