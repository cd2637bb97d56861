using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// An inline OpenAPI 2 or 3 definition (RestApi Body, SAM DefinitionBody): every operation with an
    /// <c>x-amazon-apigateway-integration</c> (<c>x-amazon-apigateway-any-method</c> is ANY), and every security scheme with
    /// an <c>x-amazon-apigateway-authorizer</c> of type token or request. API Gateway assigns the authorizers' ids at
    /// import, so the template cannot name them: their id stands for any id (<c>*</c>).
    /// </summary>
    internal sealed class OpenApiReader
    {
        private static readonly string[] Verbs = { "get", "put", "post", "delete", "options", "head", "patch" };
        private const string AnyMethod = "x-amazon-apigateway-any-method";

        private readonly CloudFormationReader _cloudFormation;
        private readonly ValueResolver _resolver;
        private readonly TemplateModel.Api _api;

        public OpenApiReader(CloudFormationReader cloudFormation, ValueResolver resolver, TemplateModel.Api api)
        {
            _cloudFormation = cloudFormation;
            _resolver = resolver;
            _api = api;
        }

        public void Read(TemplateNode body, List<string> warnings)
        {
            var paths = body["paths"];
            if (!body.IsMap || body.FunctionName != null || (paths != null && (!paths.IsMap || paths.FunctionName != null)))
            {
                warnings.Add($"The OpenAPI definition of REST API {_api.LogicalId} is built by {ExpressionText.Of(body.FunctionName != null ? body : paths!)}, which cannot be read offline: its methods and authorizers are not checked.");
                return;
            }

            var schemes = body["securityDefinitions"] ?? body["components"]?["securitySchemes"];
            var authorizers = new Dictionary<string, TemplateModel.Authorizer>(StringComparer.Ordinal);
            foreach (var scheme in schemes?.Entries ?? new List<KeyValuePair<string, TemplateNode>>())
            {
                var authorizer = ReadAuthorizer(scheme.Key, scheme.Value);
                if (authorizer != null)
                {
                    authorizers[scheme.Key] = authorizer;
                    _api.Authorizers.Add(authorizer);
                }
            }

            foreach (var path in paths?.Entries ?? new List<KeyValuePair<string, TemplateNode>>())
            {
                foreach (var operation in path.Value.Entries)
                {
                    var verb = operation.Key == AnyMethod ? "ANY" : Verbs.Contains(operation.Key) ? operation.Key.ToUpperInvariant() : null;
                    var integration = operation.Value["x-amazon-apigateway-integration"];
                    if (verb != null && integration != null)
                    {
                        _api.Methods.Add(ReadMethod(path.Key, verb, integration, operation.Value["security"] ?? body["security"], authorizers));
                    }
                }
            }
        }

        /// <summary>A Lambda authorizer of a security scheme (also SAM's Auth authorizers, written the same way); null for any other scheme.</summary>
        public TemplateModel.Authorizer? ReadAuthorizer(string name, TemplateNode scheme)
        {
            var extension = scheme["x-amazon-apigateway-authorizer"];
            if (extension == null)
            {
                return null;
            }

            var authorizer = new TemplateModel.Authorizer
            {
                LogicalId = _api.LogicalId,
                Name = name,
                Id = _resolver.Symbols.Symbol("*", identity: $"authorizer {_api.Id} {name}"),
            };
            authorizer.Type = (Capture.Value(authorizer.Unresolved, () => extension["type"] == null ? null : _resolver.String(extension["type"]!)) ?? "").ToUpperInvariant();
            if (authorizer.Type != "TOKEN" && authorizer.Type != "REQUEST")
            {
                return null;
            }

            authorizer.Uri = _cloudFormation.LambdaUriOf(extension["authorizerUri"], authorizer.Unresolved, out var unknown);
            authorizer.UriExpression = unknown ? ExpressionText.Of(extension["authorizerUri"]!) : null;
            authorizer.Credentials = Capture.Value(authorizer.Unresolved, () => extension["authorizerCredentials"] == null ? null : _resolver.String(extension["authorizerCredentials"]!));
            return authorizer;
        }

        private TemplateModel.Method ReadMethod(string path, string verb, TemplateNode integration, TemplateNode? security, Dictionary<string, TemplateModel.Authorizer> authorizers)
        {
            var method = new TemplateModel.Method { LogicalId = _api.LogicalId, Path = path, HttpMethod = verb };
            method.IntegrationType = (Capture.Value(method.Unresolved, () => integration["type"] == null ? null : _resolver.String(integration["type"]!)) ?? "").ToUpperInvariant();
            method.Uri = _cloudFormation.LambdaUriOf(integration["uri"], method.Unresolved, out var unknown);
            method.UriExpression = unknown ? ExpressionText.Of(integration["uri"]!) : null;
            method.Credentials = Capture.Value(method.Unresolved, () => integration["credentials"] == null ? null : _resolver.String(integration["credentials"]!));
            var used = security?.Items.SelectMany(requirement => requirement.Entries.Select(e => e.Key)).FirstOrDefault(authorizers.ContainsKey);
            if (used != null)
            {
                method.AuthorizationType = "CUSTOM";
                method.AuthorizerId = authorizers[used].Id;
            }

            return method;
        }
    }
}
