using System.Text.Json.Nodes;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// The policy statement Lambda writes for an AWS::Lambda::Permission (its AddPermission parameters, docs/aws-rules.md §3.2),
    /// with the resource's logical id as Sid, so that the engine judges a template grant exactly as a live one.
    /// </summary>
    internal static class PermissionStatement
    {
        public static string Build(string logicalId, string qualifiedFunctionArn, string action, string principal, string? sourceArn, string? sourceAccount, PermissionExtras extras)
        {
            var conditions = new JsonObject();
            var stringEquals = new JsonObject();
            if (sourceAccount != null)
            {
                stringEquals["AWS:SourceAccount"] = sourceAccount;
            }

            if (extras.PrincipalOrgId != null)
            {
                stringEquals["aws:PrincipalOrgID"] = extras.PrincipalOrgId;
            }

            if (extras.EventSourceToken != null)
            {
                stringEquals["lambda:EventSourceToken"] = extras.EventSourceToken;
            }

            if (extras.FunctionUrlAuthType != null)
            {
                stringEquals["lambda:FunctionUrlAuthType"] = extras.FunctionUrlAuthType;
            }

            if (stringEquals.Count > 0)
            {
                conditions["StringEquals"] = stringEquals;
            }

            if (sourceArn != null)
            {
                conditions["ArnLike"] = new JsonObject { ["AWS:SourceArn"] = sourceArn };
            }

            if (extras.InvokedViaFunctionUrl != null)
            {
                conditions["Bool"] = new JsonObject { ["lambda:InvokedViaFunctionUrl"] = extras.InvokedViaFunctionUrl };
            }

            var statement = new JsonObject
            {
                ["Sid"] = logicalId,
                ["Effect"] = "Allow",
                ["Principal"] = Principal(principal),
                ["Action"] = action,
                ["Resource"] = qualifiedFunctionArn,
            };
            if (conditions.Count > 0)
            {
                statement["Condition"] = conditions;
            }

            return statement.ToJsonString();
        }

        // AddPermission's Principal: a service name, an account id (its root), an IAM ARN, or "*" (docs/aws-rules.md §3.3).
        private static JsonNode Principal(string principal)
        {
            if (principal == "*")
            {
                return JsonValue.Create("*")!;
            }

            if (principal.Length == 12 && long.TryParse(principal, out _))
            {
                return new JsonObject { ["AWS"] = $"arn:aws:iam::{principal}:root" };
            }

            return principal.StartsWith("arn:", System.StringComparison.Ordinal)
                ? new JsonObject { ["AWS"] = principal }
                : new JsonObject { ["Service"] = principal };
        }
    }

    /// <summary>The AWS::Lambda::Permission properties that become conditions no API Gateway call satisfies or the engine cannot evaluate.</summary>
    internal sealed class PermissionExtras
    {
        public string? PrincipalOrgId { get; set; }

        public string? EventSourceToken { get; set; }

        public string? FunctionUrlAuthType { get; set; }

        public string? InvokedViaFunctionUrl { get; set; }
    }
}
