namespace LambdaPermTools.Aws.Ports
{
    /// <summary>GetPolicy's answer: the policy document (unwrapped from its JSON string) and its revision.</summary>
    public sealed class LambdaPolicy
    {
        public LambdaPolicy(string policyJson, string? revisionId)
        {
            PolicyJson = policyJson;
            RevisionId = revisionId;
        }

        public string PolicyJson { get; }
        public string? RevisionId { get; }
    }
}
