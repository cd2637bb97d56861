using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Arns;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Find-ApiLambdaPermissionError against AWS: per selected stage its execution-log group and, when the stage has a
    /// canary, the canary's (docs/aws-rules.md §7.1), searched one stage after another (FilterLogEvents has a 5 rps quota
    /// per account and region), one list of failures per stage. A stage without a group, or with nothing logged in the
    /// window, is LogGroupNotFound, saying how to turn execution logging on.
    /// </summary>
    internal sealed class FailureFinder
    {
        private readonly RunContext _run;
        private readonly ApiScanner _scanner;
        private readonly ExecutionLogSearch _search;

        public FailureFinder(RunContext run, ApiScanner scanner)
        {
            _run = run;
            _scanner = scanner;
            _search = new ExecutionLogSearch(run);
        }

        public static string LogGroupName(string restApiId, string stageName, bool canary) =>
            $"API-Gateway-Execution-Logs_{restApiId}/{stageName}" + (canary ? "/Canary" : "");

        public async Task FindAsync(RunRequest request, LogWindow window, IRunObserver<IReadOnlyList<PermissionFailure>> observer)
        {
            var stages = new List<(string RestApiId, ApiStage Stage)>();
            var stagesByApi = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var api in await _scanner.RestApisAsync(request, observer).ConfigureAwait(false))
            {
                try
                {
                    var all = await _run.Services.ApiGateway.GetStagesAsync(api.Id, _run.Cancellation).ConfigureAwait(false);
                    stagesByApi[api.Id] = all.Select(s => s.StageName).ToList();
                    stages.AddRange(all.Where(s => request.Stages.StageNames == null || request.Stages.StageNames.Contains(s.StageName))
                        .Select(s => (api.Id, s)));
                }
                catch (AwsServiceException e)
                {
                    observer.Failed(RunError.ForApi(e, api.Id));
                }
            }

            foreach (var error in StageCheck.Missing(request.Stages, stagesByApi).Where(e => !Equals(e.Target, ExecuteApiArn.TestInvokeStage)))
            {
                observer.Failed(error);
            }

            for (var i = 0; i < stages.Count; i++)
            {
                var (restApiId, stage) = stages[i];
                var tally = new FailureTally();
                await SearchAsync(restApiId, stage.StageName, false, window, tally, observer).ConfigureAwait(false);
                if (stage.Canary != null)
                {
                    await SearchAsync(restApiId, stage.StageName, true, window, tally, observer).ConfigureAwait(false);
                }

                if (tally.Failures.Count > 0)
                {
                    observer.Delivered(tally.Failures);
                }

                observer.Progressed(i + 1, stages.Count, restApiId + "/" + stage.StageName);
            }
        }

        private async Task SearchAsync(string restApiId, string stageName, bool canary, LogWindow window, FailureTally tally,
            IRunObserver<IReadOnlyList<PermissionFailure>> observer)
        {
            var group = LogGroupName(restApiId, stageName, canary);
            try
            {
                if (!await _search.SearchAsync(group, window, r => tally.Add(r, restApiId, stageName, canary, group)).ConfigureAwait(false))
                {
                    observer.Failed(NotLogged(group, restApiId, stageName, $"has no event between {window.Start:u} and {window.End:u}"));
                }
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                observer.Failed(NotLogged(group, restApiId, stageName, "does not exist"));
            }
            catch (AwsServiceException e)
            {
                observer.Failed(RunError.FromAws(e, group, $"log group '{group}'"));
            }
        }

        private static RunError NotLogged(string group, string restApiId, string stageName, string why) =>
            new RunError(ErrorId.LogGroupNotFound,
                $"The execution log group '{group}' {why}: stage '{stageName}' of REST API {restApiId} may not log, so its failures cannot be read (this is not \"no errors\").",
                group,
                $"Turn execution logging on: set the stage's method settings loggingLevel to ERROR or INFO (aws apigateway update-stage --rest-api-id {restApiId} --stage-name {stageName} " +
                "--patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR), with the account's CloudWatch role set (aws apigateway update-account, cloudwatchRoleArn); " +
                "or widen -StartTime/-EndTime, or pass the log text with -LogText.");
    }
}
