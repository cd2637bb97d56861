namespace LambdaPermTools
{
    /// <summary>
    /// One Lambda function that a REST API invokes, for one stage: a method integration or a Lambda
    /// authorizer, with the function resolved for that stage and the source ARN API Gateway presents.
    /// Emitted by Get-ApiIntegrationTarget (contract: LambdaPermTools.IntegrationTarget).
    /// </summary>
    public class IntegrationTarget
    {
        public string RestApiId { get; set; } = "";
        public string RestApiName { get; set; } = "";
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
        public string[] UnresolvedVariables { get; set; } = new string[0];
        /// <summary>With -Uri: the steps from the URL to this target, one line each; else empty.</summary>
        public string[] Trace { get; set; } = new string[0];

        /// <summary>Copies every target property onto another object (used to build findings).</summary>
        internal void CopyTargetTo(IntegrationTarget other)
        {
            other.RestApiId = RestApiId;
            other.RestApiName = RestApiName;
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
            other.Trace = (string[])Trace.Clone();
        }
    }
}
