using System.Linq;
using System.Text.Json.Nodes;
using LambdaPermTools.Apis;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// GetExport's answer as API Gateway writes it (oas30, extensions=apigateway; docs/aws-rules.md §4.5): paths with lower-case
    /// operations (ANY as x-amazon-apigateway-any-method), each with x-amazon-apigateway-integration (type in lower case, uri,
    /// credentials) and a security requirement naming its authorizer; authorizers as security schemes named by the authorizer's
    /// name with x-amazon-apigateway-authorizer. No ids: the export has none.
    /// </summary>
    internal static class FakeExport
    {
        public static string Write(string title, ApiDeployment deployment)
        {
            var paths = new JsonObject();
            foreach (var resource in deployment.Resources.Where(r => r.Methods.Count > 0))
            {
                var item = new JsonObject();
                foreach (var method in resource.Methods)
                {
                    var operation = new JsonObject { ["responses"] = new JsonObject() };
                    var authorizer = deployment.Authorizers.FirstOrDefault(a => a.Id == method.AuthorizerId);
                    if (authorizer != null)
                    {
                        operation["security"] = new JsonArray(new JsonObject { [authorizer.Name] = new JsonArray() });
                    }

                    if (method.Integration != null)
                    {
                        var integration = new JsonObject { ["type"] = method.Integration.Type.ToLowerInvariant(), ["httpMethod"] = method.Integration.HttpMethod ?? "POST" };
                        Put(integration, "uri", method.Integration.Uri);
                        Put(integration, "credentials", method.Integration.Credentials);
                        integration["passthroughBehavior"] = "when_no_match";
                        operation["x-amazon-apigateway-integration"] = integration;
                    }

                    item[method.HttpMethod == "ANY" ? "x-amazon-apigateway-any-method" : method.HttpMethod.ToLowerInvariant()] = operation;
                }

                paths[resource.Path] = item;
            }

            var schemes = new JsonObject();
            foreach (var authorizer in deployment.Authorizers)
            {
                var extension = new JsonObject { ["type"] = authorizer.Type.ToLowerInvariant() };
                Put(extension, "authorizerUri", authorizer.AuthorizerUri);
                Put(extension, "authorizerCredentials", authorizer.AuthorizerCredentials);
                extension["authorizerResultTtlInSeconds"] = 300;
                schemes[authorizer.Name] = new JsonObject
                {
                    ["type"] = "apiKey",
                    ["name"] = "Authorization",
                    ["in"] = "header",
                    ["x-amazon-apigateway-authtype"] = authorizer.Type == "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom",
                    ["x-amazon-apigateway-authorizer"] = extension,
                };
            }

            var document = new JsonObject
            {
                ["openapi"] = "3.0.1",
                ["info"] = new JsonObject { ["title"] = title, ["version"] = "2026-11-30T09:00:00Z" },
                ["paths"] = paths,
                ["components"] = new JsonObject { ["securitySchemes"] = schemes },
            };
            return document.ToJsonString();
        }

        private static void Put(JsonObject target, string name, string? value)
        {
            if (value != null)
            {
                target[name] = value;
            }
        }
    }
}
