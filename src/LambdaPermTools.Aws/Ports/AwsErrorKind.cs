namespace LambdaPermTools.Aws.Ports
{
    /// <summary>The kinds of failure the cmdlets turn into stable ErrorIds.</summary>
    public enum AwsErrorKind
    {
        NotFound,
        AccessDenied,
        Conflict,
        PreconditionFailed,
        Validation,
        Throttled,
        Transport,
        Service,
        /// <summary>A listing that does not end: too many pages or items, a page token seen twice, or pages that bring nothing new.</summary>
        PagingLimit,
        /// <summary>The call and its retries passed the deadline (AWS_LPT_CALL_TIMEOUT).</summary>
        Timeout,
    }
}
