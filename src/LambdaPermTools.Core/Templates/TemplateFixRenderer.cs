using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;
using LambdaPermTools.Policies;
using LambdaPermTools.Rendering;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// The fix for Test-ApiLambdaPermissionTemplate's findings, for pasting into the template they came from: one
    /// AWS::Lambda::Permission per missing grant, written with the template's own names (<c>FunctionName: !Ref
    /// MyFunction</c>, <c>!Ref MyFunctionAliaslive</c> for an alias, <c>SourceArn: !Sub "arn:${AWS::Partition}:execute-api:
    /// ${AWS::Region}:${AWS::AccountId}:${MyApi}/*/GET/pets"</c>), one Resources block per template file.
    /// </summary>
    public static class TemplateFixRenderer
    {
        private const string Pseudo = "${AWS::";
        private const string Flat = "${AWS--";

        /// <summary>True for a finding of Test-ApiLambdaPermissionTemplate (it names the template's logical id).</summary>
        public static bool IsTemplateFinding(IntegrationTarget finding) => finding.LogicalId.Length > 0;

        /// <summary>The resources for every Denied finding a grant fixes; empty when there is none.</summary>
        /// <exception cref="NotSupportedException">A format other than CloudFormation YAML or JSON.</exception>
        public static string Write(IEnumerable<PermissionFinding> findings, TemplateFormat format)
        {
            if (format != TemplateFormat.CloudFormationYaml && format != TemplateFormat.CloudFormationJson)
            {
                throw new NotSupportedException($"Template findings can only be written as CloudFormation (CloudFormationYaml or CloudFormationJson), not {format}: their ids and names exist only in the template until it is deployed.");
            }

            var documents = findings.Where(f => f.Status == PermissionStatus.Denied && !string.IsNullOrEmpty(f.SourceArn))
                .GroupBy(f => f.TemplatePath)
                .Select(template => (template.Key, Resources(template)))
                .ToList();
            return format == TemplateFormat.CloudFormationYaml
                ? string.Join("---\n", documents.Select(d => Yaml(d.Key, d.Item2)))
                : string.Concat(documents.Select(d => Json(d.Item2)));
        }

        private static List<Resource> Resources(IEnumerable<PermissionFinding> findings)
        {
            var resources = new List<Resource>();
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var grant in findings.GroupBy(f => (f.FunctionName, f.Qualifier, f.SourceArn)))
            {
                var first = grant.First();
                var hint = TemplateHint.Of(first);
                taken.UnionWith(hint?.TakenLogicalIds ?? new string[0]);
                // Without the hint the template's own ids are unknown: a hash keeps the new one apart from them.
                var name = LogicalId(first) + (hint == null ? StatementIds.ShortHash(first.FunctionName, first.Qualifier, first.SourceArn).Substring(0, 6) : "");
                var candidate = name;
                for (var n = 2; !taken.Add(candidate); n++)
                {
                    candidate = name + n;
                }

                resources.Add(new Resource
                {
                    LogicalId = candidate,
                    Comment = $"{What(first)}, stage {string.Join(", ", grant.Select(f => f.StageName).Distinct())}: {first.Status}/{first.Cause}",
                    FunctionKind = hint?.FunctionKind ?? (first.FunctionArn.Contains("${") ? "Sub" : ""),
                    FunctionValue = hint?.FunctionValue ?? first.FunctionArn,
                    SourceArn = hint == null ? first.SourceArn! : WithPseudoParameters(first.SourceArn!, hint),
                });
            }

            return resources;
        }

        private static string Yaml(string templatePath, List<Resource> resources)
        {
            var yaml = new StringBuilder();
            yaml.Append("# AWS::Lambda::Permission resources for ").Append(templatePath.Length > 0 ? templatePath : "the template").Append(": paste them under its Resources.\n");
            yaml.Append("Resources:\n");
            foreach (var resource in resources)
            {
                yaml.Append("  # ").Append(resource.Comment.Replace("\n", " ")).Append('\n');
                yaml.Append("  ").Append(resource.LogicalId).Append(":\n");
                yaml.Append("    Type: AWS::Lambda::Permission\n");
                yaml.Append("    Properties:\n");
                yaml.Append("      Action: ").Append(LambdaPermission.InvokeAction).Append('\n');
                yaml.Append("      FunctionName: ").Append(resource.FunctionKind == "Ref" ? "!Ref " + resource.FunctionValue : YamlString(resource.FunctionKind, resource.FunctionValue)).Append('\n');
                yaml.Append("      Principal: ").Append(LambdaPermission.ApiGatewayPrincipal).Append('\n');
                yaml.Append("      SourceArn: ").Append(YamlString(resource.SourceArn.Contains("${") ? "Sub" : "", resource.SourceArn)).Append('\n');
            }

            return yaml.ToString();
        }

        private static string YamlString(string kind, string value) => (kind == "Sub" ? "!Sub " : "") + Quoting.Json(value);

        private static string Json(List<Resource> resources)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteStartObject("Resources");
                foreach (var resource in resources)
                {
                    json.WriteStartObject(resource.LogicalId);
                    json.WriteString("Type", "AWS::Lambda::Permission");
                    json.WriteStartObject("Properties");
                    json.WriteString("Action", LambdaPermission.InvokeAction);
                    JsonValue(json, "FunctionName", resource.FunctionKind, resource.FunctionValue);
                    json.WriteString("Principal", LambdaPermission.ApiGatewayPrincipal);
                    JsonValue(json, "SourceArn", resource.SourceArn.Contains("${") ? "Sub" : "", resource.SourceArn);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        private static void JsonValue(Utf8JsonWriter json, string property, string kind, string value)
        {
            if (kind.Length == 0)
            {
                json.WriteString(property, value);
                return;
            }

            json.WriteStartObject(property);
            json.WriteString(kind == "Ref" ? "Ref" : "Fn::Sub", value);
            json.WriteEndObject();
        }

        /// <summary>The stack's own partition, region and account, which the caller made concrete, written back as pseudo parameters.</summary>
        private static string WithPseudoParameters(string sourceArn, TemplateHint hint)
        {
            var parts = sourceArn.Replace(Pseudo, Flat).Split(new[] { ':' }, Arns.ArnPattern.ComponentCount);
            if (parts.Length != Arns.ArnPattern.ComponentCount)
            {
                return sourceArn;
            }

            parts[1] = parts[1] == hint.Partition ? Flat + "Partition}" : parts[1];
            parts[3] = parts[3] == hint.Region ? Flat + "Region}" : parts[3];
            parts[4] = parts[4] == hint.AccountId ? Flat + "AccountId}" : parts[4];
            return string.Join(":", parts).Replace(Flat, Pseudo);
        }

        /// <summary>"GetPetMethodGetPetsPetIdPermission", "TokenAuthorizerPermission", "MyApiTokenAuthAuthorizerPermission".</summary>
        private static string LogicalId(PermissionFinding finding)
        {
            if (finding.Kind == TargetKind.Authorizer)
            {
                // An AWS::ApiGateway::Authorizer is its own logical id; an OpenAPI or SAM authorizer is named within its API.
                return finding.AuthorizerId == "${" + finding.LogicalId + "}"
                    ? Alphanumeric(finding.LogicalId) + "Permission"
                    : Alphanumeric(finding.LogicalId) + Pascal(finding.AuthorizerName) + "AuthorizerPermission";
            }

            var route = Pascal(finding.HttpMethod.ToLowerInvariant()) + string.Concat(finding.ResourcePath.Split('/').Select(Pascal));
            return Alphanumeric(finding.LogicalId) + (finding.ResourcePath == "/" ? route + "Root" : route) + "Permission";
        }

        private static string What(PermissionFinding finding) => finding.Kind == TargetKind.Authorizer
            ? $"authorizer '{finding.AuthorizerName}' ({finding.LogicalId})"
            : $"{finding.HttpMethod} {finding.ResourcePath} ({finding.LogicalId})";

        private static string Pascal(string text)
        {
            var clean = Alphanumeric(text);
            return clean.Length == 0 ? "" : char.ToUpperInvariant(clean[0]) + clean.Substring(1);
        }

        private static string Alphanumeric(string text) => new string(text.Where(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')).ToArray());

        private sealed class Resource
        {
            public string LogicalId { get; set; } = "";

            public string Comment { get; set; } = "";

            public string FunctionKind { get; set; } = "";

            public string FunctionValue { get; set; } = "";

            public string SourceArn { get; set; } = "";
        }
    }
}
