using System.Collections.Generic;
using LambdaPermTools.Evaluation;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Findings together with the evidence they were judged on: each policy read (document, RevisionId) and role read.
    /// Planning uses the policies to warn before a grant would pass Lambda's policy size limit.
    /// </summary>
    public sealed class Judgement
    {
        public Judgement(IReadOnlyList<PermissionFinding> findings, EvidenceSet evidence)
        {
            Findings = findings;
            Evidence = evidence;
        }

        public IReadOnlyList<PermissionFinding> Findings { get; }

        /// <summary>Empty for findings that came judged (piped from Test-ApiLambdaPermission).</summary>
        public EvidenceSet Evidence { get; }
    }
}
