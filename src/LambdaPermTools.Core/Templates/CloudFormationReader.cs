using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// Plain CloudFormation: REST APIs as AWS::ApiGateway::RestApi (inline OpenAPI Body and/or Resource, Method,
    /// Authorizer resources) with their Stage and Deployment stages, the functions the template declares, and the grants
    /// of AWS::Lambda::Permission and AWS::Lambda::ResourcePolicy (docs/aws-rules.md §3.6).
    /// </summary>
    internal sealed class CloudFormationReader
    {
        private readonly ResourceCatalog _catalog;
        private readonly ValueResolver _resolver;
        private readonly TemplateModel _model;
        private readonly Dictionary<string, TemplateModel.Api> _apisById = new Dictionary<string, TemplateModel.Api>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _paths = new Dictionary<string, string>(StringComparer.Ordinal);
        private Dictionary<string, CatalogResource>? _resourcesById;

        public CloudFormationReader(ResourceCatalog catalog, ValueResolver resolver, TemplateModel model)
        {
            _catalog = catalog;
            _resolver = resolver;
            _model = model;
        }

        public void Read()
        {
            foreach (var function in _catalog.OfType(ResourceCatalog.Function).Concat(_catalog.OfType(ResourceCatalog.SamFunction)))
            {
                var arn = Capture.Value(new List<UnresolvedValueException>(), () => _catalog.FunctionArnOf(function));
                if (arn != null)
                {
                    _model.DeclaredFunctions.Add(arn);
                    _model.FunctionLogicalIds[arn] = function.LogicalId;
                }
            }

            foreach (var qualified in _catalog.OfType("AWS::Lambda::Alias").Concat(_catalog.OfType("AWS::Lambda::Version")))
            {
                var arn = Capture.Value(new List<UnresolvedValueException>(), () => _catalog.Value(qualified.LogicalId, null) as string);
                var cut = arn?.LastIndexOf(':') ?? -1;
                if (cut > 0)
                {
                    _model.QualifierLogicalIds[(arn!.Substring(0, cut), arn.Substring(cut + 1))] = qualified.LogicalId;
                }
            }

            _model.LogicalIds.UnionWith(_catalog.All.Select(r => r.LogicalId));

            foreach (var api in _catalog.OfType(ResourceCatalog.RestApi))
            {
                ReadRestApi(api);
            }

            foreach (var resource in _catalog.All.ToList())
            {
                switch (resource.Type)
                {
                    case "AWS::ApiGateway::Method":
                        ReadMethod(resource);
                        break;
                    case "AWS::ApiGateway::Authorizer":
                        ReadAuthorizer(resource);
                        break;
                    case "AWS::ApiGateway::Stage":
                        ReadStage(resource, resource.Properties["StageName"], resource.Properties["Variables"]);
                        break;
                    case "AWS::ApiGateway::Deployment":
                        if (resource.Properties["StageName"] != null)
                        {
                            ReadStage(resource, resource.Properties["StageName"], resource.Properties["StageDescription"]?["Variables"]);
                        }

                        break;
                    case "AWS::Lambda::Permission":
                        ReadPermission(resource);
                        break;
                    case "AWS::Lambda::ResourcePolicy":
                        ReadResourcePolicy(resource);
                        break;
                }
            }
        }

        /// <summary>The model's API for a logical id that is a REST API (also used by SAM for AWS::Serverless::Api).</summary>
        public TemplateModel.Api AddApi(CatalogResource resource)
        {
            var api = new TemplateModel.Api { LogicalId = resource.LogicalId, Id = (string)_catalog.Value(resource.LogicalId, null)! };
            // The name is for people only: an unresolved one falls back to the logical id.
            api.Name = Capture.Value(new List<UnresolvedValueException>(), () => resource.Properties["Name"] == null ? null : _resolver.String(resource.Properties["Name"]!)) ?? resource.LogicalId;
            if (Capture.Exists(_resolver, resource.Condition, api.Unresolved) == false)
            {
                return api;
            }

            _apisById[api.Id] = api;
            _model.Apis.Add(api);
            return api;
        }

        private void ReadRestApi(CatalogResource resource)
        {
            var api = AddApi(resource);
            if (resource.Properties["Body"] is TemplateNode body)
            {
                new OpenApiReader(this, _resolver, api).Read(body, _model.Warnings);
            }
            else if (resource.Properties["BodyS3Location"] != null)
            {
                _model.Warnings.Add($"REST API {resource.LogicalId} is defined by BodyS3Location, which cannot be read offline: its methods and authorizers are not checked; inline the definition as Body to check them.");
            }
        }

        /// <summary>The API a RestApiId property names; an id the template does not declare gets an API of its own (stage "*").</summary>
        private TemplateModel.Api ApiFor(TemplateNode? restApiId, List<UnresolvedValueException> unresolved)
        {
            var id = restApiId == null ? null : Capture.Value(unresolved, () => _resolver.String(restApiId));
            id ??= _resolver.Symbols.Symbol(restApiId == null ? "${RestApiId}" : ExpressionText.Of(restApiId), opaque: true);
            if (!_apisById.TryGetValue(id, out var api))
            {
                api = new TemplateModel.Api { LogicalId = "", Id = id, Name = id };
                _apisById[id] = api;
                _model.Apis.Add(api);
            }

            return api;
        }

        private void ReadMethod(CatalogResource resource)
        {
            var properties = resource.Properties;
            var method = new TemplateModel.Method { LogicalId = resource.LogicalId };
            if (Capture.Exists(_resolver, resource.Condition, method.Unresolved) == false)
            {
                return;
            }

            var api = ApiFor(properties["RestApiId"], method.Unresolved);
            method.HttpMethod = (Capture.Value(method.Unresolved, () => _resolver.String(properties["HttpMethod"] ?? Missing(resource, "HttpMethod"))) ?? "").ToUpperInvariant();
            var resourceId = properties["ResourceId"];
            if (resourceId?.FunctionName == "Ref" && resourceId.FunctionArgument!.IsScalar)
            {
                method.ResourceLogicalId = resourceId.FunctionArgument.Text!;
            }

            method.Path = Capture.Value(method.Unresolved, () => PathOf(properties["ResourceId"] ?? Missing(resource, "ResourceId"), 0)) ?? "/";
            method.AuthorizationType = Capture.Value(method.Unresolved, () => properties["AuthorizationType"] == null ? null : _resolver.String(properties["AuthorizationType"]!));
            method.AuthorizerId = Capture.Value(method.Unresolved, () => properties["AuthorizerId"] == null ? null : _resolver.String(properties["AuthorizerId"]!));
            var integration = properties["Integration"];
            if (integration != null)
            {
                method.IntegrationType = (Capture.Value(method.Unresolved, () => integration["Type"] == null ? null : _resolver.String(integration["Type"]!)) ?? "").ToUpperInvariant();
                method.Uri = LambdaUriOf(integration["Uri"], method.Unresolved, out var unknown);
                method.UriExpression = unknown ? ExpressionText.Of(integration["Uri"]!) : null;
                method.Credentials = Capture.Value(method.Unresolved, () => integration["Credentials"] == null ? null : _resolver.String(integration["Credentials"]!));
            }

            api.Methods.Add(method);
        }

        /// <summary>A resource's template path from its ParentId chain; the API's RootResourceId is "/".</summary>
        private string PathOf(TemplateNode resourceId, int depth)
        {
            var id = _resolver.String(resourceId);
            if (_paths.TryGetValue(id, out var known))
            {
                return known;
            }

            _resourcesById ??= _catalog.OfType("AWS::ApiGateway::Resource").ToDictionary(r => (string)_catalog.Value(r.LogicalId, null)!, StringComparer.Ordinal);
            _resourcesById.TryGetValue(id, out var resource);
            string path;
            if (resource == null)
            {
                var isRoot = _catalog.OfType(ResourceCatalog.RestApi).Concat(_catalog.OfType(ResourceCatalog.SamApi))
                    .Any(a => (_catalog.Value(a.LogicalId, "RootResourceId") as string) == id);
                path = isRoot ? "/" : throw new UnresolvedValueException(ExpressionText.Of(resourceId), "it is not a REST API's root or an AWS::ApiGateway::Resource of the template");
            }
            else if (depth > 64)
            {
                throw new UnresolvedValueException(ExpressionText.Of(resourceId), "its ParentId chain does not end");
            }
            else
            {
                var parent = PathOf(resource.Properties["ParentId"] ?? Missing(resource, "ParentId"), depth + 1);
                var part = _resolver.String(resource.Properties["PathPart"] ?? Missing(resource, "PathPart"));
                path = (parent == "/" ? "" : parent) + "/" + part;
            }

            _paths[id] = path;
            return path;
        }

        private void ReadAuthorizer(CatalogResource resource)
        {
            var properties = resource.Properties;
            var authorizer = new TemplateModel.Authorizer { LogicalId = resource.LogicalId, Id = (string)_catalog.Value(resource.LogicalId, null)! };
            if (Capture.Exists(_resolver, resource.Condition, authorizer.Unresolved) == false)
            {
                return;
            }

            var api = ApiFor(properties["RestApiId"], authorizer.Unresolved);
            authorizer.Name = Capture.Value(authorizer.Unresolved, () => properties["Name"] == null ? null : _resolver.String(properties["Name"]!)) ?? resource.LogicalId;
            authorizer.Type = (Capture.Value(authorizer.Unresolved, () => properties["Type"] == null ? null : _resolver.String(properties["Type"]!)) ?? "").ToUpperInvariant();
            authorizer.Uri = LambdaUriOf(properties["AuthorizerUri"], authorizer.Unresolved, out var unknown);
            authorizer.UriExpression = unknown ? ExpressionText.Of(properties["AuthorizerUri"]!) : null;
            authorizer.Credentials = Capture.Value(authorizer.Unresolved, () => properties["AuthorizerCredentials"] == null ? null : _resolver.String(properties["AuthorizerCredentials"]!));
            api.Authorizers.Add(authorizer);
        }

        private void ReadStage(CatalogResource resource, TemplateNode? stageName, TemplateNode? variables)
        {
            var stage = new TemplateModel.Stage();
            if (Capture.Exists(_resolver, resource.Condition, stage.Unresolved) == false)
            {
                return;
            }

            var api = ApiFor(resource.Properties["RestApiId"], stage.Unresolved);
            ReadStage(api, stage, stageName, variables);
        }

        /// <summary>Adds a stage (once per name) with its variables; also used by SAM.</summary>
        public void ReadStage(TemplateModel.Api api, TemplateModel.Stage stage, TemplateNode? stageName, TemplateNode? variables)
        {
            stage.Name = (stageName == null ? null : Capture.Value(stage.Unresolved, () => _resolver.String(stageName))) ?? _resolver.Symbols.Symbol("${StageName}");
            if (variables != null)
            {
                var values = Capture.Value(stage.Unresolved, () => _resolver.Resolve(variables) as Dictionary<string, object?>);
                foreach (var pair in values ?? new Dictionary<string, object?>())
                {
                    if (pair.Value is string text)
                    {
                        stage.Variables[pair.Key] = text;
                    }
                }
            }

            if (api.Stages.All(s => s.Name != stage.Name))
            {
                api.Stages.Add(stage);
            }
        }

        /// <summary>
        /// An integration or authorizer URI. When it cannot be resolved, or its function part holds a value of unknown
        /// structure (a nested stack's output, a custom resource's attribute), the function cannot be told: that is
        /// recorded, and a URI naming an unknown function stands in so that the method or authorizer is still judged.
        /// </summary>
        public string? LambdaUriOf(TemplateNode? uriNode, List<UnresolvedValueException> unresolved, out bool unknown)
        {
            unknown = false;
            if (uriNode == null)
            {
                return null;
            }

            var errors = new List<UnresolvedValueException>();
            var uri = Capture.Value(errors, () => _resolver.String(uriNode));
            if (uri != null && _resolver.Symbols.IsOpaque(uri) && LambdaUri.TryParse(uri, out _))
            {
                errors.Add(new UnresolvedValueException(ExpressionText.Of(uriNode), "the function it names is known only at deployment"));
            }

            if (errors.Count == 0)
            {
                return uri;
            }

            unresolved.AddRange(errors);
            unknown = true;
            var function = _resolver.Symbols.Symbol("${unknown}", opaque: true);
            return $"arn:{_resolver.Partition}:apigateway:{_resolver.Region}:lambda:path/2015-03-31/functions/arn:{_resolver.Partition}:lambda:{_resolver.Region}:{_resolver.AccountId}:function:{function}/invocations";
        }

        private void ReadPermission(CatalogResource resource)
        {
            var properties = resource.Properties;
            var grant = new TemplateModel.Grant { LogicalId = resource.LogicalId };
            if (Capture.Exists(_resolver, resource.Condition, grant.Unresolved) == false)
            {
                return;
            }

            string? Optional(string name) => properties[name] == null ? null : Capture.Value(grant.Unresolved, () => _resolver.String(properties[name]!));
            var function = FunctionOf(properties["FunctionName"] ?? Missing(resource, "FunctionName"), grant);
            var action = Optional("Action") ?? "";
            var principal = Optional("Principal") ?? "";
            var sourceArn = Optional("SourceArn");
            var sourceAccount = Optional("SourceAccount");
            var extras = new PermissionExtras
            {
                PrincipalOrgId = Optional("PrincipalOrgID"),
                EventSourceToken = Optional("EventSourceToken"),
                FunctionUrlAuthType = Optional("FunctionUrlAuthType"),
                InvokedViaFunctionUrl = Optional("InvokedViaFunctionUrl"),
            };
            if (_resolver.Symbols.IsOpaque(sourceArn) || _resolver.Symbols.IsOpaque(sourceAccount) || _resolver.Symbols.IsOpaque(principal))
            {
                grant.Unresolved.Add(new UnresolvedValueException($"{resource.LogicalId} (SourceArn, SourceAccount or Principal)", "a value it holds is known only at deployment"));
            }

            if (function != null)
            {
                grant.Statements.Add(PermissionStatement.Build(resource.LogicalId, function, action, principal, sourceArn, sourceAccount, extras));
                if (sourceArn != null)
                {
                    grant.SourceArns.Add(sourceArn);
                }
            }

            _model.Grants.Add(grant);
        }

        private void ReadResourcePolicy(CatalogResource resource)
        {
            var grant = new TemplateModel.Grant { LogicalId = resource.LogicalId, WholeDocument = true };
            if (Capture.Exists(_resolver, resource.Condition, grant.Unresolved) == false)
            {
                return;
            }

            FunctionOf(resource.Properties["ResourceArn"] ?? Missing(resource, "ResourceArn"), grant);
            var document = Capture.Value(grant.Unresolved, () => _resolver.Resolve(resource.Properties["PolicyDocument"] ?? Missing(resource, "PolicyDocument")));
            if (document is string text)
            {
                document = Capture.Value(grant.Unresolved, () => JsonText(text, resource));
            }

            if (document != null)
            {
                var json = JsonSerializer.Serialize(document);
                if (_resolver.Symbols.IsOpaque(json))
                {
                    grant.Unresolved.Add(new UnresolvedValueException($"{resource.LogicalId}.PolicyDocument", "a value it holds is known only at deployment"));
                }

                using var parsed = JsonDocument.Parse(json);
                if (parsed.RootElement.ValueKind == JsonValueKind.Object && parsed.RootElement.TryGetProperty("Statement", out var statements))
                {
                    var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : new List<JsonElement> { statements };
                    grant.Statements.AddRange(list.Select(s => s.GetRawText()));
                }
            }

            _model.Grants.Add(grant);
        }

        private static object JsonText(string text, CatalogResource resource)
        {
            try
            {
                return JsonSerializer.Deserialize<JsonElement>(text);
            }
            catch (JsonException e)
            {
                throw new UnresolvedValueException($"{resource.LogicalId}.PolicyDocument", "it is not JSON: " + e.Message);
            }
        }

        /// <summary>
        /// Sets the grant's function and qualifier from a FunctionName or ResourceArn (a name, partial or full ARN, with
        /// or without qualifier, completed with the stack's partition, region and account) and returns the qualified ARN.
        /// </summary>
        public string? FunctionOf(TemplateNode node, TemplateModel.Grant grant)
        {
            var text = Capture.Value(grant.Unresolved, () => _resolver.String(node));
            if (text == null)
            {
                return null;
            }

            var defaults = new FunctionDefaults(_resolver.Partition, _resolver.Region, _resolver.AccountId);
            if (_resolver.Symbols.IsOpaque(text) || !FunctionArn.TryParse(text, defaults, out var function, out var problem))
            {
                grant.Unresolved.Add(new UnresolvedValueException(ExpressionText.Of(node), _resolver.Symbols.IsOpaque(text) ? "the function it names is known only at deployment" : "it is not a function name or ARN"));
                return null;
            }

            grant.FunctionName = function!.Unqualified;
            grant.Qualifier = function.Qualifier;
            return function.Qualified;
        }

        private static TemplateNode Missing(CatalogResource resource, string property) =>
            throw new UnresolvedValueException($"{resource.LogicalId}.{property}", "the property is missing");
    }
}
