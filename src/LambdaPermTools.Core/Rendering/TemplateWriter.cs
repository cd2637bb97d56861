using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Rendering
{
    /// <summary>The same grants as infrastructure-as-code or command text.</summary>
    public static class TemplateWriter
    {
        /// <summary>
        /// The grants in the given form (identical grants once, in the given order); an empty string when there is
        /// nothing to grant. Each grant is preceded by a comment naming its function, account and region (not in JSON).
        /// </summary>
        public static string Write(IReadOnlyList<PlannedGrant> grants, TemplateFormat format)
        {
            var unique = grants.GroupBy(g => (g.FunctionName, g.Qualifier, g.SourceArn)).Select(g => g.First()).ToList();
            if (unique.Count == 0)
            {
                return "";
            }

            switch (format)
            {
                case TemplateFormat.CloudFormationYaml:
                    return CloudFormationTemplate.Yaml(unique);
                case TemplateFormat.CloudFormationJson:
                    return CloudFormationTemplate.Json(unique);
                case TemplateFormat.Terraform:
                    return TerraformTemplate.Write(unique);
                case TemplateFormat.AwsCli:
                    return CommandTemplate.AwsCli(unique);
                case TemplateFormat.AwsPowerShell:
                    return CommandTemplate.AwsPowerShell(unique);
                case TemplateFormat.ResourcePolicy:
                    throw new ArgumentException("ResourcePolicy merges grants into the current policies: use ResourcePolicyTemplate.Write.", nameof(format));
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown template format.");
            }
        }

        /// <summary>The comment line: which function, in which account and region, the grant belongs to.</summary>
        internal static string Where(PlannedGrant grant) =>
            $"{grant.QualifiedFunctionArn} (account {grant.FunctionAccountId}, region {grant.Region})".Replace("\n", " ").Replace("\r", " ");
    }
}
