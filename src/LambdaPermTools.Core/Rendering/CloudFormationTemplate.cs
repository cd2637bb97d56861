using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LambdaPermTools.Planning;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Rendering
{
    /// <summary>
    /// CloudFormation <c>AWS::Lambda::Permission</c> resources, YAML or JSON. The resource has no Qualifier or
    /// StatementId property: the qualifier goes into FunctionName, and CloudFormation picks the statement id.
    /// </summary>
    internal static class CloudFormationTemplate
    {
        private const string Description = $"{LambdaPermission.InvokeAction} grants for API Gateway (LambdaPermTools). Deploy each in its function's account and region.";

        public static string Yaml(IReadOnlyList<PlannedGrant> grants)
        {
            var yaml = new StringBuilder();
            yaml.Append("AWSTemplateFormatVersion: \"2010-09-09\"\n");
            yaml.Append("Description: ").Append(Quoting.Json(Description)).Append('\n');
            yaml.Append("Resources:\n");
            foreach (var grant in grants)
            {
                yaml.Append("  # ").Append(TemplateWriter.Where(grant)).Append('\n');
                yaml.Append("  ").Append(TemplateNames.LogicalId(grant)).Append(":\n");
                yaml.Append("    Type: AWS::Lambda::Permission\n");
                yaml.Append("    Properties:\n");
                foreach (var property in Properties(grant))
                {
                    yaml.Append("      ").Append(property.Key).Append(": ").Append(Quoting.Json(property.Value)).Append('\n');
                }
            }

            return yaml.ToString();
        }

        public static string Json(IReadOnlyList<PlannedGrant> grants)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("AWSTemplateFormatVersion", "2010-09-09");
                json.WriteString("Description", Description);
                json.WriteStartObject("Resources");
                foreach (var grant in grants)
                {
                    json.WriteStartObject(TemplateNames.LogicalId(grant));
                    json.WriteString("Type", "AWS::Lambda::Permission");
                    json.WriteStartObject("Properties");
                    foreach (var property in Properties(grant))
                    {
                        json.WriteString(property.Key, property.Value);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        private static IEnumerable<KeyValuePair<string, string>> Properties(PlannedGrant grant)
        {
            yield return new KeyValuePair<string, string>("Action", grant.Action);
            yield return new KeyValuePair<string, string>("FunctionName", grant.QualifiedFunctionArn);
            yield return new KeyValuePair<string, string>("Principal", grant.Principal);
            yield return new KeyValuePair<string, string>("SourceArn", grant.SourceArn);
            if (grant.SourceAccount != null)
            {
                yield return new KeyValuePair<string, string>("SourceAccount", grant.SourceAccount);
            }
        }
    }
}
