using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>Builds the statement AddPermission writes (docs/aws-rules.md §3.2, §3.3).</summary>
    internal static class FakeStatements
    {
        private static readonly Regex AccountId = new Regex("^[0-9]{12}$");

        public static JsonObject Build(string functionArn, string? qualifier, string sid, string action, string principal, string? sourceArn, string? sourceAccount)
        {
            var statement = new JsonObject
            {
                ["Sid"] = sid,
                ["Effect"] = "Allow",
                ["Principal"] = PrincipalNode(principal),
                ["Action"] = action,
                ["Resource"] = qualifier == null ? functionArn : functionArn + ":" + qualifier,
            };
            var condition = new JsonObject();
            if (sourceAccount != null)
            {
                condition["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = sourceAccount };
            }

            if (sourceArn != null)
            {
                condition["ArnLike"] = new JsonObject { ["AWS:SourceArn"] = sourceArn };
            }

            if (condition.Count > 0)
            {
                statement["Condition"] = condition;
            }

            return statement;
        }

        private static JsonNode PrincipalNode(string principal)
        {
            if (principal == "*")
            {
                return JsonValue.Create("*")!;
            }

            if (AccountId.IsMatch(principal))
            {
                return new JsonObject { ["AWS"] = $"arn:aws:iam::{principal}:root" };
            }

            return principal.StartsWith("arn:") ? new JsonObject { ["AWS"] = principal } : new JsonObject { ["Service"] = principal };
        }
    }
}
