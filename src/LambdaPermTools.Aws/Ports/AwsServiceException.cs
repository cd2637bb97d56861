using System;

namespace LambdaPermTools.Aws.Ports
{
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
