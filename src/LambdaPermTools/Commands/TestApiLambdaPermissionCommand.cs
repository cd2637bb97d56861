using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LambdaPermTools.Fix;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Decides, per target and stage, whether API Gateway may invoke the function, and why. Takes REST APIs
    /// (-RestApiId, -InputObject, -All) or Get-ApiIntegrationTarget output from the pipeline (-Target).
    /// A denied or missing policy is a finding, not an error; -FailOnDenied ends with a terminating error
    /// (DeniedTargetsFound) after every finding is written, for CI gates.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ApiLambdaPermission")]
    [OutputType(typeof(PermissionFinding))]
    public sealed class TestApiLambdaPermissionCommand : ApiSelectingCmdlet
    {
        private const string ByTarget = "Target";
        private readonly HashSet<string> _warnedStatements = new HashSet<string>(StringComparer.Ordinal);
        private int _denied;

        /// <summary>Targets from Get-ApiIntegrationTarget.</summary>
        [Parameter(ParameterSetName = ByTarget, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IntegrationTarget[] Target { get; set; } = new IntegrationTarget[0];

        /// <summary>After writing every finding, end with a terminating error when any finding is Denied.</summary>
        [Parameter]
        public SwitchParameter FailOnDenied { get; set; }

        /// <summary>Also write the findings as a JUnit XML report (one test case per finding) to this file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JUnitPath { get; set; }

        private readonly List<PermissionFinding> _reported = new List<PermissionFinding>();
        private string? _junitFile;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _junitFile = JUnitFile.Resolve(this, JUnitPath);
        }

        protected override void ProcessRecord()
        {
            if (!CollectApis())
            {
                CurrentWork().Targets.AddRange(Target.Where(InSelectedStages));
            }
        }

        protected override void EndProcessing()
        {
            foreach (var work in Work)
            {
                var session = OpenSession(work);
                if (work.Targets.Count > 0)
                {
                    WriteFindings(Evaluate(session, work.Targets, new FixOptions()));
                }

                if (work.HasScan)
                {
                    RunScan(session, work.Request, Selection, new FixOptions(), result => WriteFindings(result.Findings));
                }
            }

            JUnitFile.Write(this, _junitFile, _reported);
            if (FailOnDenied && _denied > 0)
            {
                ThrowTerminatingError(ErrorRecords.WithAction(
                    new ErrorRecord(new InvalidOperationException($"{_denied} target(s) are Denied: API Gateway may not invoke their Lambda function."), "DeniedTargetsFound", ErrorCategory.InvalidResult, _denied),
                    "Fix them with Add-ApiLambdaPermission, or apply ConvertTo-ApiLambdaPermissionTemplate output."));
            }
        }

        private void WriteFindings(IEnumerable<PermissionFinding> findings)
        {
            foreach (var finding in findings)
            {
                if (finding.Status == PermissionStatus.Denied)
                {
                    _denied++;
                }

                if (finding.OverlyBroad && _warnedStatements.Add($"{finding.FunctionName}:{finding.Qualifier}#{finding.MatchedStatementId}"))
                {
                    WriteWarning($"Statement '{finding.MatchedStatementId}' in the policy of {finding.FunctionArn} grants more than API Gateway needs (no SourceArn, Principal '*', or a whole-API SourceArn). {finding.Reason}");
                }

                if (_junitFile != null)
                {
                    _reported.Add(finding);
                }

                WriteObject(finding);
            }
        }
    }
}
