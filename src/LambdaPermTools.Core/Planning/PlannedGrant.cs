using System.Collections.Generic;
using LambdaPermTools.Policies;

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
        public string Action { get; set; } = LambdaPermission.InvokeAction;
        public string Principal { get; set; } = LambdaPermission.ApiGatewayPrincipal;
        /// <summary>The findings this grant fixes.</summary>
        public IReadOnlyList<PermissionFinding> Covers { get; set; } = new PermissionFinding[0];
    }
}
