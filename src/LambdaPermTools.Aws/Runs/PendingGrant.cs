using LambdaPermTools.Planning;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>A planned grant that is still missing from the function's policy, with the RevisionId of the policy it was checked against.</summary>
    public sealed class PendingGrant
    {
        internal PendingGrant(PlannedGrant grant, string? revisionId)
        {
            Grant = grant;
            RevisionId = revisionId;
        }

        public PlannedGrant Grant { get; }

        /// <summary>Null when the function had no policy yet.</summary>
        public string? RevisionId { get; }
    }
}
