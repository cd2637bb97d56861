using System;
using System.Collections.Generic;
using System.Management.Automation;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Hosting;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Adds the least-privilege lambda:InvokeFunction grant for every Denied finding it receives (piped from
    /// Test-ApiLambdaPermission, or found by judging piped targets or the selected APIs; with neither it stops:
    /// never a region-wide write by default). Idempotent: an equivalent grant that already exists is reported
    /// AlreadyPresent and nothing is called. Passes the policy's RevisionId and retries on a revision conflict. One
    /// ShouldProcess per grant; -WhatIf calls nothing that changes AWS and writes no change objects for the grants it would add.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ApiLambdaPermission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PermissionChange))]
    public sealed class AddApiLambdaPermissionCommand : AwsCmdlet
    {
        private const string ByFinding = "Finding";
        private readonly HashSet<string> _warnedWholeDocument = new HashSet<string>(StringComparer.Ordinal);

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

        /// <summary>Every REST, HTTP and WebSocket API in the region.</summary>
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        public SwitchParameter All { get; set; }

        /// <summary>Only these kinds of API (Rest, Http, WebSocket) of the region. Default: all three.</summary>
        [Parameter(ParameterSetName = ApiSelector.ByAll)]
        [ValidateNotNullOrEmpty]
        public ApiType[]? ApiType { get; set; }

        /// <summary>
        /// Findings from Test-ApiLambdaPermission, or targets from Get-ApiIntegrationTarget (typed as their common base so
        /// that a target binds here, not by property name to -RestApiId, which would re-read its whole API).
        /// </summary>
        [Parameter(ParameterSetName = ByFinding, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IntegrationTarget[] Finding { get; set; } = new IntegrationTarget[0];

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

        /// <summary>Method (default): one grant per method, any stage; Stage: pinned to the finding's stage; Api: one grant per function and API.</summary>
        [Parameter]
        public FixScope Scope { get; set; } = FixScope.Method;

        /// <summary>Adds without asking for confirmation (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private ApiSelector Selection => new ApiSelector(ParameterSetName, RestApiId, InputObject, StageName, IncludeTestInvoke, Configuration) { ApiIds = ApiId, ApiTypes = ApiType };

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            TerminateOn(ApiSelector.Required(ParameterSetName, All, MyInvocation.ExpectingInput));
        }

        protected override void ProcessRecord()
        {
            var request = Request();
            WriteErrors(Selection.AddTo(request));
            if (ParameterSetName == ByFinding)
            {
                Selection.AddFindings(request, Finding);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var (run, request) in Runs())
            {
                var plan = Run.Plan(Collect<Judgement>(observer => run.JudgeAsync(request, observer)), new FixOptions { Scope = Scope });
                foreach (var warning in plan.Warnings)
                {
                    WriteWarning(warning);
                }

                WriteErrors(plan.Refused);
                WriteObject(plan.Skipped, enumerateCollection: true);
                foreach (var grant in plan.Grants)
                {
                    Apply(run, grant);
                }
            }
        }

        private void Apply(Run run, PlannedGrant grant)
        {
            var outcome = Await(() => run.PrepareAsync(grant));
            var pending = outcome.Pending;
            if (pending != null && this.Confirmed(Force, grant.QualifiedFunctionArn,
                $"Add permission: allow principal '{grant.Principal}' to call '{grant.Action}' with SourceArn '{grant.SourceArn}' as statement '{grant.StatementId}'"))
            {
                outcome = Await(() => run.ApplyAsync(pending));
            }

            if (outcome.Error != null)
            {
                WriteError(outcome.Error);
            }

            if (outcome.Change != null)
            {
                WriteObject(outcome.Change);
            }

            // Added to a policy written as one document (docs/aws-rules.md §3.6): once per function and qualifier.
            if (outcome.Change?.Result == ChangeResult.Added && pending?.WholeDocumentWarning != null && _warnedWholeDocument.Add(grant.QualifiedFunctionArn))
            {
                WriteWarning(pending.WholeDocumentWarning);
            }
        }
    }
}
