using System;
using System.Management.Automation;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Scanning;

namespace LambdaPermTools.Hosting
{
    /// <summary>Turns the AWS layer's errors-as-data into ErrorRecords with stable ErrorIds (powershell-conventions.md §9.2).</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(ScanError error)
        {
            Exception exception;
            ErrorCategory category;
            switch (error.Category)
            {
                case ScanErrorCategory.ObjectNotFound:
                    exception = new ItemNotFoundException(error.Message, error.Exception);
                    category = ErrorCategory.ObjectNotFound;
                    break;
                case ScanErrorCategory.PermissionDenied:
                    exception = new UnauthorizedAccessException(error.Message, error.Exception);
                    category = ErrorCategory.PermissionDenied;
                    break;
                case ScanErrorCategory.LimitsExceeded:
                    exception = new InvalidOperationException(error.Message, error.Exception);
                    category = ErrorCategory.LimitsExceeded;
                    break;
                case ScanErrorCategory.InvalidArgument:
                    exception = new ArgumentException(error.Message, error.Exception);
                    category = ErrorCategory.InvalidArgument;
                    break;
                default:
                    exception = new InvalidOperationException(error.Message, error.Exception);
                    category = ErrorCategory.InvalidOperation;
                    break;
            }

            return WithAction(new ErrorRecord(exception, error.ErrorId, category, error.Target), error.RecommendedAction);
        }

        /// <summary>What fixes a missing or invalid region.</summary>
        public const string RegionAction = "Pass -Region with a region name such as us-east-1 (Get-AWSRegion lists them), run Set-DefaultAWSRegion, or set AWS_REGION.";

        /// <summary>No credentials, no region, unknown profile, bad endpoint: nothing can continue.</summary>
        public static ErrorRecord From(ConnectionException e)
        {
            var category = e.ErrorId == ErrorId.NoCredentials || e.ErrorId == ErrorId.SsoTokenExpired ? ErrorCategory.AuthenticationError : ErrorCategory.InvalidArgument;
            return WithAction(new ErrorRecord(e, e.ErrorId.ToString(), category, null), ConnectionAction(e.ErrorId));
        }

        private static string ConnectionAction(ErrorId errorId)
        {
            switch (errorId)
            {
                case ErrorId.NoRegion:
                case ErrorId.InvalidRegion:
                    return RegionAction;
                case ErrorId.SsoTokenExpired:
                    return "Log in again (Invoke-AWSSSOLogin or aws sso login).";
                case ErrorId.ProfileNotFound:
                    return "Check the profile name (Get-AWSCredential -ListProfileDetail lists them) and -ProfileLocation, or create the profile with Set-AWSCredential or 'aws configure --profile <name>'.";
                case ErrorId.InvalidEndpoint:
                    return "Pass -EndpointUrl (or AWS_ENDPOINT_URL) as an http(s) URL with a host, such as http://127.0.0.1:5000, or leave it out to call AWS.";
                default:
                    return "Pass -ProfileName, -AccessKey/-SecretKey or -Credential, run Set-AWSCredential, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.";
            }
        }

        public static ErrorRecord WithAction(ErrorRecord record, string recommendedAction)
        {
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = recommendedAction };
            return record;
        }
    }
}
