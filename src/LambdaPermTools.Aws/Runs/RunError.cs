using System;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// A failure, as data: a run returns it and goes on; the cmdlet writes it as an ErrorRecord whose ErrorId and
    /// category follow from <see cref="Id"/> (docs/powershell-rules.md §9.2). Also what the cmdlets' binding reports.
    /// </summary>
    public sealed class RunError
    {
        public RunError(ErrorId id, string message, object? target, string recommendedAction, Exception? exception = null)
        {
            Id = id;
            Message = message;
            Target = target;
            RecommendedAction = recommendedAction;
            Exception = exception;
        }

        public ErrorId Id { get; }
        public string Message { get; }

        /// <summary>The API id, stage, function ARN or piped object the error is about; null when it is about the whole call.</summary>
        public object? Target { get; }
        public string RecommendedAction { get; }
        public Exception? Exception { get; }

        /// <summary>An AWS failure about a REST API (NotFound = the API does not exist).</summary>
        internal static RunError ForApi(AwsServiceException e, string restApiId) =>
            e.Kind == AwsErrorKind.NotFound
                ? new RunError(ErrorId.RestApiNotFound, $"REST API '{restApiId}' was not found: {e.Message}", restApiId,
                    "Check the API id and the region (-Region); Get-AGRestApiList lists the APIs of a region.", e)
                : FromAws(e, restApiId, $"REST API '{restApiId}'");

        /// <summary>An HTTP or WebSocket API id that GetApis does not list in the region.</summary>
        internal static RunError V2ApiNotFound(string apiId, string region) =>
            new RunError(ErrorId.ApiNotFound, $"HTTP or WebSocket API '{apiId}' was not found in region {region}.", apiId,
                "Check the API id and the region (-Region); Get-AG2ApiList lists the HTTP and WebSocket APIs of a region, Get-AGRestApiList the REST APIs (-RestApiId).");

        /// <summary>An AWS failure about a function (NotFound = the function, alias or version does not exist).</summary>
        internal static RunError ForFunction(AwsServiceException e, string functionArn) =>
            e.Kind == AwsErrorKind.NotFound
                ? new RunError(ErrorId.FunctionNotFound, $"Function '{functionArn}' was not found: {e.Message}", functionArn,
                    "Create the function or alias, or correct the integration URI.", e)
                : FromAws(e, functionArn, $"function '{functionArn}'");

        /// <summary>Throttled, AccessDenied or anything else, with the operation and AWS's code in the message.</summary>
        internal static RunError FromAws(AwsServiceException e, object target, string about)
        {
            var what = $"{e.Service} {e.Operation} on {about} failed";
            switch (e.Kind)
            {
                case AwsErrorKind.AccessDenied:
                    return new RunError(ErrorId.AccessDenied, $"{what}: access denied. {e.Message}", target,
                        $"Grant the credentials {e.Service}:{e.Operation}, or use credentials that have it.", e);
                case AwsErrorKind.Throttled:
                    return new RunError(ErrorId.Throttled, $"{what}: throttled after retries. {e.Message}", target,
                        "Run again later, scan fewer APIs at once, or raise AWS_MAX_ATTEMPTS.", e);
                case AwsErrorKind.PagingLimit:
                    return new RunError(ErrorId.PagingLimit, $"{what}: the listing did not end ({e.ErrorCode}). {e.Message}", target,
                        "Check the endpoint: AWS's listings end long before this limit.", e);
                case AwsErrorKind.Timeout:
                    return new RunError(ErrorId.Timeout, $"{what}: {e.Message}", target,
                        "Check the endpoint and the network, or raise AWS_LPT_CALL_TIMEOUT (seconds).", e);
                default:
                    return new RunError(ErrorId.ServiceError, $"{what}: {e.ErrorCode} (HTTP {e.StatusCode}). {e.Message}", target,
                        "Check the message from AWS; run again with -Debug to see each call.", e);
            }
        }
    }
}
