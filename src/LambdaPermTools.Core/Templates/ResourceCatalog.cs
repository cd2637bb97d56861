using System;
using System.Collections.Generic;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Templates
{
    /// <summary>One resource of the template (or one SAM generates), with its properties as written.</summary>
    internal sealed class CatalogResource
    {
        public CatalogResource(string logicalId, string type, TemplateNode properties, TemplateNode? condition)
        {
            LogicalId = logicalId;
            Type = type;
            Properties = properties;
            Condition = condition;
        }

        public string LogicalId { get; }

        public string Type { get; }

        public TemplateNode Properties { get; set; }

        /// <summary>The resource's Condition attribute, or null.</summary>
        public TemplateNode? Condition { get; }
    }

    /// <summary>
    /// The template's resources and what Ref and Fn::GetAtt return for them, as CloudFormation documents it for the types
    /// that matter here (functions, aliases, versions, REST APIs, roles); an id that exists only after deployment (a REST
    /// API id, a generated function name) is a symbol. Other types give opaque symbols.
    /// </summary>
    internal sealed class ResourceCatalog
    {
        public const string Function = "AWS::Lambda::Function";
        public const string SamFunction = "AWS::Serverless::Function";
        public const string SamApi = "AWS::Serverless::Api";
        public const string RestApi = "AWS::ApiGateway::RestApi";

        private readonly ValueResolver _resolver;
        private readonly Dictionary<string, CatalogResource> _resources = new Dictionary<string, CatalogResource>(StringComparer.Ordinal);

        public ResourceCatalog(TemplateNode resources, ValueResolver resolver)
        {
            _resolver = resolver;
            foreach (var entry in resources.Entries)
            {
                var type = entry.Value["Type"]?.Text ?? "";
                var properties = entry.Value["Properties"] ?? TemplateNode.Map(new List<KeyValuePair<string, TemplateNode>>(), entry.Value.Line, entry.Value.Column);
                _resources[entry.Key] = new CatalogResource(entry.Key, type, properties, entry.Value["Condition"]);
            }

            resolver.ResourceValue = Value;
        }

        public IEnumerable<CatalogResource> All => _resources.Values;

        public CatalogResource? this[string logicalId] => _resources.TryGetValue(logicalId, out var resource) ? resource : null;

        public IEnumerable<CatalogResource> OfType(string type)
        {
            foreach (var resource in _resources.Values)
            {
                if (resource.Type == type)
                {
                    yield return resource;
                }
            }
        }

        /// <summary>Adds a resource that a transform generates (SAM's alias, its implicit API).</summary>
        public void Add(CatalogResource resource) => _resources[resource.LogicalId] = resource;

        /// <summary>Ref (attribute null) or Fn::GetAtt of a resource; null when the template has no such resource.</summary>
        public object? Value(string logicalId, string? attribute)
        {
            if (attribute == null && logicalId.IndexOf('.') > 0 && !_resources.ContainsKey(logicalId))
            {
                // SAM's "!Ref MyFunction.Alias" is its GetAtt-like reference to the generated alias.
                var dot = logicalId.IndexOf('.');
                return Value(logicalId.Substring(0, dot), logicalId.Substring(dot + 1));
            }

            var resource = this[logicalId];
            if (resource == null)
            {
                return null;
            }

            var symbols = _resolver.Symbols;
            var display = attribute == null ? $"${{{logicalId}}}" : $"${{{logicalId}.{attribute}}}";
            switch (resource.Type)
            {
                case Function:
                case SamFunction:
                    return FunctionValue(resource, attribute) ?? symbols.Symbol(display, opaque: true);
                case "AWS::Lambda::Alias":
                    return attribute == null || attribute == "AliasArn" ? QualifiedArn(resource, String(resource, "Name")) : symbols.Symbol(display, opaque: true);
                case "AWS::Lambda::Version":
                    var version = symbols.Symbol($"${{{logicalId}.Version}}");
                    return attribute == null ? QualifiedArn(resource, version) : attribute == "Version" ? version : symbols.Symbol(display, opaque: true);
                case "AWS::ApiGateway::Stage":
                    return attribute == null ? String(resource, "StageName") : symbols.Symbol(display, opaque: true);
                case "AWS::IAM::Role":
                    var name = resource.Properties["RoleName"] != null ? String(resource, "RoleName") : symbols.Symbol($"${{{logicalId}}}");
                    var path = resource.Properties["Path"] != null ? String(resource, "Path") : "/";
                    return attribute == null ? name : attribute == "Arn" ? $"arn:{_resolver.Partition}:iam::{_resolver.AccountId}:role{path}{name}" : symbols.Symbol(display, opaque: true);
                case RestApi:
                case SamApi:
                    return attribute == null || attribute == "RootResourceId" ? symbols.Symbol(display) : symbols.Symbol(display, opaque: true);
                case "AWS::ApiGateway::Resource":
                case "AWS::ApiGateway::Authorizer":
                case "AWS::ApiGateway::Deployment":
                case "AWS::ApiGateway::Method":
                    return attribute == null ? symbols.Symbol(display) : symbols.Symbol(display, opaque: true);
                default:
                    return symbols.Symbol(display, opaque: true);
            }
        }

        /// <summary>The unqualified ARN of a function the template declares, by logical id (throws when its name cannot be resolved).</summary>
        public string FunctionArnOf(CatalogResource function) => $"arn:{_resolver.Partition}:lambda:{_resolver.Region}:{_resolver.AccountId}:function:{FunctionName(function)}";

        /// <summary>The alias name SAM publishes for a function (AutoPublishAlias), or null.</summary>
        public string? AutoPublishAlias(CatalogResource function) =>
            function.Type == SamFunction && function.Properties["AutoPublishAlias"] != null ? String(function, "AutoPublishAlias") : null;

        /// <summary>SAM's logical id of the alias it publishes: hyphens become D, underscores U.</summary>
        public static string AliasLogicalId(string functionLogicalId, string alias) => functionLogicalId + "Alias" + alias.Replace("-", "D").Replace("_", "U");

        private string? FunctionValue(CatalogResource function, string? attribute)
        {
            switch (attribute)
            {
                case null:
                    return FunctionName(function);
                case "Arn":
                    return FunctionArnOf(function);
                case "Alias" when function.Type == SamFunction:
                    var alias = AutoPublishAlias(function);
                    return alias == null ? null : (string?)Value(AliasLogicalId(function.LogicalId, alias), null);
                default:
                    return null;
            }
        }

        private string FunctionName(CatalogResource function) =>
            function.Properties["FunctionName"] != null ? String(function, "FunctionName") : _resolver.Symbols.Symbol($"${{{function.LogicalId}}}");

        /// <summary>An alias's or version's ARN: its FunctionName property (a name, partial or full ARN) made whole, plus the qualifier.</summary>
        private string QualifiedArn(CatalogResource resource, string qualifier)
        {
            var functionName = String(resource, "FunctionName");
            var defaults = new FunctionDefaults(_resolver.Partition, _resolver.Region, _resolver.AccountId);
            if (!FunctionArn.TryParse(functionName, defaults, out var function, out var problem))
            {
                throw new UnresolvedValueException(ExpressionText.Of(resource.Properties["FunctionName"]!), "it is not a function name or ARN: " + problem);
            }

            return function!.Unqualified + ":" + qualifier;
        }

        private string String(CatalogResource resource, string property) =>
            _resolver.String(resource.Properties[property] ?? throw new UnresolvedValueException($"{resource.LogicalId}.{property}", "the property is missing"));
    }
}
