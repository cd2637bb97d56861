using System;
using System.Collections.Generic;
using System.Text;
using LambdaPermTools.Planning;

namespace LambdaPermTools.Rendering
{
    /// <summary>One command per grant: <c>aws lambda add-permission</c> (POSIX shell) or AWS Tools' <c>Add-LMPermission</c>.</summary>
    internal static class CommandTemplate
    {
        public static string AwsCli(IReadOnlyList<PlannedGrant> grants) =>
            Lines(grants, "aws lambda add-permission", name => " --" + name, Quoting.Shell, CliName);

        public static string AwsPowerShell(IReadOnlyList<PlannedGrant> grants) =>
            Lines(grants, "Add-LMPermission", name => " -" + name, Quoting.PowerShell, name => name);

        // Parameters in AWS Tools (PascalCase) spelling; the CLI spells them in kebab-case.
        private static IEnumerable<KeyValuePair<string, string>> Parameters(PlannedGrant grant)
        {
            yield return new KeyValuePair<string, string>("Region", grant.Region);
            yield return new KeyValuePair<string, string>("FunctionName", grant.FunctionName);
            if (grant.Qualifier != null)
            {
                yield return new KeyValuePair<string, string>("Qualifier", grant.Qualifier);
            }

            yield return new KeyValuePair<string, string>("StatementId", grant.StatementId);
            yield return new KeyValuePair<string, string>("Action", grant.Action);
            yield return new KeyValuePair<string, string>("Principal", grant.Principal);
            yield return new KeyValuePair<string, string>("SourceArn", grant.SourceArn);
            if (grant.SourceAccount != null)
            {
                yield return new KeyValuePair<string, string>("SourceAccount", grant.SourceAccount);
            }
        }

        private static string Lines(IReadOnlyList<PlannedGrant> grants, string command, Func<string, string> flag, Func<string, string> quote, Func<string, string> spell)
        {
            var text = new StringBuilder();
            foreach (var grant in grants)
            {
                text.Append("# ").Append(TemplateWriter.Where(grant)).Append('\n').Append(command);
                foreach (var parameter in Parameters(grant))
                {
                    text.Append(flag(spell(parameter.Key))).Append(' ').Append(quote(parameter.Value));
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        private static string CliName(string pascal)
        {
            var kebab = new StringBuilder();
            foreach (var c in pascal)
            {
                if (char.IsUpper(c) && kebab.Length > 0)
                {
                    kebab.Append('-');
                }

                kebab.Append(char.ToLowerInvariant(c));
            }

            return kebab.ToString();
        }
    }
}
