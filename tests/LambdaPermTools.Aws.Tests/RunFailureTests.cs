using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Aws.Tests.Support;
using LambdaPermTools.TestDoubles;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>Run.FindFailuresAsync on the fake's log groups, and Run.JudgeAsync on the failures it finds (docs/aws-rules.md §7).</summary>
    public class RunFailureTests
    {
        private const string Group = "API-Gateway-Execution-Logs_api1/prod";
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);
        private readonly FakeAws _fake = new FakeAws { LogPageSize = 4 };
        private readonly string _pets;
        private readonly string _authz;

        public RunFailureTests()
        {
            _pets = _fake.AddFunction("pets");
            _authz = _fake.AddFunction("authz");
            _fake.AddRestApi("api1", "PetStore")
                .AddAuthorizer("au1", "tokens", "TOKEN", Uri(_authz))
                .AddMethod("/pets/{petId}", "GET", "AWS_PROXY", Uri(_pets), authorizerId: "au1")
                .AddMethod("/pets", "POST", "AWS_PROXY", Uri(_pets))
                .AddStage("prod");
        }

        [Fact] // both seed forms, twice each, among successful traffic: two failures with counts; the second pass asks only for the failed ids
        public async Task SeedLinesBecomeOneFailurePerTarget()
        {
            _fake.AddLogEvents(Group, Now.AddMinutes(-30), Noise(20).Concat(Integration("r1", "POST", "/pets")).Concat(Authorizer("r2")).Concat(Noise(20)).ToArray());
            _fake.AddLogEvents(Group, Now.AddMinutes(-10), Integration("r3", "POST", "/pets").Concat(Authorizer("r4")).ToArray());

            var (failures, errors) = await FindAsync();

            Assert.Empty(errors);
            Assert.Equal(new[] { (TargetKind.Integration, "POST", "/pets", _pets, 2), (TargetKind.Authorizer, "", "", _authz, 2) },
                failures.Select(f => (f.Kind, f.HttpMethod, f.ResourcePath, f.FunctionArn, f.Count)));
            var integration = failures[0];
            Assert.Equal((Group, "api1", "prod", false), (integration.LogGroupName, integration.RestApiId, integration.StageName, integration.Canary));
            Assert.Equal(new[] { "r1", "r3" }, integration.RequestIds);
            Assert.True(integration.FirstSeen < integration.LastSeen);
            var calls = _fake.CallsOf("FilterLogEvents");
            Assert.Equal("\"Invalid permissions on Lambda function\"", calls[0]["filterPattern"]);
            var second = calls.Where(c => c["filterPattern"]!.StartsWith("?")).Select(c => c["filterPattern"]).Distinct().Single();
            Assert.Equal("?\"(r1)\" ?\"(r2)\" ?\"(r3)\" ?\"(r4)\"", second);
            Assert.True(calls.Count(c => c["nextToken"] != null) > 0); // paged
        }

        [Fact]
        public async Task AMissingGroupIsLogGroupNotFoundSayingHowToLog()
        {
            var (failures, errors) = await FindAsync();
            Assert.Empty(failures);
            var error = Assert.Single(errors);
            Assert.Equal(ErrorId.LogGroupNotFound, error.Id);
            Assert.Contains(Group, error.Message);
            Assert.Contains("loggingLevel", error.RecommendedAction);
            Assert.Contains("cloudwatchRoleArn", error.RecommendedAction);
        }

        [Fact] // a group with nothing in the window is no "no errors" either; a group with only healthy traffic is
        public async Task AGroupThatLoggedNothingInTheWindowIsLogGroupNotFound()
        {
            _fake.AddLogEvents(Group, Now.AddHours(-5), Integration("old", "POST", "/pets"));
            var (_, errors) = await FindAsync();
            Assert.Equal(ErrorId.LogGroupNotFound, Assert.Single(errors).Id);

            _fake.AddLogEvents(Group, Now.AddMinutes(-5), Noise(10));
            (_, errors) = await FindAsync();
            Assert.Empty(errors);
        }

        [Fact] // the canary's own group is read only for a stage with a canary, and its failures say Canary
        public async Task CanaryGroup()
        {
            var api = _fake.AddRestApi("api2", "Canaried");
            api.AddMethod("/pets", "POST", "AWS_PROXY", Uri(_pets)).AddStage("prod");
            api.SetCanary("prod", api.CreateDeployment(), 10);
            _fake.AddLogGroup("API-Gateway-Execution-Logs_api2/prod");
            _fake.AddLogEvents("API-Gateway-Execution-Logs_api2/prod", Now.AddMinutes(-5), Noise(2));
            _fake.AddLogEvents("API-Gateway-Execution-Logs_api2/prod/Canary", Now.AddMinutes(-5), Integration("c1", "POST", "/pets"));
            var (failures, errors) = await FindAsync("api2");
            Assert.Empty(errors);
            var failure = Assert.Single(failures);
            Assert.True(failure.Canary);
            Assert.Equal("API-Gateway-Execution-Logs_api2/prod/Canary", failure.LogGroupName);
        }

        [Fact] // exactly the named targets are judged: the POST integration and the authorizer, not GET's integration
        public async Task FailuresAreJudgedOnExactlyTheTargetsTheyName()
        {
            _fake.AddLogEvents(Group, Now.AddMinutes(-30), Integration("r1", "POST", "/pets").Concat(Authorizer("r2")).ToArray());
            var (failures, _) = await FindAsync();
            var request = new RunRequest();
            request.Failures.AddRange(failures);
            using var run = new Run(new ConnectionOptions(), _fake, CancellationToken.None);
            var observer = new RecordingObserver<Judgement>();
            await run.JudgeAsync(request, observer);
            var findings = observer.Results.SelectMany(j => j.Findings).ToList();
            Assert.Equal(new[] { (TargetKind.Authorizer, _authz), (TargetKind.Integration, _pets) },
                findings.Select(f => (f.Kind, f.FunctionArn)).OrderBy(k => k.Kind == TargetKind.Authorizer ? 0 : 1));
            Assert.Equal("POST", findings.Single(f => f.Kind == TargetKind.Integration).HttpMethod);
            Assert.All(findings, f => Assert.Equal(PermissionStatus.Denied, f.Status));
            Assert.Empty(observer.Warnings);
        }

        private async Task<(List<PermissionFailure> Failures, List<RunError> Errors)> FindAsync(string api = "api1")
        {
            using var run = new Run(new ConnectionOptions(), _fake, CancellationToken.None);
            var request = new RunRequest();
            request.Apis.Add(new Apis.RestApiSummary(api, ""));
            var observer = new RecordingObserver<IReadOnlyList<PermissionFailure>>();
            await run.FindFailuresAsync(request, LogWindow.LastHour(Now), observer);
            return (observer.Results.SelectMany(r => r).ToList(), observer.Errors.ToList());
        }

        private static string Uri(string functionArn) => $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{functionArn}/invocations";

        private static string Sending(string functionArn) => $"Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/{functionArn}/invocations";

        private string[] Integration(string id, string verb, string template) => new[]
        {
            $"({id}) Starting execution for request: {id}",
            $"({id}) HTTP Method: {verb}, Resource Path: {template}",
            $"({id}) API Key  authorized because method '{verb} {template}' does not require API Key. Request will not contribute to throttle or quota limits",
            $"({id}) " + Sending(_pets),
            $"({id}) Execution failed due to configuration error: Invalid permissions on Lambda function",
            $"({id}) Method completed with status: 500",
        };

        private string[] Authorizer(string id) => new[]
        {
            $"({id}) " + Sending(_authz),
            $"({id}) Execution failed due to configuration error: Invalid permissions on Lambda function",
            $"({id}) Execution failed due to configuration error: Authorizer error",
        };

        private string[] Noise(int requests) => Enumerable.Range(0, requests).SelectMany(i => new[]
        {
            $"(ok{i}) Starting execution for request: ok{i}",
            $"(ok{i}) " + Sending(_pets),
            $"(ok{i}) Method completed with status: 200",
        }).ToArray();
    }
}
