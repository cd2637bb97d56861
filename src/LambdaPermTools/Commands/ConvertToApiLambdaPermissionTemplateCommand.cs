using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Hosting;
using LambdaPermTools.Planning;
using LambdaPermTools.Rendering;
using LambdaPermTools.Templates;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Writes the fix that Add-ApiLambdaPermission would make as CloudFormation (YAML/JSON), Terraform, AWS CLI or AWS
    /// Tools for PowerShell text, or (ResourcePolicy) each function's whole current policy with the grants merged: collects
    /// every finding, then writes one string. Piped findings need no AWS access, except for ResourcePolicy (the current
    /// policy is read); piped targets (judged first) and the selected APIs do. With neither it stops, as Add-ApiLambdaPermission does.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "ApiLambdaPermissionTemplate")]
    [OutputType(typeof(string))]
    public sealed class ConvertToApiLambdaPermissionTemplateCommand : AwsCmdlet
    {
        private const string ByFinding = "Finding";

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

        /// <summary>Findings from Test-ApiLambdaPermission, or targets from Get-ApiIntegrationTarget.</summary>
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

        /// <summary>The text to write.</summary>
        [Parameter]
        public TemplateFormat Format { get; set; } = TemplateFormat.CloudFormationYaml;

        /// <summary>Findings of Test-ApiLambdaPermissionTemplate: fixed in their own template, with its names, never through AWS.</summary>
        private readonly List<PermissionFinding> _fromTemplates = new List<PermissionFinding>();
        private bool _liveInput;

        private ApiSelector Selection => new ApiSelector(ParameterSetName, RestApiId, InputObject, StageName, IncludeTestInvoke, Configuration) { ApiIds = ApiId, ApiTypes = ApiType };

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            TerminateOn(ApiSelector.Required(ParameterSetName, All, MyInvocation.ExpectingInput));
        }

        protected override void ProcessRecord()
        {
            var live = Finding;
            if (ParameterSetName == ByFinding)
            {
                _fromTemplates.AddRange(Finding.OfType<PermissionFinding>().Where(TemplateFixRenderer.IsTemplateFinding));
                live = Finding.Where(f => !(f is PermissionFinding finding && TemplateFixRenderer.IsTemplateFinding(finding))).ToArray();
                if (live.Length == 0)
                {
                    return;
                }
            }

            _liveInput = true;
            var request = Request();
            WriteErrors(Selection.AddTo(request));
            if (ParameterSetName == ByFinding)
            {
                Selection.AddFindings(request, live);
            }
        }

        protected override void EndProcessing()
        {
            if (_fromTemplates.Count > 0)
            {
                TemplateFixOutput.Write(this, _fromTemplates, Format);
                if (!_liveInput)
                {
                    return;
                }
            }

            var runs = Runs().Select(r => (r.Run, Judgements: Collect<Judgement>(observer => r.Run.JudgeAsync(r.Request, observer)))).ToList();
            var judgements = runs.SelectMany(r => r.Judgements).ToList();
            var plan = Run.Plan(judgements, new FixOptions { Scope = Scope });
            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }

            WriteErrors(plan.Refused);
            foreach (var skipped in plan.Skipped)
            {
                WriteVerbose($"Skipped {skipped.FunctionName}: {skipped.Reason}");
            }

            if (plan.Grants.Count == 0)
            {
                WriteWarning("No Denied finding that a lambda:InvokeFunction grant can fix: the template is empty.");
            }

            WriteObject(Format == TemplateFormat.ResourcePolicy
                ? ResourcePolicyTemplate.Write(plan.Grants, CurrentPolicies.Of(this, runs, plan.Grants))
                : TemplateWriter.Write(plan.Grants, Format));
        }
    }
}
