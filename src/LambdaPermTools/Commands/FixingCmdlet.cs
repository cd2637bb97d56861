using System.Collections.Generic;
using System.Management.Automation;
using LambdaPermTools.Fix;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Shared by Add-ApiLambdaPermission and ConvertTo-ApiLambdaPermissionTemplate: findings come from the
    /// pipeline (-Finding, Test-ApiLambdaPermission output) or from a scan of the selected APIs, and -Scope
    /// sets how wide each planned grant is.
    /// </summary>
    public abstract class FixingCmdlet : ApiSelectingCmdlet
    {
        private const string ByFinding = "Finding";

        /// <summary>Findings from Test-ApiLambdaPermission.</summary>
        [Parameter(ParameterSetName = ByFinding, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PermissionFinding[] Finding { get; set; } = new PermissionFinding[0];

        /// <summary>Method (default): one grant per method, any stage; Stage: pinned to the finding's stage; Api: one grant per function and API.</summary>
        [Parameter]
        public FixScope Scope { get; set; } = FixScope.Method;

        internal FixOptions FixOptions => new FixOptions { Scope = Scope };

        protected override void ProcessRecord()
        {
            if (!CollectApis())
            {
                foreach (var finding in Finding)
                {
                    if (InSelectedStages(finding))
                    {
                        CurrentWork().Findings.Add(finding);
                    }
                }
            }
        }

        /// <summary>Scans this connection's selected APIs (if any) and returns them with its piped findings.</summary>
        internal List<PermissionFinding> CollectFindings(ConnectionWork work, Aws.Scanning.ScanSession? session)
        {
            var findings = new List<PermissionFinding>(work.Findings);
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
