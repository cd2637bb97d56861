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
    }
}
