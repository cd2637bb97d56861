using System.Collections.Generic;

namespace LambdaPermTools.Templates
{
    /// <summary>The findings of one template, and what it holds that cannot be checked offline.</summary>
    public sealed class TemplateCheckResult
    {
        public TemplateCheckResult(IReadOnlyList<PermissionFinding> findings, IReadOnlyList<string> warnings)
        {
            Findings = findings;
            Warnings = warnings;
        }

        public IReadOnlyList<PermissionFinding> Findings { get; }

        /// <summary>Sentences for Write-Warning (a definition in S3, a body built by a transform).</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
