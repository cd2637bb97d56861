using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Aws.Tests.Support;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Targets;
using LambdaPermTools.TestDoubles;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>The run's verbs as data in, data out, against the in-memory account of the Pester suites.</summary>
    public class RunTests
    {
        private readonly FakeAws _fake = new FakeAws();
        private readonly string _pets;

        public RunTests()
        {
            _pets = _fake.AddFunction("pets");
            _fake.AddRestApi("api1", "PetStore")
                .AddMethod("/pets", "GET", "AWS_PROXY", $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{_pets}/invocations")
                .AddStage("prod").AddStage("dev");
        }

        private Run NewRun() => new Run(new ConnectionOptions(), _fake, CancellationToken.None);

        private async Task<Judgement> JudgeApi1Async(Run run, string? stage = null)
        {
            var request = new RunRequest { Stages = new TargetSelection { StageNames = stage == null ? null : new[] { stage } } };
            request.Apis.Add(new Apis.RestApiSummary("api1", ""));
            var observer = new RecordingObserver<Judgement>();
            await run.JudgeAsync(request, observer);
            return Assert.Single(observer.Results);
        }

        [Fact]
        public async Task FindingsJudgedBeforePassWithoutAConnection()
        {
            var findings = (await JudgeApi1Async(NewRun())).Findings;
            var before = _fake.Connections.Length;
            var request = new RunRequest();
            request.Findings.AddRange(findings);
            var observer = new RecordingObserver<Judgement>();

            await NewRun().JudgeAsync(request, observer);

            Assert.Same(findings[0], Assert.Single(observer.Results).Findings[0]);
            Assert.Equal(before, _fake.Connections.Length);
        }

        [Fact]
        public async Task AJudgementCarriesThePolicyItWasJudgedOn()
        {
            _fake.SeedPermission(_pets, null, "other", "arn:aws:execute-api:us-east-1:111122223333:other/*/GET/x");

            var judgement = await JudgeApi1Async(NewRun());

            var policy = judgement.Evidence.GetPolicy(_pets, null);
            Assert.Equal((LookupStatus.Found, _fake.PolicyOf(_pets), _fake.RevisionOf(_pets)), (policy!.Status, policy.PolicyJson, policy.RevisionId));
        }

        [Fact]
        public async Task AStageNoApiHasIsAnErrorOfTheRun()
        {
            var request = new RunRequest { Stages = new TargetSelection { StageNames = new[] { "prd" } } };
            request.Apis.Add(new Apis.RestApiSummary("api1", ""));
            var observer = new RecordingObserver<System.Collections.Generic.IReadOnlyList<IntegrationTarget>>();

            await NewRun().ListTargetsAsync(request, observer);

            var error = Assert.Single(observer.Errors);
            Assert.Equal((ErrorId.StageNotFound, (object?)"prd"), (error.Id, error.Target));
            Assert.Contains("dev, prod", error.Message);
            Assert.Equal(1, _fake.CallCount("GetStages"));
        }

        [Fact]
        public async Task APendingGrantCarriesTheRevisionItWasCheckedAgainst()
        {
            _fake.SeedPermission(_pets, null, "other", "arn:aws:execute-api:us-east-1:111122223333:other/*/GET/x");
            var run = NewRun();
            var plan = Run.Plan(new[] { await JudgeApi1Async(run, "prod") }, new FixOptions());
            var grant = Assert.Single(plan.Grants);

            var pending = (await run.PrepareAsync(grant)).Pending;
            Assert.Equal(_fake.RevisionOf(_pets), pending!.RevisionId);
            Assert.Equal(0, _fake.CallCount("AddPermission"));

            var added = await run.ApplyAsync(pending);
            Assert.Equal(ChangeResult.Added, added.Change!.Result);
            Assert.Equal(pending.RevisionId, _fake.CallsOf("AddPermission").Single()["RevisionId"]);
            Assert.Equal(ChangeResult.AlreadyPresent, (await run.PrepareAsync(grant)).Change!.Result);
        }
    }
}
