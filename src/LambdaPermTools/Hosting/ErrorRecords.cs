using System;
using System.Management.Automation;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;

namespace LambdaPermTools.Hosting
{
    /// <summary>Turns errors-as-data into ErrorRecords: the ErrorId is the error's <see cref="ErrorId"/>, its category follows from it (docs/powershell-rules.md §9.2).</summary>
    internal static class ErrorRecords
    {
        /// <summary>What fixes a missing or invalid region.</summary>
        public const string RegionAction = "Pass -Region with a region name such as us-east-1 (Get-AWSRegion lists them), run Set-DefaultAWSRegion, or set AWS_REGION.";

        public static ErrorRecord From(RunError error)
        {
            var category = CategoryOf(error.Id);
            return WithAction(new ErrorRecord(ExceptionOf(category, error), error.Id.ToString(), category, error.Target), error.RecommendedAction);
        }

        /// <summary>An error the cmdlets find themselves (files, arguments), with the category its id implies.</summary>
        public static ErrorRecord For(ErrorId id, Exception exception, object? target, string recommendedAction) =>
            WithAction(new ErrorRecord(exception, id.ToString(), CategoryOf(id), target), recommendedAction);

        /// <summary>No credentials, no region, unknown profile, bad endpoint: nothing can continue.</summary>
        public static ErrorRecord From(ConnectionException e) =>
            WithAction(new ErrorRecord(e, e.ErrorId.ToString(), CategoryOf(e.ErrorId), null), ConnectionAction(e.ErrorId));

        private static ErrorCategory CategoryOf(ErrorId id)
        {
            switch (id)
            {
                case ErrorId.TemplateParseError:
                case ErrorId.NotATemplate:
                    return ErrorCategory.ParserError;
                case ErrorId.TemplateReadError:
                    return ErrorCategory.ReadError;
                case ErrorId.JUnitWriteFailed:
                    return ErrorCategory.WriteError;
                case ErrorId.PathNotFound:
                case ErrorId.RestApiNotFound:
                case ErrorId.ApiNotFound:
                case ErrorId.StageNotFound:
                case ErrorId.FunctionNotFound:
                case ErrorId.RouteNotFound:
                case ErrorId.DomainNotFound:
                case ErrorId.LogGroupNotFound:
                    return ErrorCategory.ObjectNotFound;
                case ErrorId.AccessDenied:
                case ErrorId.CrossAccountFunction:
                    return ErrorCategory.PermissionDenied;
                case ErrorId.Throttled:
                case ErrorId.PagingLimit:
                case ErrorId.PolicyTooLarge:
                    return ErrorCategory.LimitsExceeded;
                case ErrorId.Timeout:
                    return ErrorCategory.OperationTimeout;
                case ErrorId.NoCredentials:
                case ErrorId.SsoTokenExpired:
                    return ErrorCategory.AuthenticationError;
                case ErrorId.ServiceError:
                case ErrorId.PolicyChangedConcurrently:
                case ErrorId.WholeDocumentPolicy:
                    return ErrorCategory.InvalidOperation;
                case ErrorId.GrantInUse:
                    return ErrorCategory.ResourceBusy;
                case ErrorId.DeniedTargetsFound:
                    return ErrorCategory.InvalidResult;
                default:
                    return ErrorCategory.InvalidArgument;
            }
        }

        private static Exception ExceptionOf(ErrorCategory category, RunError error)
        {
            switch (category)
            {
                case ErrorCategory.ObjectNotFound:
                    return new ItemNotFoundException(error.Message, error.Exception);
                case ErrorCategory.PermissionDenied:
                    return new UnauthorizedAccessException(error.Message, error.Exception);
                case ErrorCategory.InvalidArgument:
                    return new ArgumentException(error.Message, error.Exception);
                default:
                    return new InvalidOperationException(error.Message, error.Exception);
            }
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

        private static ErrorRecord WithAction(ErrorRecord record, string recommendedAction)
        {
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = recommendedAction };
            return record;
        }
    }
}
