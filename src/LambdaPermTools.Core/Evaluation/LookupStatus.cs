namespace LambdaPermTools.Evaluation
{
    /// <summary>How a read of a policy or role ended.</summary>
    public enum LookupStatus
    {
        /// <summary>The document was read.</summary>
        Found,
        /// <summary>The function (at this qualifier) exists but has no resource policy.</summary>
        NoPolicy,
        /// <summary>The function, alias, version or role does not exist.</summary>
        NotFound,
        /// <summary>The caller may not read it (401/403).</summary>
        AccessDenied,
        /// <summary>Any other failure (throttled after retries, transport, service error).</summary>
        Failed,
    }
}
