using System;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Scanning
{
    /// <summary>The PowerShell error category a cmdlet gives a <see cref="ScanError"/> (kept free of PowerShell types).</summary>
    public enum ScanErrorCategory
    {
        ObjectNotFound,
        PermissionDenied,
        LimitsExceeded,
        InvalidOperation,
        InvalidArgument,
    }

    /// <summary>
    /// A per-item failure, as data: the cmdlet writes it as a non-terminating ErrorRecord and goes on.
    /// ErrorIds are stable API (cmdlet-contract.md, powershell-conventions.md §9.2).
    /// </summary>
    public sealed class ScanError
    {
        public ScanError(string errorId, ScanErrorCategory category, string message, object target, string recommendedAction, Exception? exception = null)
        {
            ErrorId = errorId;
            Category = category;
            Message = message;
            Target = target;
            RecommendedAction = recommendedAction;
            Exception = exception;
        }

        public string ErrorId { get; }
        public ScanErrorCategory Category { get; }
        public string Message { get; }
        /// <summary>The API id, target or function ARN the error is about.</summary>
        public object Target { get; }
        public string RecommendedAction { get; }
        public Exception? Exception { get; }

        /// <summary>An AWS failure about a REST API (NotFound = the API does not exist).</summary>
        public static ScanError ForApi(AwsServiceException e, string restApiId) =>
            e.Kind == AwsErrorKind.NotFound
                ? new ScanError("RestApiNotFound", ScanErrorCategory.ObjectNotFound, $"REST API '{restApiId}' was not found: {e.Message}", restApiId,
                    "Check the API id and the region (-Region); Get-AGRestApiList lists the APIs of a region.", e)
                : Generic(e, restApiId, $"REST API '{restApiId}'");

        /// <summary>An AWS failure about a function (NotFound = the function, alias or version does not exist).</summary>
        public static ScanError ForFunction(AwsServiceException e, string functionArn) =>
            e.Kind == AwsErrorKind.NotFound
                ? new ScanError("FunctionNotFound", ScanErrorCategory.ObjectNotFound, $"Function '{functionArn}' was not found: {e.Message}", functionArn,
                    "Create the function or alias, or correct the integration URI.", e)
                : Generic(e, functionArn, $"function '{functionArn}'");

        /// <summary>Throttled, AccessDenied or anything else, with the operation and AWS's code in the message.</summary>
        public static ScanError Generic(AwsServiceException e, object target, string about)
        {
            var what = $"{e.Service} {e.Operation} on {about} failed";
            switch (e.Kind)
            {
                case AwsErrorKind.AccessDenied:
                    return new ScanError("AccessDenied", ScanErrorCategory.PermissionDenied, $"{what}: access denied. {e.Message}", target,
                        $"Grant the credentials {e.Service}:{e.Operation}, or use credentials that have it.", e);
                case AwsErrorKind.Throttled:
                    return new ScanError("Throttled", ScanErrorCategory.LimitsExceeded, $"{what}: throttled after retries. {e.Message}", target,
                        "Run again later, scan fewer APIs at once, or raise AWS_MAX_ATTEMPTS.", e);
                default:
                    return new ScanError("ServiceError", ScanErrorCategory.InvalidOperation, $"{what}: {e.ErrorCode} (HTTP {e.StatusCode}). {e.Message}", target,
                        "Check the message from AWS; run again with -Debug to see each call.", e);
            }
        }
    }
}
