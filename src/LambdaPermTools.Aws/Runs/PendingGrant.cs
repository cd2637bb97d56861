using LambdaPermTools.Planning;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>A planned grant that is still missing from the function's policy, with the RevisionId of the policy it was checked against.</summary>
    public sealed class PendingGrant
    {
        internal PendingGrant(PlannedGrant grant, string? revisionId, int policyBytes, string? wholeDocumentWarning)
        {
            WholeDocumentWarning = wholeDocumentWarning;
            Grant = grant;
            RevisionId = revisionId;
            PolicyBytes = policyBytes;
        }

        public PlannedGrant Grant { get; }

        /// <summary>The policy's RevisionId, or the function's or alias's when it had no policy yet (null only if Lambda gave none).</summary>
        public string? RevisionId { get; }

        /// <summary>The size of the policy it was checked against (0 without a policy), for PolicyTooLarge.</summary>
        public int PolicyBytes { get; }

        /// <summary>Set when the policy shows signs of being written as one document (docs/aws-rules.md §3.6): the grant is added, but the next whole-document write removes it.</summary>
        public string? WholeDocumentWarning { get; }
    }
}
