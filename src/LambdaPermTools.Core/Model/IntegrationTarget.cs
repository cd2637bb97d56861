using System;
namespace LambdaPermTools
{
    /// <summary>
    /// One Lambda function that an API invokes, for one stage: a REST method integration, an HTTP or WebSocket
    /// route's integration, or a Lambda authorizer, with the function resolved for that stage and the source ARN API Gateway presents.
    /// Emitted by Get-ApiIntegrationTarget (contract: LambdaPermTools.IntegrationTarget).
    /// </summary>
    public class IntegrationTarget
    {
        public string RestApiId { get; set; } = "";
        public string RestApiName { get; set; } = "";
        /// <summary>The API's id, for a REST API the same as RestApiId (which is empty for HTTP and WebSocket APIs).</summary>
        public string ApiId { get; set; } = "";
        public ApiType ApiType { get; set; }
        /// <summary>HTTP and WebSocket APIs: the route ("GET /pets/{id}", "$default", "$connect"); empty for REST.</summary>
        public string RouteKey { get; set; } = "";
        public string ApiAccountId { get; set; } = "";
        public string ApiRegion { get; set; } = "";
        public string StageName { get; set; } = "";
        public TargetKind Kind { get; set; }
        public string ResourceId { get; set; } = "";
        public string ResourcePath { get; set; } = "";
        public string HttpMethod { get; set; } = "";
        public string AuthorizerId { get; set; } = "";
        public string AuthorizerName { get; set; } = "";
        public string IntegrationType { get; set; } = "";
        public string IntegrationUri { get; set; } = "";
        public string CredentialsArn { get; set; } = "";
        /// <summary>The function as API Gateway invokes it in this stage: stage variables substituted, qualifier kept.</summary>
        public string FunctionArn { get; set; } = "";
        /// <summary>The unqualified function ARN (binds to Add-LMPermission -FunctionName).</summary>
        public string FunctionName { get; set; } = "";
        /// <summary>Alias or version, else null (binds to Add-LMPermission -Qualifier).</summary>
        public string? Qualifier { get; set; }
        /// <summary>The function's region (binds to the AWS Tools common -Region).</summary>
        public string Region { get; set; } = "";
        public string FunctionAccountId { get; set; } = "";
        public string PresentedSourceArn { get; set; } = "";
        public string[] UnresolvedVariables { get; set; } = Array.Empty<string>();
        /// <summary>The deployment this target was read from; empty when read from the current configuration.</summary>
        public string DeploymentId { get; set; } = "";
        /// <summary>True for the share of the stage's traffic that its canary deployment serves.</summary>
        public bool Canary { get; set; }
        /// <summary>What the current configuration would change for this target at the next deployment; empty when nothing.</summary>
        public string UndeployedChange { get; set; } = "";

        /// <summary>Where the target was read from, when the verdict's Reason must say it (a canary, a fallback to the current configuration, an undeployed change).</summary>
        internal string ConfigurationNote { get; set; } = "";
        /// <summary>Test-ApiLambdaPermissionTemplate: the template file (empty for -TemplateBody and for live APIs).</summary>
        public string TemplatePath { get; set; } = "";
        /// <summary>Test-ApiLambdaPermissionTemplate: the logical id of the resource that declares the method or authorizer.</summary>
        public string LogicalId { get; set; } = "";
        /// <summary>Test-ApiLambdaPermissionTemplate: the logical id of the AWS::Lambda::Permission that grants the invoke (empty if none).</summary>
        public string PermissionLogicalId { get; set; } = "";
        /// <summary>With -Uri: the steps from the URL to this target, one line each; else empty.</summary>
        public string[] Trace { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Source ARNs API Gateway may present instead of <see cref="PresentedSourceArn"/> where AWS does not document which
        /// (docs/aws-rules.md §8: v2 path parameters, ANY, the WebSocket authorizer): a verdict that depends on the choice is Unknown.
        /// </summary>
        internal string[] AlternativeSourceArns { get; set; } = Array.Empty<string>();

        /// <summary>The API id a grant names: RestApiId for a REST API (the property a piped, possibly edited, finding shows), else ApiId.</summary>
        internal string GrantApiId => ApiType == ApiType.Rest ? RestApiId : ApiId;

        /// <summary>The property <see cref="GrantApiId"/> reads, to name in a refusal.</summary>
        internal string GrantApiIdField => ApiType == ApiType.Rest ? nameof(RestApiId) : nameof(ApiId);

        /// <summary>Copies every target property onto another object (used to build findings).</summary>
        internal void CopyTargetTo(IntegrationTarget other)
        {
            other.RestApiId = RestApiId;
            other.RestApiName = RestApiName;
            other.ApiId = ApiId;
            other.ApiType = ApiType;
            other.RouteKey = RouteKey;
            other.ApiAccountId = ApiAccountId;
            other.ApiRegion = ApiRegion;
            other.StageName = StageName;
            other.Kind = Kind;
            other.ResourceId = ResourceId;
            other.ResourcePath = ResourcePath;
            other.HttpMethod = HttpMethod;
            other.AuthorizerId = AuthorizerId;
            other.AuthorizerName = AuthorizerName;
            other.IntegrationType = IntegrationType;
            other.IntegrationUri = IntegrationUri;
            other.CredentialsArn = CredentialsArn;
            other.FunctionArn = FunctionArn;
            other.FunctionName = FunctionName;
            other.Qualifier = Qualifier;
            other.Region = Region;
            other.FunctionAccountId = FunctionAccountId;
            other.PresentedSourceArn = PresentedSourceArn;
            other.UnresolvedVariables = (string[])UnresolvedVariables.Clone();
            other.DeploymentId = DeploymentId;
            other.Canary = Canary;
            other.UndeployedChange = UndeployedChange;
            other.ConfigurationNote = ConfigurationNote;
            other.TemplatePath = TemplatePath;
            other.LogicalId = LogicalId;
            other.PermissionLogicalId = PermissionLogicalId;
            other.Trace = (string[])Trace.Clone();
            other.AlternativeSourceArns = AlternativeSourceArns;
        }
    }
}
