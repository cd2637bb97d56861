using System;

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

    /// <summary>A failed AWS call, after retries: which operation, what AWS said, and its kind.</summary>
    public sealed class AwsServiceException : Exception
    {
        public AwsServiceException(AwsErrorKind kind, string service, string operation, string errorCode, int statusCode, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            Service = service;
            Operation = operation;
            ErrorCode = errorCode;
            StatusCode = statusCode;
        }

        public AwsErrorKind Kind { get; }
        public string Service { get; }
        public string Operation { get; }
        /// <summary>AWS's error code (x-amzn-ErrorType, Code or __type), e.g. ResourceNotFoundException.</summary>
        public string ErrorCode { get; }
        /// <summary>HTTP status, or 0 when no response arrived.</summary>
        public int StatusCode { get; }
    }
}
