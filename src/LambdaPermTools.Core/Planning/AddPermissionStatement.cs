using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Planning
{
    /// <summary>
    /// The statement Lambda's AddPermission writes for a grant (docs/aws-rules.md §3.2), and a policy with it appended.
    /// Used to size policies and to simulate AddPermission (tests, in-memory fakes).
    /// </summary>
    public static class AddPermissionStatement
    {
        public static string Build(PlannedGrant grant)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteString("Sid", grant.StatementId);
                json.WriteString("Effect", "Allow");
                json.WriteStartObject("Principal");
                json.WriteString("Service", grant.Principal);
                json.WriteEndObject();
                json.WriteString("Action", grant.Action);
                json.WriteString("Resource", grant.QualifiedFunctionArn);
                json.WriteStartObject("Condition");
                if (grant.SourceAccount != null)
                {
                    json.WriteStartObject("StringEquals");
                    json.WriteString("AWS:SourceAccount", grant.SourceAccount);
                    json.WriteEndObject();
                }

                json.WriteStartObject("ArnLike");
                json.WriteString("AWS:SourceArn", grant.SourceArn);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>The policy with the grant's statement appended (a new policy when <paramref name="policyJson"/> is null).</summary>
        /// <exception cref="PolicyFormatException">The existing policy is not a policy.</exception>
        public static string AppendTo(string? policyJson, PlannedGrant grant)
        {
            var statement = JsonNode.Parse(Build(grant))!;
            if (string.IsNullOrWhiteSpace(policyJson))
            {
                return new JsonObject { ["Version"] = "2012-10-17", ["Id"] = "default", ["Statement"] = new JsonArray(statement) }.ToJsonString();
            }

            PolicyDocument.Parse(policyJson);
            var root = JsonNode.Parse(policyJson!)!.AsObject();
            if (!(root["Statement"] is JsonArray list))
            {
                list = new JsonArray(root["Statement"]!.DeepClone());
                root["Statement"] = list;
            }

            list.Add(statement);
            return root.ToJsonString();
        }
    }
}
