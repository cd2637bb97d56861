using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Binding;
using LambdaPermTools.Completion;
using LambdaPermTools.Hosting;
using LambdaPermTools.Templates;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Checks CloudFormation and SAM templates offline, before deployment: one finding per method integration or Lambda
    /// authorizer × stage the template declares, judged against the grants the template declares (AWS::Lambda::Permission,
    /// AWS::Lambda::ResourcePolicy and the permissions SAM generates). Makes no AWS call and needs no credentials.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ApiLambdaPermissionTemplate", DefaultParameterSetName = ByPath)]
    [OutputType(typeof(PermissionFinding))]
    public sealed class TestApiLambdaPermissionTemplateCommand : PSCmdlet
    {
        private const string ByPath = "Path";
        private const string ByLiteralPath = "LiteralPath";
        private const string ByBody = "TemplateBody";
        private readonly List<PermissionFinding> _findings = new List<PermissionFinding>();
        private readonly HashSet<string> _warnedGrants = new HashSet<string>(StringComparer.Ordinal);
        private TemplateSettings _settings = new TemplateSettings();
        private string? _junitFile;

        /// <summary>Template files; wildcards are expanded.</summary>
        [Parameter(ParameterSetName = ByPath, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Template files, taken literally (Get-ChildItem output binds here by its PSPath).</summary>
        [Parameter(ParameterSetName = ByLiteralPath, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        /// <summary>A template's text (YAML or JSON).</summary>
        [Parameter(ParameterSetName = ByBody, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string TemplateBody { get; set; } = "";

        /// <summary>The region the stack deploys to: makes ${AWS::Region} and ${AWS::Partition} concrete.</summary>
        [Parameter]
        [RegionTransformation]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>The account the stack deploys to: makes ${AWS::AccountId} concrete.</summary>
        [Parameter]
        [ValidatePattern(@"^\d{12}$")]
        public string? AccountId { get; set; }

        /// <summary>Template parameter values (name = value, or values for list parameters) that replace the defaults.</summary>
        [Parameter]
        public Hashtable? Parameter { get; set; }

        /// <summary>After writing every finding, end with a terminating error when any finding is Denied.</summary>
        [Parameter]
        public SwitchParameter FailOnDenied { get; set; }

        /// <summary>Also write the findings as a JUnit XML report (one test case per finding) to this file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JUnitPath { get; set; }

        protected override void BeginProcessing()
        {
            _settings = TemplateInput.Settings(this, Region, AccountId, Parameter);
            _junitFile = JUnitFile.Resolve(this, JUnitPath);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByBody)
            {
                Check(null, TemplateBody);
                return;
            }

            var literal = ParameterSetName == ByLiteralPath;
            foreach (var path in literal ? LiteralPath : Path)
            {
                foreach (var file in TemplateInput.Files(this, path, literal))
                {
                    var text = TemplateInput.Read(this, file);
                    if (text != null)
                    {
                        Check(file, text);
                    }
                }
            }
        }

        protected override void EndProcessing()
        {
            JUnitFile.Write(this, _junitFile, _findings);
            var denied = _findings.FindAll(f => f.Status == PermissionStatus.Denied).Count;
            if (FailOnDenied && denied > 0)
            {
                ThrowTerminatingError(ErrorRecords.For(ErrorId.DeniedTargetsFound,
                    new InvalidOperationException($"{denied} target(s) are Denied: API Gateway would not be allowed to invoke their Lambda function once the template is deployed."), denied,
                    "Add the grants ConvertTo-ApiLambdaPermissionTemplate writes for these findings to the template."));
            }
        }

        private void Check(string? file, string text)
        {
            WriteVerbose($"Checking {file ?? "the template body"} offline.");
            var result = TemplateInput.Check(this, file, text, _settings);
            if (result == null)
            {
                return;
            }

            foreach (var warning in result.Warnings)
            {
                WriteWarning($"{file ?? "Template body"}: {warning}");
            }

            foreach (var finding in result.Findings)
            {
                if (finding.OverlyBroad && _warnedGrants.Add(file + "#" + finding.PermissionLogicalId))
                {
                    WriteWarning($"{file ?? "Template body"}: {finding.PermissionLogicalId} is overly broad. {finding.Reason}");
                }

                _findings.Add(finding);
                WriteObject(finding);
            }
        }
    }
}
