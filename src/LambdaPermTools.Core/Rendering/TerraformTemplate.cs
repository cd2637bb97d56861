using System.Collections.Generic;
using System.Linq;
using System.Text;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Rendering
{
    /// <summary>Terraform <c>aws_lambda_permission</c> resources, laid out as <c>terraform fmt</c> would.</summary>
    internal static class TerraformTemplate
    {
        public static string Write(IReadOnlyList<PlannedGrant> grants)
        {
            var hcl = new StringBuilder();
            foreach (var grant in grants)
            {
                if (hcl.Length > 0)
                {
                    hcl.Append('\n');
                }

                var arguments = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("statement_id", grant.StatementId),
                    new KeyValuePair<string, string>("action", grant.Action),
                    new KeyValuePair<string, string>("function_name", grant.FunctionName),
                };
                if (grant.Qualifier != null)
                {
                    arguments.Add(new KeyValuePair<string, string>("qualifier", grant.Qualifier));
                }

                arguments.Add(new KeyValuePair<string, string>("principal", grant.Principal));
                arguments.Add(new KeyValuePair<string, string>("source_arn", grant.SourceArn));
                if (grant.SourceAccount != null)
                {
                    arguments.Add(new KeyValuePair<string, string>("source_account", grant.SourceAccount));
                }

                var width = arguments.Max(a => a.Key.Length);
                hcl.Append("# ").Append(TemplateWriter.Where(grant)).Append('\n');
                hcl.Append("resource \"aws_lambda_permission\" \"").Append(TemplateNames.TerraformName(grant)).Append("\" {\n");
                foreach (var argument in arguments)
                {
                    hcl.Append("  ").Append(argument.Key.PadRight(width)).Append(" = ").Append(Quoting.Hcl(argument.Value)).Append('\n');
                }

                hcl.Append("}\n");
            }

            return hcl.ToString();
        }
    }
}
