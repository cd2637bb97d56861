using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Reads what the selected stages serve (docs/aws-rules.md §4.5): one GetExport per distinct deployment, through any one
    /// stage that serves it, for the stages' own deployments and their canaries'. No API returns a deployment's integrations
    /// other than through a stage, so a canary deployment that no stage serves cannot be read. A deployment that cannot be
    /// read (access denied, throttled after retries, an answer that is no OpenAPI 3 export with API Gateway's extensions) is
    /// listed with why, and its stages fall back to the current configuration, saying so.
    /// </summary>
    internal sealed class DeploymentReader
    {
        private readonly RunContext _run;

        public DeploymentReader(RunContext run)
        {
            _run = run;
        }

        public async Task ReadAsync(ApiSnapshot snapshot, TargetSelection selection)
        {
            var wanted = selection.StageNames;
            var selected = snapshot.Stages.Where(s => wanted == null || wanted.Count == 0 || wanted.Contains(s.StageName)).ToList();
            var ids = selected.Select(s => s.DeploymentId).Concat(selected.Select(s => s.Canary?.DeploymentId))
                .Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            var read = new Dictionary<string, ApiDeployment>(StringComparer.Ordinal);
            var unread = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                // Prefer a selected stage: the same deployment reads the same through any stage that serves it.
                var stage = selected.FirstOrDefault(s => s.DeploymentId == id) ?? snapshot.Stages.FirstOrDefault(s => s.DeploymentId == id);
                if (stage == null)
                {
                    unread[id!] = "no stage serves it, and GetExport reads a deployment only through a stage that serves it";
                    continue;
                }

                try
                {
                    var export = await _run.Services.ApiGateway.GetExportAsync(snapshot.Api.Id, stage.StageName, _run.Cancellation).ConfigureAwait(false);
                    read[id!] = OpenApiExportReader.Read(id!, export, snapshot.Resources, snapshot.Authorizers);
                }
                catch (AwsServiceException e)
                {
                    unread[id!] = $"{e.Service} {e.Operation} of stage '{stage.StageName}' failed: {e.ErrorCode} (HTTP {e.StatusCode}) {e.Message}".Replace(" (HTTP 0)", "");
                }
                catch (FormatException e)
                {
                    unread[id!] = $"the GetExport answer for stage '{stage.StageName}' is no OpenAPI 3 export with API Gateway's extensions: {e.Message}";
                }
            }

            snapshot.Deployments = read;
            snapshot.UnreadDeployments = unread;
        }

        /// <summary>
        /// GetDeployment for each deployment the current configuration differs from, for its date in UndeployedChange; true
        /// when one was dated. Only those: an up-to-date stage costs nothing. A date that cannot be read leaves the stage's.
        /// </summary>
        public async Task<bool> DateChangedAsync(ApiSnapshot snapshot, IEnumerable<IntegrationTarget> targets)
        {
            var changed = targets.Where(t => t.UndeployedChange.Length > 0).Select(t => t.DeploymentId).Distinct(StringComparer.Ordinal).ToList();
            var dated = false;
            foreach (var id in changed)
            {
                try
                {
                    var date = await _run.Services.ApiGateway.GetDeploymentCreatedDateAsync(snapshot.Api.Id, id, _run.Cancellation).ConfigureAwait(false);
                    snapshot.Deployments[id].CreatedDate = date;
                    dated |= date != null;
                }
                catch (AwsServiceException)
                {
                    // The text falls back to the stage's lastUpdatedDate; the verdicts do not depend on the date.
                }
            }

            return dated;
        }
    }
}
