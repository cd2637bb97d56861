using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Hosting;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Decides, per target and stage, whether API Gateway may invoke the function, and why. Takes REST APIs
    /// (-RestApiId, -InputObject, -All; with no selection and nothing piped in, every REST, HTTP and WebSocket API of the region) or
    /// Get-ApiIntegrationTarget output (-Target) or Find-ApiLambdaPermissionError output (-Failure) from the pipeline. A denied or missing policy is a finding, not an
    /// error; -FailOnDenied ends with a terminating error (DeniedTargetsFound) after every finding is written, for CI gates.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ApiLambdaPermission")]
    [OutputType(typeof(PermissionFinding))]
    public sealed class TestApiLambdaPermissionCommand : AwsCmdlet
    {
        private const string ByTarget = "Target";
        private const string ByFailure = "Failure";
        private string? _junitFile;
        private FindingWriter _findings = null!;

        /// <summary>The ids of the REST APIs to look at.</summary>
        [Parameter(ParameterSetName = ApiSelector.ByRestApiId, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RestApiIdCompleter))]
        public string[] RestApiId { get; set; } = new string[0];

        /// <summary>The ids of the HTTP and WebSocket APIs to look at (Get-AG2ApiList objects bind by their ApiId).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByApiId, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ApiId { get; set; } = new string[0];

        /// <summary>REST APIs as Get-AGRestApiList emits them (objects with Id and Name).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByInputObject, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RestApiReference[] InputObject { get; set; } = new RestApiReference[0];

        /// <summary>Every REST, HTTP and WebSocket API in the region (also what no selection means).</summary>
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        public SwitchParameter All { get; set; }

        /// <summary>Only these kinds of API (Rest, Http, WebSocket) of the region. Default: all three.</summary>
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        [ValidateNotNullOrEmpty]
        public ApiType[]? ApiType { get; set; }

        /// <summary>Targets from Get-ApiIntegrationTarget.</summary>
        [Parameter(ParameterSetName = ByTarget, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IntegrationTarget[] Target { get; set; } = new IntegrationTarget[0];

        /// <summary>Failures from Find-ApiLambdaPermissionError: exactly the targets they name, as their stages serve them.</summary>
        [Parameter(ParameterSetName = ByFailure, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PermissionFailure[] Failure { get; set; } = new PermissionFailure[0];

        /// <summary>The URL of a request that failed (an execute-api host or a custom domain name): only the targets that request reaches, each with its Trace.</summary>
        [Parameter(ParameterSetName = UriBinding.ByUri, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Uri { get; set; } = "";

        /// <summary>The verb of that request (default GET).</summary>
        [Parameter(ParameterSetName = UriBinding.ByUri)]
        [ValidateNotNullOrEmpty]
        public string HttpMethod { get; set; } = "GET";

        /// <summary>The headers of that request, for custom domains whose routing rules match on headers.</summary>
        [Parameter(ParameterSetName = UriBinding.ByUri)]
        public Hashtable? Header { get; set; }

        /// <summary>Only these stages (case-sensitive). Default: every stage of each API.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StageNameCompleter))]
        public string[]? StageName { get; set; }

        /// <summary>Also the console's Test button (stage test-invoke-stage).</summary>
        [Parameter]
        public SwitchParameter IncludeTestInvoke { get; set; }

        /// <summary>Deployed (default): what each stage serves, its deployment and its canary's; Current: the current configuration, i.e. what the next deployment will serve.</summary>
        [Parameter]
        public ApiConfiguration Configuration { get; set; } = ApiConfiguration.Deployed;

        /// <summary>After writing every finding, end with a terminating error when any finding is Denied.</summary>
        [Parameter]
        public SwitchParameter FailOnDenied { get; set; }

        /// <summary>Also write the findings as a JUnit XML report (one test case per finding) to this file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JUnitPath { get; set; }

        private ApiSelector Selection => new ApiSelector(ParameterSetName, RestApiId, InputObject, StageName, IncludeTestInvoke, Configuration) { ApiIds = ApiId, ApiTypes = ApiType };

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _junitFile = JUnitFile.Resolve(this, JUnitPath);
            _findings = new FindingWriter(this, _junitFile != null);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == UriBinding.ByUri)
            {
                TerminateOn(UriBinding.AddTo(this, Uri, HttpMethod, Header, Configuration));
                return;
            }

            var request = Request();
            WriteErrors(ParameterSetName == ByFailure ? Selection.AddFailures(request, Failure) : Selection.AddTo(request));
            if (ParameterSetName == ByTarget)
            {
                Selection.AddTargets(request, Target);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var (run, request) in Runs())
            {
                // Piped targets and -Uri routes are judged function by function; selected APIs are scanned API by API.
                var judging = request.Targets.Count > 0 || request.Routes.Count > 0;
                Stream<Judgement>(observer => run.JudgeAsync(request, observer), judgement => _findings.Write(judgement.Findings),
                    judging ? "Judging targets" : ScanActivity, judging ? "targets judged" : ScanItems);
            }

            JUnitFile.Write(this, _junitFile, _findings.Reported);
            if (FailOnDenied && _findings.Denied > 0)
            {
                TerminateOn(new RunError(ErrorId.DeniedTargetsFound, $"{_findings.Denied} target(s) are Denied: API Gateway may not invoke their Lambda function.", _findings.Denied,
                    "Fix them with Add-ApiLambdaPermission, or apply ConvertTo-ApiLambdaPermissionTemplate output."));
            }
        }
    }
}
