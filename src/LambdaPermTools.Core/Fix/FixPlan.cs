using System;
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
        public string FunctionName { get; set; } = "";
        public string? Qualifier { get; set; }
        public string Region { get; set; } = "";
        public string FunctionAccountId { get; set; } = "";
        public string StatementId { get; set; } = "";
        public string SourceArn { get; set; } = "";
        public string? SourceAccount { get; set; }
        public string Action { get; set; } = "lambda:InvokeFunction";
        public string Principal { get; set; } = "apigateway.amazonaws.com";
        /// <summary>The findings this grant fixes.</summary>
        public IReadOnlyList<PermissionFinding> Covers { get; set; } = new PermissionFinding[0];
    }

    public sealed class FixPlan
    {
        public IReadOnlyList<PlannedGrant> Grants { get; set; } = new PlannedGrant[0];
        /// <summary>Sentences for Write-Warning (for example a policy that the plan pushes near 20 KB).</summary>
        public IReadOnlyList<string> Warnings { get; set; } = new string[0];
    }

    public static class FixPlanner
    {
        /// <summary>The least-privilege grants for every Denied finding a resource policy can fix, deduplicated.</summary>
        public static FixPlan Plan(IEnumerable<PermissionFinding> findings, FixOptions options, Evaluation.EvidenceSet? evidence = null) =>
            throw new NotImplementedException();

        /// <summary>True when the policy already holds this grant (same statement id, or a statement that grants the planned source ARN at least as narrowly); <paramref name="statementJson"/> is that statement.</summary>
        public static bool IsSatisfied(PlannedGrant grant, string? policyJson, out string? statementJson) =>
            throw new NotImplementedException();
    }
}
