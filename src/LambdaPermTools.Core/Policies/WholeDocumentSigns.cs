using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Policies
{
    /// <summary>
    /// Signs that a policy is managed as one document (docs/aws-rules.md §3.6): statements AddPermission cannot write.
    /// A grant added one statement at a time to such a policy is lost at the next whole-document write
    /// (PutResourcePolicy, AWS::Lambda::ResourcePolicy, aws_lambda_resource_policy).
    /// </summary>
    public static class WholeDocumentSigns
    {
        /// <summary>
        /// The condition keys AddPermission writes: SourceArn, SourceAccount, and those of its PrincipalOrgID,
        /// EventSourceToken, FunctionUrlAuthType and InvokedViaFunctionUrl parameters (botocore model lambda, AddPermissionRequest).
        /// </summary>
        private static readonly string[] AddPermissionKeys =
        {
            PolicyCondition.SourceArnKey, PolicyCondition.SourceAccountKey, "aws:PrincipalOrgID", "lambda:EventSourceToken",
            "lambda:FunctionUrlAuthType", "lambda:InvokedViaFunctionUrl",
        };

        /// <summary>One sentence per statement AddPermission cannot write, naming the statement and why; empty when there is none.</summary>
        public static IReadOnlyList<string> Find(PolicyDocument policy) =>
            policy.Statements.Select(Of).Where(sign => sign != null).Select(sign => sign!).ToList();

        /// <summary>As <see cref="Find(PolicyDocument)"/> for a policy's JSON; no signs for no policy or text that is not a policy.</summary>
        public static IReadOnlyList<string> Find(string? policyJson)
        {
            var parsed = ParsedPolicy.Of(policyJson);
            return parsed.Document == null ? Array.Empty<string>() : Find(parsed.Document);
        }

        /// <summary>Why AddPermission cannot have written the statement, as a phrase ("Effect 'Deny', no Sid"), or empty.</summary>
        public static string Violations(PolicyStatement statement)
        {
            var why = new List<string>();
            if (!statement.IsAllow)
            {
                why.Add($"Effect '{statement.Effect}'");
            }

            if (string.IsNullOrEmpty(statement.Sid))
            {
                why.Add("no Sid");
            }

            if (statement.ActionIsArray)
            {
                why.Add("an Action list");
            }

            why.AddRange(statement.NegatedElements.Select(n => $"a {n} element"));
            why.AddRange(statement.Conditions
                .Where(c => !AddPermissionKeys.Any(c.HasKey))
                .Select(c => $"the condition key '{c.Key}'"));
            return string.Join(", ", why);
        }

        private static string? Of(PolicyStatement statement)
        {
            var why = Violations(statement);
            var name = string.IsNullOrEmpty(statement.Sid) ? $"#{statement.Index + 1}" : $"'{statement.Sid}'";
            return why.Length == 0 ? null : $"Statement {name} has {why}";
        }
    }
}
