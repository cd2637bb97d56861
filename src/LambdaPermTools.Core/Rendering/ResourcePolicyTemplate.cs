using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LambdaPermTools.Planning;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Rendering
{
    /// <summary>
    /// Per function and qualifier, its whole current policy with the missing grants appended (docs/aws-rules.md §3.6):
    /// every existing statement is kept as it is, in its place. Each document is a PutResourcePolicy request
    /// (<c>ResourceArn</c>, <c>Policy</c>, <c>RevisionId</c>) for <c>aws lambda put-resource-policy --cli-input-json</c>;
    /// its <c>Policy</c> is also the <c>PolicyDocument</c> of <c>AWS::Lambda::ResourcePolicy</c> and the <c>policy</c> of
    /// Terraform's <c>aws_lambda_resource_policy</c>.
    /// </summary>
    public static class ResourcePolicyTemplate
    {
        private static readonly JsonSerializerOptions Indented = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>
        /// One commented document per function and qualifier that a grant is missing from; <paramref name="current"/> holds the
        /// policy read for each qualified function ARN (absent: not read, and nothing is written for it but a comment).
        /// </summary>
        public static string Write(IReadOnlyList<PlannedGrant> grants, IReadOnlyDictionary<string, CurrentPolicy> current)
        {
            var text = new StringBuilder();
            foreach (var group in grants.GroupBy(g => g.QualifiedFunctionArn, StringComparer.Ordinal))
            {
                var first = group.First();
                text.Append("# ").Append(TemplateWriter.Where(first)).Append('\n');
                if (!current.TryGetValue(group.Key, out var policy))
                {
                    text.Append("# Its current policy could not be read, so no whole document is written for it.\n\n");
                    continue;
                }

                string? merged = policy.PolicyJson;
                try
                {
                    foreach (var grant in group.Where(g => !FixPlanner.IsSatisfied(g, merged, out _)))
                    {
                        merged = AddPermissionStatement.AppendTo(merged, grant);
                    }
                }
                catch (PolicyFormatException e)
                {
                    text.Append("# Its current policy is not a policy document (").Append(OneLine(e.Message)).Append("), so nothing is merged into it.\n\n");
                    continue;
                }

                if (merged == policy.PolicyJson)
                {
                    text.Append("# Every grant is already in its policy.\n\n");
                    continue;
                }

                text.Append("# The whole policy, every existing statement kept: aws lambda put-resource-policy --cli-input-json file://<this document>;\n")
                    .Append("# its Policy is the PolicyDocument of AWS::Lambda::ResourcePolicy and the policy of aws_lambda_resource_policy.\n")
                    .Append(Request(group.Key, merged!, policy.RevisionId)).Append("\n\n");
            }

            return text.ToString();
        }

        private static string Request(string resourceArn, string policy, string? revisionId)
        {
            var request = new Dictionary<string, string> { ["ResourceArn"] = resourceArn, ["Policy"] = policy };
            if (revisionId != null)
            {
                request["RevisionId"] = revisionId;
            }

            return JsonSerializer.Serialize(request, Indented);
        }

        private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");
    }
}
