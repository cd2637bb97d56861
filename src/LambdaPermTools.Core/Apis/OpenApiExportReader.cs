using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace LambdaPermTools.Apis
{
    /// <summary>
    /// Reads a stage's GetExport (OpenAPI 3, extensions=apigateway) into the deployment it serves (docs/aws-rules.md §4.5):
    /// each path's operations (<c>x-amazon-apigateway-any-method</c> is ANY) with <c>x-amazon-apigateway-integration</c>
    /// (type, uri, credentials), and the security schemes with <c>x-amazon-apigateway-authorizer</c> that they require.
    /// The export carries no ids: resources get the current configuration's id of the same path, authorizers the id of the
    /// current authorizer of the same name (empty when there is none: deleted or renamed since the deployment).
    /// </summary>
    public static class OpenApiExportReader
    {
        private const string AnyMethod = "x-amazon-apigateway-any-method";
        private const string IntegrationKey = "x-amazon-apigateway-integration";
        private const string AuthorizerKey = "x-amazon-apigateway-authorizer";
        private static readonly string[] Operations = { "get", "put", "post", "delete", "options", "head", "patch", "trace", AnyMethod };

        /// <exception cref="FormatException">Not an OpenAPI 3 document with API Gateway's integration extensions (moto, for one, answers a bare Swagger 2.0 document).</exception>
        public static ApiDeployment Read(string deploymentId, string json, IReadOnlyList<ApiResource> currentResources, IReadOnlyList<ApiAuthorizer> currentAuthorizers)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                var version = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("openapi", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                if (!version.StartsWith("3", StringComparison.Ordinal))
                {
                    throw new FormatException(version.Length == 0 ? "the export is not an OpenAPI 3 document" : $"the export is OpenAPI {version}, not 3");
                }

                var authorizers = ReadAuthorizers(root, currentAuthorizers);
                return new ApiDeployment
                {
                    Id = deploymentId,
                    Resources = ReadResources(root, authorizers, currentResources),
                    Authorizers = authorizers.Values.ToList(),
                };
            }
            catch (JsonException e)
            {
                throw new FormatException("the export is not JSON: " + e.Message, e);
            }
        }

        private static Dictionary<string, ApiAuthorizer> ReadAuthorizers(JsonElement root, IReadOnlyList<ApiAuthorizer> current)
        {
            var result = new Dictionary<string, ApiAuthorizer>(StringComparer.Ordinal);
            if (!root.TryGetProperty("components", out var components) || !components.TryGetProperty("securitySchemes", out var schemes) || schemes.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            foreach (var scheme in schemes.EnumerateObject())
            {
                if (scheme.Value.ValueKind != JsonValueKind.Object || !scheme.Value.TryGetProperty(AuthorizerKey, out var authorizer) || authorizer.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var now = current.FirstOrDefault(a => a.Name == scheme.Name);
                var type = Str(authorizer, "type")?.ToUpperInvariant() ?? now?.Type ?? "TOKEN";
                result[scheme.Name] = new ApiAuthorizer
                {
                    Id = now?.Id ?? "",
                    Name = scheme.Name,
                    Type = type,
                    AuthorizerUri = Str(authorizer, "authorizerUri"),
                    AuthorizerCredentials = Str(authorizer, "authorizerCredentials"),
                };
            }

            return result;
        }

        private static List<ApiResource> ReadResources(JsonElement root, IReadOnlyDictionary<string, ApiAuthorizer> authorizers, IReadOnlyList<ApiResource> current)
        {
            var resources = new List<ApiResource>();
            if (!root.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
            {
                return resources;
            }

            foreach (var path in paths.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
            {
                var methods = new List<ApiMethod>();
                foreach (var operation in path.Value.EnumerateObject().Where(o => Operations.Contains(o.Name) && o.Value.ValueKind == JsonValueKind.Object))
                {
                    methods.Add(ReadMethod(operation.Name == AnyMethod ? "ANY" : operation.Name.ToUpperInvariant(), operation.Value, authorizers));
                }

                resources.Add(new ApiResource { Id = current.FirstOrDefault(r => r.Path == path.Name)?.Id ?? "", Path = path.Name, Methods = methods });
            }

            return resources;
        }

        private static ApiMethod ReadMethod(string httpMethod, JsonElement operation, IReadOnlyDictionary<string, ApiAuthorizer> authorizers)
        {
            // A deployed method always has an integration (CreateDeployment refuses one without): a method without the
            // extension means the export was read without extensions, and the deployment cannot be judged from it.
            if (!operation.TryGetProperty(IntegrationKey, out var integration) || integration.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{httpMethod} has no {IntegrationKey} (an export without API Gateway's extensions)");
            }

            var method = new ApiMethod
            {
                HttpMethod = httpMethod,
                AuthorizationType = "NONE",
                Integration = new ApiIntegration
                {
                    Type = Str(integration, "type")?.ToUpperInvariant() ?? "",
                    Uri = Str(integration, "uri"),
                    Credentials = Str(integration, "credentials"),
                    HttpMethod = Str(integration, "httpMethod"),
                },
            };

            var used = SecurityNames(operation).Select(n => authorizers.TryGetValue(n, out var a) ? a : null).FirstOrDefault(a => a != null);
            if (used != null)
            {
                method.AuthorizationType = used.Type == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
                method.AuthorizerId = used.Id;
                method.AuthorizerName = used.Name;
            }

            return method;
        }

        private static IEnumerable<string> SecurityNames(JsonElement operation) =>
            operation.TryGetProperty("security", out var security) && security.ValueKind == JsonValueKind.Array
                ? security.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).SelectMany(r => r.EnumerateObject().Select(p => p.Name))
                : Enumerable.Empty<string>();

        private static string? Str(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
