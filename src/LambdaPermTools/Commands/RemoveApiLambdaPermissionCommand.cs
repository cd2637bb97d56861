using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Removes the resource-policy statements it is given (Get-ApiLambdaPermission output, or -FunctionName -Qualifier
    /// -StatementId), one ShouldProcess per statement. Refuses a statement in use (GrantInUse, naming the targets that would
    /// break) unless -Force, and one of a policy written as one document (WholeDocumentPolicy). Passes the policy's RevisionId
    /// and retries on a conflict; a statement already gone is Skipped (NotFound), so running it twice removes nothing twice.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ApiLambdaPermission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByGrant)]
    [OutputType(typeof(PermissionChange))]
    public sealed class RemoveApiLambdaPermissionCommand : AwsCmdlet
    {
        private const string ByGrant = "Grant";
        private const string ByStatementId = "StatementId";

        /// <summary>Statements from Get-ApiLambdaPermission.</summary>
        [Parameter(ParameterSetName = ByGrant, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PermissionGrant[] InputObject { get; set; } = new PermissionGrant[0];

        /// <summary>The function (name or ARN) whose statement to remove.</summary>
        [Parameter(ParameterSetName = ByStatementId, Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string FunctionName { get; set; } = "";

        /// <summary>The alias or version whose policy holds the statement; none for the unqualified function.</summary>
        [Parameter(ParameterSetName = ByStatementId)]
        public string? Qualifier { get; set; }

        /// <summary>The statement's Sid.</summary>
        [Parameter(ParameterSetName = ByStatementId, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string StatementId { get; set; } = "";

        /// <summary>Also removes statements in use, and does not ask (-WhatIf and -Confirm still list what would break).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByStatementId)
            {
                // Judged like Get-ApiLambdaPermission output, so that a statement in use is refused the same way.
                Request().Functions.Add(string.IsNullOrEmpty(Qualifier) ? FunctionName : FunctionName + ":" + Qualifier);
            }
            else
            {
                Request().Grants.AddRange(InputObject);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var (run, request) in Runs())
            {
                foreach (var grant in request.Grants.Concat(Named(run, request)))
                {
                    Remove(run, grant);
                }
            }
        }

        /// <summary>The statement -FunctionName -Qualifier -StatementId names, judged; none without them.</summary>
        private IEnumerable<PermissionGrant> Named(Run run, RunRequest request)
        {
            if (request.Functions.Count == 0)
            {
                return new PermissionGrant[0];
            }

            var qualifier = Qualifier ?? "";
            var found = Collect<IReadOnlyList<PermissionGrant>>(observer => run.ListGrantsAsync(request, observer)).SelectMany(g => g)
                .Where(g => g.Qualifier == qualifier && g.StatementId == StatementId).ToList();
            if (found.Count == 0)
            {
                WriteObject(new PermissionChange
                {
                    FunctionName = FunctionName,
                    Qualifier = Qualifier,
                    StatementId = StatementId,
                    Result = ChangeResult.Skipped,
                    Reason = "NotFound: the policy holds no API Gateway statement with this Sid.",
                });
            }

            return found;
        }

        private void Remove(Run run, PermissionGrant grant)
        {
            var outcome = Await(() => run.PrepareRemovalAsync(grant, Force));
            var pending = outcome.Pending;
            // -Force skips the prompt, but an explicit -Confirm still shows it (with the targets that would break).
            if (pending != null && this.Confirmed(Force && !MyInvocation.BoundParameters.ContainsKey("Confirm"), Shown(grant), Action(grant)))
            {
                outcome = Await(() => run.RemoveAsync(pending));
            }

            if (outcome.Error != null)
            {
                WriteError(outcome.Error);
            }

            if (outcome.Change != null)
            {
                WriteObject(outcome.Change);
            }
        }

        private static string Shown(PermissionGrant grant) => grant.Qualifier.Length == 0 ? grant.FunctionName : grant.FunctionName + ":" + grant.Qualifier;

        private static string Action(PermissionGrant grant)
        {
            var action = $"Remove permission: statement '{grant.StatementId}' (qualifier '{grant.Qualifier}', SourceArn '{grant.SourceArn}', {grant.Usage})";
            return grant.Usage == GrantUsage.InUse ? $"{action}; this breaks: {string.Join("; ", grant.UsedBy)}" : action;
        }
    }
}
