using System.Linq;
using System.Text.Json.Nodes;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>Lambda resource policies as AddPermission writes them (docs/aws-rules.md §3.2), plus hand-made variants.</summary>
    internal static class Policy
    {
        /// <summary>An AddPermission-shaped statement for the API Gateway service principal.</summary>
        public static JsonObject Grant(string sid, string? sourceArn, string resource, string? sourceAccount = null, string op = "ArnLike")
        {
            var condition = new JsonObject();
            if (sourceAccount != null)
            {
                condition["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = sourceAccount };
            }

            if (sourceArn != null)
            {
                condition[op] = new JsonObject { ["AWS:SourceArn"] = sourceArn };
            }

            var statement = new JsonObject
            {
                ["Sid"] = sid,
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "apigateway.amazonaws.com" },
                ["Action"] = "lambda:InvokeFunction",
                ["Resource"] = resource,
            };
            if (condition.Count > 0)
            {
                statement["Condition"] = condition;
            }

            return statement;
        }

        public static string Of(params JsonObject[] statements) =>
            new JsonObject { ["Version"] = "2012-10-17", ["Id"] = "default", ["Statement"] = new JsonArray(statements.Select(s => (JsonNode)s).ToArray()) }.ToJsonString();
    }
}
