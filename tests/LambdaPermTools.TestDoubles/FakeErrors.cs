using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>The errors the fakes raise, with the codes and statuses AWS uses (docs/aws-rules.md §6.1, §6.2).</summary>
    internal static class FakeErrors
    {
        public static AwsServiceException For(AwsErrorKind kind, string service, string operation, string? subject)
        {
            var about = subject == null ? "" : $" ({subject})";
            switch (kind)
            {
                case AwsErrorKind.NotFound:
                    return NotFound(service, operation, "The resource you requested does not exist." + about);
                case AwsErrorKind.AccessDenied:
                    return new AwsServiceException(kind, service, operation, "AccessDeniedException", 403, $"User is not authorized to perform: {service}:{operation}{about}");
                case AwsErrorKind.Throttled:
                    return new AwsServiceException(kind, service, operation, "TooManyRequestsException", 429, "Rate exceeded" + about);
                case AwsErrorKind.Conflict:
                    return new AwsServiceException(kind, service, operation, "ResourceConflictException", 409, "The statement id provided already exists." + about);
                case AwsErrorKind.PreconditionFailed:
                    return StaleRevision(service, operation);
                case AwsErrorKind.Validation:
                    return Invalid(service, operation, "Invalid parameter" + about);
                case AwsErrorKind.Transport:
                    return new AwsServiceException(kind, service, operation, "", 0, "Connection refused" + about);
                default:
                    return new AwsServiceException(kind, service, operation, "ServiceException", 500, "Internal failure" + about);
            }
        }

        public static AwsServiceException NotFound(string service, string operation, string message) =>
            new AwsServiceException(AwsErrorKind.NotFound, service, operation, service == "apigateway" ? "NotFoundException" : "ResourceNotFoundException", 404, message);

        public static AwsServiceException Invalid(string service, string operation, string message) =>
            new AwsServiceException(AwsErrorKind.Validation, service, operation, "InvalidParameterValueException", 400, message);

        public static AwsServiceException StaleRevision(string service, string operation) =>
            new AwsServiceException(AwsErrorKind.PreconditionFailed, service, operation, "PreconditionFailedException", 412,
                "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id");

        public static AwsServiceException DuplicateSid(string service, string operation, string sid) =>
            new AwsServiceException(AwsErrorKind.Conflict, service, operation, "ResourceConflictException", 409,
                $"The statement id ({sid}) provided already exists. Please provide a new statement id, or remove the existing statement.");
    }
}
