using System.Collections.Generic;

namespace LambdaPermTools.Planning
{
    /// <summary>One lambda:InvokeFunction grant to add (AddPermission's parameters).</summary>
    public sealed class PlannedGrant
    {
        /// <summary>The unqualified function ARN.</summary>
        public string FunctionName { get; set; } = "";
        public string? Qualifier { get; set; }

        /// <summary>The function ARN the statement's Resource names: with the qualifier when there is one.</summary>
        public string QualifiedFunctionArn => Qualifier == null ? FunctionName : FunctionName + ":" + Qualifier;
        public string Region { get; set; } = "";
        public string FunctionAccountId { get; set; } = "";
        public string StatementId { get; set; } = "";
        public string SourceArn { get; set; } = "";
        public string? SourceAccount { get; set; }
        public const string InvokeAction = "lambda:InvokeFunction";
        public const string ApiGatewayPrincipal = "apigateway.amazonaws.com";

        public string Action { get; set; } = InvokeAction;
        public string Principal { get; set; } = ApiGatewayPrincipal;
        /// <summary>The findings this grant fixes.</summary>
        public IReadOnlyList<PermissionFinding> Covers { get; set; } = new PermissionFinding[0];
    }
}
