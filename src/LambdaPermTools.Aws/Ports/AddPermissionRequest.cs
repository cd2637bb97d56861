using LambdaPermTools.Policies;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>AddPermission's parameters (those the module ever sends).</summary>
    public sealed class AddPermissionRequest
    {
        /// <summary>Unqualified function ARN.</summary>
        public string FunctionName { get; set; } = "";
        public string? Qualifier { get; set; }
        public string StatementId { get; set; } = "";
        public string Action { get; set; } = LambdaPermission.InvokeAction;
        public string Principal { get; set; } = LambdaPermission.ApiGatewayPrincipal;
        public string SourceArn { get; set; } = "";
        public string? SourceAccount { get; set; }
        public string? RevisionId { get; set; }
    }
}
