using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// SAM (<c>Transform: AWS::Serverless-2016-10-31</c>) by its translator's own rules (docs/aws-rules.md §9; samtranslator
    /// <c>model/eventsources/push.py</c> Api, <c>model/api/api_generator.py</c>, <c>model/sam_resources.py</c>):
    /// Globals; the alias <c>AutoPublishAlias</c> publishes (<c>{Function}Alias{name}</c>, the target of the function's
    /// events); the implicit API <c>ServerlessRestApi</c> (stage Prod); every AWS::Serverless::Api with its authorizers and
    /// stages (plus the extra stage "Stage" unless OpenApiVersion is set); each Api event's method (only when SAM writes the
    /// definition: not into a custom DefinitionBody) and the permission SAM generates for it,
    /// <c>{Function}{Event}Permission{Stage suffix}</c> with source ARN <c>{api}/*/{METHOD or *}{path, {…} as *}</c>; and
    /// one permission per Lambda authorizer, <c>{Api}{Authorizer}AuthorizerPermission</c> with <c>{api}/authorizers/*</c>.
    /// </summary>
    internal sealed class SamReader
    {
        public const string Transform = "AWS::Serverless-2016-10-31";
        public const string ImplicitApi = "ServerlessRestApi";
        private const string InvokeAction = "lambda:InvokeFunction";
        private const string ApiGateway = "apigateway.amazonaws.com";

        // SwaggerEditor.get_path_without_trailing_slash: {name}, {name+} and {proxy+} become *.
        private static readonly Regex PathParameter = new Regex(@"\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)\}", RegexOptions.CultureInvariant);

        private readonly TemplateNode _root;
        private readonly ResourceCatalog _catalog;
        private readonly ValueResolver _resolver;
        private readonly TemplateModel _model;
        private readonly Dictionary<string, TemplateModel.Api> _apis = new Dictionary<string, TemplateModel.Api>(StringComparer.Ordinal);
        private CloudFormationReader? _cloudFormation;

        public SamReader(TemplateNode root, ResourceCatalog catalog, ValueResolver resolver, TemplateModel model)
        {
            _root = root;
            _catalog = catalog;
            _resolver = resolver;
            _model = model;
        }

        public static bool IsSam(TemplateNode root)
        {
            var transform = root["Transform"];
            return transform != null && (transform.Text == Transform || transform.Items.Any(t => t.Text == Transform));
        }

        /// <summary>Applies Globals and adds the resources SAM generates that others may refer to (aliases, the implicit API).</summary>
        public void Prepare()
        {
            var globals = _root["Globals"];
            foreach (var function in _catalog.OfType(ResourceCatalog.SamFunction).ToList())
            {
                function.Properties = Merge(globals?["Function"], function.Properties);
                var alias = function.Properties["AutoPublishAlias"];
                if (alias == null)
                {
                    continue;
                }

                var name = Capture.Value(new List<UnresolvedValueException>(), () => _resolver.String(alias));
                if (name != null)
                {
                    _catalog.Add(new CatalogResource(ResourceCatalog.AliasLogicalId(function.LogicalId, name), "AWS::Lambda::Alias",
                        Node.Map(("FunctionName", Node.Function("Ref", Node.Scalar(function.LogicalId))), ("Name", Node.Scalar(name))), function.Condition));
                }
            }

            foreach (var api in _catalog.OfType(ResourceCatalog.SamApi).ToList())
            {
                api.Properties = Merge(globals?["Api"], api.Properties);
            }

            if (_catalog[ImplicitApi] == null && ApiEvents().Any(e => e.Event["Properties"]?["RestApiId"] == null))
            {
                _catalog.Add(new CatalogResource(ImplicitApi, ResourceCatalog.SamApi, Merge(globals?["Api"], Node.Map(("StageName", Node.Scalar("Prod")))), null));
            }
        }

        public void Read(CloudFormationReader cloudFormation)
        {
            _cloudFormation = cloudFormation;
            // SAM documents "!Ref MyFunction.Alias" as the way to name the alias it publishes.
            foreach (var function in _catalog.OfType(ResourceCatalog.SamFunction))
            {
                var ignored = new List<UnresolvedValueException>();
                var alias = Capture.Value(ignored, () => _catalog.AutoPublishAlias(function));
                var arn = Capture.Value(ignored, () => _catalog.FunctionArnOf(function));
                if (alias != null && arn != null)
                {
                    _model.QualifierLogicalIds[(arn, alias)] = function.LogicalId + ".Alias";
                }
            }

            foreach (var resource in _catalog.OfType(ResourceCatalog.SamApi))
            {
                ReadApi(resource, cloudFormation);
            }

            foreach (var (function, name, apiEvent) in ApiEvents())
            {
                ReadApiEvent(function, name, apiEvent);
            }
        }

        private IEnumerable<(CatalogResource Function, string Name, TemplateNode Event)> ApiEvents() =>
            _catalog.OfType(ResourceCatalog.SamFunction)
                .SelectMany(f => (f.Properties["Events"]?.Entries ?? new List<KeyValuePair<string, TemplateNode>>())
                    .Where(e => e.Value["Type"]?.Text == "Api")
                    .Select(e => (f, e.Key, e.Value)));

        private void ReadApi(CatalogResource resource, CloudFormationReader cloudFormation)
        {
            var properties = resource.Properties;
            var api = cloudFormation.AddApi(resource);
            _apis[resource.LogicalId] = api;
            cloudFormation.ReadStage(api, new TemplateModel.Stage(), properties["StageName"], properties["Variables"]);
            if (properties["OpenApiVersion"] == null)
            {
                // The deployment SAM writes carries StageName "Stage", which creates that stage too.
                cloudFormation.ReadStage(api, new TemplateModel.Stage(), Node.Scalar("Stage"), null);
            }

            var openApi = new OpenApiReader(cloudFormation, _resolver, api);
            var authorizers = properties["Auth"]?["Authorizers"]?.Entries ?? new List<KeyValuePair<string, TemplateNode>>();
            if (properties["DefinitionBody"] is TemplateNode body)
            {
                openApi.Read(body, _model.Warnings);
                api.Authorizers.RemoveAll(a => authorizers.Any(x => x.Key == a.Name));
            }
            else if (properties["DefinitionUri"] != null)
            {
                _model.Warnings.Add($"API {resource.LogicalId} is defined by DefinitionUri, which cannot be read offline: only the methods of its functions' Api events are checked; inline it as DefinitionBody to check the rest.");
            }

            foreach (var authorizer in authorizers)
            {
                ReadAuthorizer(resource, api, authorizer.Key, authorizer.Value, openApi);
            }
        }

        private void ReadAuthorizer(CatalogResource resource, TemplateModel.Api api, string name, TemplateNode definition, OpenApiReader openApi)
        {
            var functionArn = definition["FunctionArn"];
            if (functionArn == null)
            {
                return;
            }

            // Written as SAM writes it into the definition: a security scheme with x-amazon-apigateway-authorizer.
            var payload = definition["FunctionPayloadType"] ?? Node.Scalar("TOKEN");
            var uri = Node.Function("Fn::Sub", Node.List(
                Node.Scalar("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations"),
                Node.Map(("__FunctionArn__", functionArn))));
            var extension = Node.Map(("type", payload), ("authorizerUri", uri));
            if (definition["FunctionInvokeRole"] is TemplateNode role)
            {
                extension = Node.Map(("type", payload), ("authorizerUri", uri), ("authorizerCredentials", role));
            }

            var authorizer = openApi.ReadAuthorizer(name, Node.Map(("x-amazon-apigateway-authorizer", extension)));
            if (authorizer == null)
            {
                return;
            }

            api.Authorizers.Add(authorizer);
            var disabled = definition["DisableFunctionDefaultPermissions"];
            if (disabled != null && string.Equals(Capture.Value(authorizer.Unresolved, () => _resolver.String(disabled)), "true", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var grant = new TemplateModel.Grant { LogicalId = resource.LogicalId + name + "AuthorizerPermission", GeneratedBySam = true, FunctionExpression = Expression(functionArn) };
            grant.Unresolved.AddRange(api.Unresolved);
            var sourceArn = Capture.Value(grant.Unresolved, () => $"arn:{_resolver.Partition}:execute-api:{_resolver.Region}:{_resolver.AccountId}:{api.Id}/authorizers/*");
            AddGrant(grant, functionArn, sourceArn);
        }

        private void ReadApiEvent(CatalogResource function, string eventName, TemplateNode apiEvent)
        {
            var properties = apiEvent["Properties"] ?? Node.Map();
            var unresolved = new List<UnresolvedValueException>();
            if (Capture.Exists(_resolver, function.Condition, unresolved) == false)
            {
                return;
            }

            var path = Capture.Value(unresolved, () => _resolver.String(properties["Path"] ?? throw new UnresolvedValueException($"{function.LogicalId}.Events.{eventName}.Path", "the property is missing"))) ?? "/";
            var verb = Capture.Value(unresolved, () => _resolver.String(properties["Method"] ?? throw new UnresolvedValueException($"{function.LogicalId}.Events.{eventName}.Method", "the property is missing")))?.ToLowerInvariant() ?? "";
            var restApiId = properties["RestApiId"];
            var apiLogicalId = restApiId == null ? ImplicitApi : restApiId.FunctionName == "Ref" ? restApiId.FunctionArgument!.Text : restApiId.IsScalar ? restApiId.Text : null;
            var apiResource = apiLogicalId == null ? null : _catalog[apiLogicalId];
            var alias = _catalog.AutoPublishAlias(function) is string name ? ResourceCatalog.AliasLogicalId(function.LogicalId, name) : null;
            var invoked = Node.Function("Ref", Node.Scalar(alias ?? function.LogicalId));

            if (apiResource != null && _apis.TryGetValue(apiResource.LogicalId, out var api) && WritesDefinition(apiResource))
            {
                var method = new TemplateModel.Method
                {
                    LogicalId = function.LogicalId,
                    Path = path.Length > 1 ? path.TrimEnd('/') : path,
                    HttpMethod = verb == "any" ? "ANY" : verb.ToUpperInvariant(),
                    IntegrationType = "AWS_PROXY",
                };
                method.Unresolved.AddRange(unresolved);
                var uri = Node.Function("Fn::Sub", Node.List(
                    Node.Scalar("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__Function__}/invocations"),
                    Node.Map(("__Function__", alias != null ? invoked : Node.Function("Fn::GetAtt", Node.Scalar(function.LogicalId + ".Arn"))))));
                method.Uri = Capture.Value(method.Unresolved, () => _resolver.String(uri));
                var authorizerName = Capture.Value(method.Unresolved, () =>
                {
                    var node = properties["Auth"]?["Authorizer"] ?? apiResource.Properties["Auth"]?["DefaultAuthorizer"];
                    return node == null ? null : _resolver.String(node);
                });
                var authorizer = api.Authorizers.FirstOrDefault(a => a.Name == authorizerName);
                if (authorizer != null)
                {
                    method.AuthorizationType = "CUSTOM";
                    method.AuthorizerId = authorizer.Id;
                }

                api.Methods.Add(method);
            }

            var grant = new TemplateModel.Grant
            {
                LogicalId = function.LogicalId + eventName + "Permission" + Suffix(apiResource, restApiId),
                GeneratedBySam = true,
                FunctionExpression = Expression(invoked),
            };
            grant.Unresolved.AddRange(unresolved);
            var sourceArn = Capture.Value(grant.Unresolved, () =>
            {
                var apiId = restApiId == null ? (string)_catalog.Value(ImplicitApi, null)! : _resolver.String(restApiId);
                var method = verb == "any" ? "*" : verb.ToUpperInvariant();
                var trimmed = path.Length > 1 && path.EndsWith("/", StringComparison.Ordinal) ? path.Substring(0, path.Length - 1) : path;
                return $"arn:{_resolver.Partition}:execute-api:{_resolver.Region}:{_resolver.AccountId}:{apiId}/*/{method}{PathParameter.Replace(trimmed, "*")}";
            });
            AddGrant(grant, invoked, sourceArn);
        }

        /// <summary>SAM writes an event's method into the API's definition only when it writes the whole definition (or merges it).</summary>
        private bool WritesDefinition(CatalogResource api)
        {
            var merge = api.Properties["MergeDefinitions"];
            return (api.Properties["DefinitionBody"] == null && api.Properties["DefinitionUri"] == null)
                || (merge != null && string.Equals(merge.Text, "true", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// The permission's logical id suffix: Prod for the implicit API; the explicit API's StageName when written as a
        /// string (alphanumeric as is, else a hash of it); "Stage" for a StageName that is an intrinsic function;
        /// "AllStages" when RestApiId names no resource of the template.
        /// </summary>
        private static string Suffix(CatalogResource? api, TemplateNode? restApiId)
        {
            if (restApiId == null)
            {
                return "Prod";
            }

            if (api == null)
            {
                return "AllStages";
            }

            var stage = api.Properties["StageName"];
            if (stage == null || !stage.IsScalar)
            {
                return "Stage";
            }

            var text = stage.Text!;
            return text.Length > 0 && text.All(char.IsLetterOrDigit) ? text : Sha1Prefix(text);
        }

        // LogicalIdGenerator: the first 10 hex digits of the SHA-1 of the text.
        private static string Sha1Prefix(string text)
        {
            using var sha = SHA1.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            return string.Concat(hash.Take(5).Select(b => b.ToString("x2")));
        }

        private void AddGrant(TemplateModel.Grant grant, TemplateNode functionNode, string? sourceArn)
        {
            var function = _cloudFormation!.FunctionOf(functionNode, grant);
            if (function != null && sourceArn != null)
            {
                grant.Statements.Add(PermissionStatement.Build(grant.LogicalId, function, InvokeAction, ApiGateway, sourceArn, null, new PermissionExtras()));
                grant.SourceArns.Add(sourceArn);
            }

            _model.Grants.Add(grant);
        }

        /// <summary>A FunctionName as SAM writes it: <c>!Ref X</c>, <c>!GetAtt X.Arn</c>, or the expression as given.</summary>
        private static string Expression(TemplateNode node)
        {
            var argument = node.FunctionArgument;
            if (node.FunctionName == "Fn::GetAtt" && argument!.IsList && argument.Items.Count == 2 && argument.Items.All(i => i.IsScalar))
            {
                return $"!GetAtt {argument.Items[0].Text}.{argument.Items[1].Text}";
            }

            return ExpressionText.Of(node);
        }

        /// <summary>
        /// SAM's Globals: a map merges key by key (the resource's own value wins for scalars and lists stay additive,
        /// global first), anything else is replaced by the resource's value.
        /// </summary>
        private static TemplateNode Merge(TemplateNode? global, TemplateNode local)
        {
            if (global == null || !global.IsMap || global.FunctionName != null)
            {
                return local;
            }

            if (!local.IsMap || local.FunctionName != null)
            {
                return local.IsList && global.IsList ? TemplateNode.List(global.Items.Concat(local.Items).ToList(), local.Line, local.Column) : local;
            }

            var entries = new List<KeyValuePair<string, TemplateNode>>();
            foreach (var entry in global.Entries)
            {
                var own = local[entry.Key];
                entries.Add(new KeyValuePair<string, TemplateNode>(entry.Key, own == null ? entry.Value : MergeValue(entry.Value, own)));
            }

            entries.AddRange(local.Entries.Where(e => global[e.Key] == null));
            return TemplateNode.Map(entries, local.Line, local.Column);
        }

        private static TemplateNode MergeValue(TemplateNode global, TemplateNode local) =>
            global.IsMap && local.IsMap && global.FunctionName == null && local.FunctionName == null ? Merge(global, local)
            : global.IsList && local.IsList ? TemplateNode.List(global.Items.Concat(local.Items).ToList(), local.Line, local.Column)
            : local;
    }
}
