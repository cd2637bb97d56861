using System.Collections.Generic;

namespace LambdaPermTools.Fix
{
    /// <summary>How wide a planned grant is.</summary>
    public enum FixScope
    {
        /// <summary>One grant per method, any stage: {api}/*/{METHOD or *}/{path, {param} as *}; authorizers {api}/authorizers/{id}.</summary>
        Method,
        /// <summary>As Method, but pinned to the finding's stage.</summary>
        Stage,
        /// <summary>One grant per function and API: {api}/* (keeps policies small).</summary>
        Api,
    }

    public sealed class FixOptions
    {
        public FixScope Scope { get; set; } = FixScope.Method;
    }

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

    public sealed class FixPlan
    {
        public IReadOnlyList<PlannedGrant> Grants { get; set; } = new PlannedGrant[0];
        /// <summary>Sentences for Write-Warning (for example a policy that the plan pushes near 20 KB).</summary>
        public IReadOnlyList<string> Warnings { get; set; } = new string[0];
    }
}
