using System.Collections.Generic;
using System.Management.Automation;
using LambdaPermTools.Aws.Scanning;
using LambdaPermTools.Fix;
using LambdaPermTools.Hosting;
using LambdaPermTools.Templates;

namespace LambdaPermTools.Commands
{
    /// <summary>
    /// Writes the fix that Add-ApiLambdaPermission would make as CloudFormation (YAML/JSON), Terraform, AWS CLI
    /// or AWS Tools for PowerShell text: collects every finding, then writes one string. Piped findings need no
    /// AWS access; piped targets (judged first) and scanning the selected APIs do.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "ApiLambdaPermissionTemplate")]
    [OutputType(typeof(string))]
    public sealed class ConvertToApiLambdaPermissionTemplateCommand : FixingCmdlet
    {
        /// <summary>The text to write.</summary>
        [Parameter]
        public TemplateFormat Format { get; set; } = TemplateFormat.CloudFormationYaml;

        protected override void EndProcessing()
        {
            var findings = new List<PermissionFinding>();
            foreach (var work in Work)
            {
                findings.AddRange(CollectFindings(work, work.HasScan || work.Targets.Count > 0 ? OpenSession(work) : null));
            }

            // Findings of Test-ApiLambdaPermissionTemplate are fixed in their own template, with its names.
            var fromTemplates = findings.FindAll(TemplateFixRenderer.IsTemplateFinding);
            if (fromTemplates.Count > 0)
            {
                TemplateFixOutput.Write(this, fromTemplates, Format);
                findings.RemoveAll(TemplateFixRenderer.IsTemplateFinding);
                if (findings.Count == 0)
                {
                    return;
                }
            }

            var fix = FixWork.Prepare(findings, FixOptions);
            WriteWarnings(fix.Plan);
            foreach (var skipped in fix.Skipped)
            {
                WriteVerbose($"Skipped {skipped.FunctionName}: {skipped.Reason}");
            }

            if (fix.Plan.Grants.Count == 0)
            {
                WriteWarning("No Denied finding that a lambda:InvokeFunction grant can fix: the template is empty.");
            }

            WriteObject(TemplateWriter.Write(fix.Plan.Grants, Format));
        }
    }
}
