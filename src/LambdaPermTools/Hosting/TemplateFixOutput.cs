using System;
using System.Collections.Generic;
using System.Management.Automation;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Planning;
using LambdaPermTools.Rendering;
using LambdaPermTools.Templates;

namespace LambdaPermTools.Hosting
{
    /// <summary>ConvertTo-ApiLambdaPermissionTemplate for findings of Test-ApiLambdaPermissionTemplate: the fix for their own template.</summary>
    internal static class TemplateFixOutput
    {
        /// <summary>
        /// Writes the AWS::Lambda::Permission resources with the template's names; a format that cannot hold them is a
        /// terminating InvalidArgument (TemplateFindingFormat), nothing to fix a warning and an empty string.
        /// </summary>
        public static void Write(PSCmdlet cmdlet, IReadOnlyList<PermissionFinding> findings, TemplateFormat format)
        {
            string text;
            try
            {
                text = TemplateFixRenderer.Write(findings, format);
            }
            catch (NotSupportedException e)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.For(ErrorId.TemplateFindingFormat, e, format,
                    "Use -Format CloudFormationYaml or CloudFormationJson for findings of Test-ApiLambdaPermissionTemplate."));
                return;
            }

            if (text.Length == 0)
            {
                cmdlet.WriteWarning("No Denied template finding that a lambda:InvokeFunction grant can fix: nothing to add to the template.");
            }

            cmdlet.WriteObject(text);
        }
    }
}
