using System.Globalization;
using System.Text;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Rendering
{
    /// <summary>
    /// Deterministic resource names for a grant: a readable part (function, qualifier, source) and a hash of
    /// function + qualifier + SourceArn, so the same source granted on two functions never collides.
    /// </summary>
    internal static class TemplateNames
    {
        private const int ReadableLength = 60;

        /// <summary>CloudFormation logical id: letters and digits only, e.g. "LptOrdersLiveA1b2c3AllGETPetsAll0f3a…".</summary>
        public static string LogicalId(PlannedGrant grant)
        {
            var output = new StringBuilder("Lpt");
            var upper = true;
            foreach (var c in Readable(grant) + "-" + Hash(grant))
            {
                if (c == '-' || c == '_')
                {
                    upper = true;
                    continue;
                }

                output.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            return output.ToString();
        }

        /// <summary>Terraform resource name: lower-case letters, digits and underscores, starting with a letter.</summary>
        public static string TerraformName(PlannedGrant grant) =>
            ("lpt_" + Readable(grant) + "_" + Hash(grant)).Replace('-', '_').ToLower(CultureInfo.InvariantCulture);

        private static string Readable(PlannedGrant grant)
        {
            var function = grant.FunctionName.Substring(grant.FunctionName.LastIndexOf(':') + 1);
            var source = grant.SourceArn.Split(new[] { ':' }, Arns.ArnPattern.ComponentCount);
            var readable = StatementIds.Readable($"{function}-{grant.Qualifier}-{source[source.Length - 1]}");
            return readable.Length <= ReadableLength ? readable : readable.Substring(0, ReadableLength).TrimEnd('-');
        }

        private static string Hash(PlannedGrant grant) => StatementIds.ShortHash(grant.FunctionName, grant.Qualifier, grant.SourceArn);
    }
}
