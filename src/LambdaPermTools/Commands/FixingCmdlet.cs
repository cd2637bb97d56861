using System.Collections.Generic;
using System.Management.Automation;
using LambdaPermTools.Planning;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Shared by Add-ApiLambdaPermission and ConvertTo-ApiLambdaPermissionTemplate: findings come from the
    /// pipeline (-Finding: Test-ApiLambdaPermission output, or Get-ApiIntegrationTarget output, judged here as
    /// Test-ApiLambdaPermission would) or from a scan of the selected APIs, and -Scope sets how wide each planned grant is.
    /// </summary>
    public abstract class FixingCmdlet : ApiSelectingCmdlet
    {
        private const string ByFinding = "Finding";

        /// <summary>
        /// Findings from Test-ApiLambdaPermission, or targets from Get-ApiIntegrationTarget (typed as their common base so
        /// that a target binds here, not by property name to -RestApiId, which would re-read its whole API).
        /// </summary>
        [Parameter(ParameterSetName = ByFinding, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IntegrationTarget[] Finding { get; set; } = new IntegrationTarget[0];

        /// <summary>Method (default): one grant per method, any stage; Stage: pinned to the finding's stage; Api: one grant per function and API.</summary>
        [Parameter]
        public FixScope Scope { get; set; } = FixScope.Method;

        internal FixOptions FixOptions => new FixOptions { Scope = Scope };

        protected override void ProcessRecord()
        {
            if (!CollectApis())
            {
                foreach (var item in Finding)
                {
                    if (!InSelectedStages(item))
                    {
                        continue;
                    }

                    if (item is PermissionFinding finding)
                    {
                        CurrentWork().Findings.Add(finding);
                    }
                    else
                    {
                        CurrentWork().Targets.Add(item);
                    }
                }
            }
        }

        /// <summary>Judges this connection's piped targets and scans its selected APIs (if any); returns them with its piped findings.</summary>
        internal List<PermissionFinding> CollectFindings(ConnectionWork work, Aws.Scanning.ScanSession? session)
        {
            var findings = new List<PermissionFinding>(work.Findings);
            if (session != null && work.Targets.Count > 0)
            {
                findings.AddRange(Evaluate(session, work.Targets, FixOptions));
            }

            if (session != null && work.HasScan)
            {
                RunScan(session, work.Request, Selection, FixOptions, result => findings.AddRange(result.Findings));
            }

            return findings;
        }

        internal void WriteWarnings(FixPlan plan)
        {
            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }
        }
    }
}
