namespace LambdaPermTools.Requests
{
    /// <summary>The last Trace line of a routed request's finding: the function policy's statement compared, and the verdict.</summary>
    public static class PolicyStep
    {
        public static string For(PermissionFinding finding)
        {
            var policy = $"the policy of {finding.FunctionName}" + (string.IsNullOrEmpty(finding.Qualifier) ? "" : $":{finding.Qualifier}");
            return string.IsNullOrEmpty(finding.MatchedStatementId)
                ? $"Policy: {finding.Status} ({finding.Cause}) by {policy}: {finding.Reason}"
                : $"Policy: statement '{finding.MatchedStatementId}' of {policy} compared: {finding.Status} ({finding.Cause})";
        }
    }
}
