using System.Collections.Generic;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// What a template declares, resolved as far as offline knowledge goes: REST APIs (methods, Lambda authorizers,
    /// stages) and the grants (AWS::Lambda::Permission, AWS::Lambda::ResourcePolicy statements, and the permissions SAM
    /// generates). Text fields hold <see cref="SymbolTable"/> stand-ins for symbolic parts. A value that could not be
    /// resolved is recorded in <c>Unresolved</c> of the item whose verdict depends on it.
    /// </summary>
    internal sealed class TemplateModel
    {
        public List<Api> Apis { get; } = new List<Api>();

        public List<Grant> Grants { get; } = new List<Grant>();

        /// <summary>The unqualified ARNs of the functions the template declares (their whole policy is in the template).</summary>
        public HashSet<string> DeclaredFunctions { get; } = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>The logical id of each declared function, by its unqualified ARN (for the fix: <c>!Ref MyFunction</c>).</summary>
        public Dictionary<string, string> FunctionLogicalIds { get; } = new Dictionary<string, string>(System.StringComparer.Ordinal);

        /// <summary>The logical id of each alias or version resource, by unqualified ARN and qualifier (for the fix: <c>!Ref MyFunctionAliaslive</c>).</summary>
        public Dictionary<(string Function, string Qualifier), string> QualifierLogicalIds { get; } = new Dictionary<(string, string), string>();

        /// <summary>Every logical id of the template (and of what SAM generates): new resources must not reuse one.</summary>
        public HashSet<string> LogicalIds { get; } = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>Sentences for Write-Warning: what the template holds but the check cannot read (a definition in S3).</summary>
        public List<string> Warnings { get; } = new List<string>();

        internal sealed class Api
        {
            public string LogicalId { get; set; } = "";

            /// <summary>The REST API id: the stand-in of <c>${LogicalId}</c>.</summary>
            public string Id { get; set; } = "";

            public string Name { get; set; } = "";

            public List<Method> Methods { get; } = new List<Method>();

            public List<Authorizer> Authorizers { get; } = new List<Authorizer>();

            public List<Stage> Stages { get; } = new List<Stage>();

            /// <summary>Unresolved values every target of the API depends on (its own Condition).</summary>
            public List<UnresolvedValueException> Unresolved { get; } = new List<UnresolvedValueException>();
        }

        internal sealed class Method
        {
            /// <summary>The resource that declares it: the AWS::ApiGateway::Method, the API (OpenAPI body) or the SAM function (Api event).</summary>
            public string LogicalId { get; set; } = "";

            /// <summary>The AWS::ApiGateway::Resource's logical id, else empty.</summary>
            public string ResourceLogicalId { get; set; } = "";

            public string Path { get; set; } = "/";

            public string HttpMethod { get; set; } = "";

            public string? AuthorizationType { get; set; }

            public string? AuthorizerId { get; set; }

            public string IntegrationType { get; set; } = "";

            public string? Uri { get; set; }

            /// <summary>The URI as written, when it names a function that cannot be known offline (Uri then names an unknown one).</summary>
            public string? UriExpression { get; set; }

            public string? Credentials { get; set; }

            public List<UnresolvedValueException> Unresolved { get; } = new List<UnresolvedValueException>();
        }

        internal sealed class Authorizer
        {
            public string LogicalId { get; set; } = "";

            /// <summary>The authorizer id: the stand-in of <c>${LogicalId}</c>, or of <c>*</c> when the template cannot name it (OpenAPI, SAM).</summary>
            public string Id { get; set; } = "";

            public string Name { get; set; } = "";

            /// <summary>TOKEN, REQUEST or COGNITO_USER_POOLS.</summary>
            public string Type { get; set; } = "";

            public string? Uri { get; set; }

            /// <summary>The URI as written, when it names a function that cannot be known offline.</summary>
            public string? UriExpression { get; set; }

            public string? Credentials { get; set; }

            public List<UnresolvedValueException> Unresolved { get; } = new List<UnresolvedValueException>();
        }

        internal sealed class Stage
        {
            public string Name { get; set; } = "";

            public Dictionary<string, string> Variables { get; } = new Dictionary<string, string>(System.StringComparer.Ordinal);

            public List<UnresolvedValueException> Unresolved { get; } = new List<UnresolvedValueException>();
        }

        /// <summary>One or more policy statements on one function and qualifier, from one resource.</summary>
        internal sealed class Grant
        {
            public string LogicalId { get; set; } = "";

            /// <summary>The unqualified function ARN, or null when the function cannot be resolved.</summary>
            public string? FunctionName { get; set; }

            public string? Qualifier { get; set; }

            /// <summary>The statements as JSON objects (each with Sid = the logical id for an AWS::Lambda::Permission).</summary>
            public List<string> Statements { get; } = new List<string>();

            /// <summary>The SourceArn patterns of an AWS::Lambda::Permission (and of SAM's permissions).</summary>
            public List<string> SourceArns { get; } = new List<string>();

            /// <summary>AWS::Lambda::ResourcePolicy: the whole document of the function and qualifier.</summary>
            public bool WholeDocument { get; set; }

            /// <summary>Made by SAM's rules (an Api event or an authorizer of an AWS::Serverless::Api).</summary>
            public bool GeneratedBySam { get; set; }

            /// <summary>For SAM's permissions: FunctionName and SourceArn as SAM writes them (CloudFormation Sub form), for comparison with its translator.</summary>
            public string FunctionExpression { get; set; } = "";

            public string SourceArnExpression { get; set; } = "";

            /// <summary>Unresolved values the grant depends on (its function, source ARN, principal or Condition).</summary>
            public List<UnresolvedValueException> Unresolved { get; } = new List<UnresolvedValueException>();
        }
    }
}
