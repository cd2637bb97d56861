using System.Management.Automation;
using LambdaPermTools.Aws.Scanning;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Adds the least-privilege lambda:InvokeFunction grant for every Denied finding it receives (piped from
    /// Test-ApiLambdaPermission, or found by scanning the selected APIs). Idempotent: an equivalent grant that
    /// already exists is reported AlreadyPresent and nothing is called. Passes the policy's RevisionId and
    /// retries on a revision conflict. One ShouldProcess per grant; -WhatIf calls nothing that changes AWS and
    /// writes no change objects for the grants it would add.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ApiLambdaPermission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PermissionChange))]
    public sealed class AddApiLambdaPermissionCommand : FixingCmdlet
    {
        /// <summary>Adds without asking for confirmation (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            foreach (var work in Work)
            {
                var session = OpenSession(work);
                var fix = FixWork.Prepare(CollectFindings(work, session), FixOptions);
                WriteWarnings(fix.Plan);
                WriteObject(fix.Skipped, enumerateCollection: true);

                var applier = new GrantApplier(session);
                foreach (var grant in fix.Plan.Grants)
                {
                    Apply(applier, grant);
                }
            }
        }

        private void Apply(GrantApplier applier, PlannedGrant grant)
        {
            var check = Await(() => applier.CheckAsync(grant));
            var outcome = check.Outcome;
            if (outcome == null)
            {
                var action = $"Add permission: allow principal '{grant.Principal}' to call '{grant.Action}' with SourceArn '{grant.SourceArn}' as statement '{grant.StatementId}'";
                if (!Confirmed(GrantApplier.Shown(grant), action))
                {
                    return;
                }

                outcome = Await(() => applier.AddAsync(grant, check.RevisionId));
            }

            if (outcome.Error != null)
            {
                WriteScanError(outcome.Error);
            }

            if (outcome.Change != null)
            {
                WriteObject(outcome.Change);
            }
        }

        /// <summary>AWS Tools' rule (powershell-conventions.md §8): -WhatIf always wins; else -Force skips the prompt; else ShouldProcess.</summary>
        private bool Confirmed(string target, string action)
        {
            var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
                ? ((SwitchParameter)value).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            return (Force && !whatIf) || ShouldProcess(target, action);
        }
    }
}
