using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>An error response's code and message, parsed as botocore does (docs/aws-rules.md §6.2, §6.3).</summary>
    internal sealed class AwsError
    {
        public AwsError(string code, string message)
        {
            Code = code;
            Message = message;
        }

        public string Code { get; }
        public string Message { get; }
    }

    /// <summary>Parsing of AWS error responses and their classification for retries and for the cmdlets' ErrorIds.</summary>
    internal static class AwsErrors
    {
        /// <summary>botocore retries/standard.py _THROTTLED_ERROR_CODES (docs/aws-rules.md §6.5).</summary>
        private static readonly HashSet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
            "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
            "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
            "EC2ThrottledException",
        };

        /// <summary>botocore's transient codes and statuses: worth retrying, but not throttling.</summary>
        private static readonly HashSet<string> TransientCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
        };

        private static readonly HashSet<string> NotFoundCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "ResourceNotFoundException", "NotFoundException", "NoSuchEntity",
        };

        private static readonly HashSet<string> AccessDeniedCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "UnauthorizedException", "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch",
            "InvalidSignatureException", "IncompleteSignature", "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException",
        };

        private static readonly HashSet<string> ValidationCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "ValidationException", "ValidationError", "InvalidParameterValueException", "BadRequestException", "InvalidInput",
            "InvalidParameterValue", "InvalidParameterCombination", "MissingParameter", "InvalidRequestContentException",
            "SerializationException",
        };

        /// <summary>What an AWS error code looks like; anything else in the code's place is not shown as a code.</summary>
        private static readonly Regex CodeShape = new Regex(@"^[A-Za-z][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant);

        public static bool IsThrottling(int status, string code) => status == 429 || ThrottlingCodes.Contains(code);

        public static bool IsTransient(int status, string code) =>
            status == 500 || status == 502 || status == 503 || status == 504 || TransientCodes.Contains(code);

        /// <summary>
        /// Code: x-amzn-ErrorType, else the body's code/Code/__type (JSON) or Error/Code (Query XML); cut at the first ':'
        /// and after the last '#'. Message: message/Message (JSON) or Error/Message (XML). Both are server text and pass
        /// through <paramref name="shown"/> (secrets removed, cut to a few KB); a code that does not look like one is
        /// replaced by "Http" + status. A body that was <paramref name="cut"/> at the read limit does not parse: its start is the message.
        /// </summary>
        public static AwsError Parse(int status, string? errorTypeHeader, string body, Func<string, string> shown, bool cut = false, long? declaredLength = null)
        {
            string? code = errorTypeHeader;
            string? message = null;
            string trimmed = body.TrimStart();
            try
            {
                if (trimmed.StartsWith("<", StringComparison.Ordinal))
                {
                    ReadXml(trimmed, ref code, ref message);
                }
                else if (trimmed.StartsWith("{", StringComparison.Ordinal))
                {
                    ReadJson(trimmed, ref code, ref message);
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is System.Xml.XmlException)
            {
                // A body we cannot read still leaves the status and the header to go by.
            }
            if (message == null && cut)
            {
                message = "HTTP " + status + ": an error body of " + (declaredLength is long n ? n.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "unknown length") +
                    ", too long to read to the end; it begins: " + body;
            }

            string? shownCode = Clean(code) is string c ? shown(c) : null;
            return new AwsError(shownCode != null && CodeShape.IsMatch(shownCode) ? shownCode : "Http" + status, shown(message ?? "HTTP " + status));
        }

        private static void ReadJson(string body, ref string? code, ref string? message)
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (string name in new[] { "code", "Code", "__type" })
            {
                if (code == null && doc.RootElement.TryGetProperty(name, out var c) && c.ValueKind == JsonValueKind.String)
                {
                    code = c.GetString();
                }
            }

            foreach (string name in new[] { "message", "Message" })
            {
                if (message == null && doc.RootElement.TryGetProperty(name, out var m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString();
                }
            }
        }

        private static void ReadXml(string body, ref string? code, ref string? message)
        {
            var error = SafeXml.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            if (error == null)
            {
                return;
            }

            code ??= error.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            message ??= error.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
        }

        private static string? Clean(string? code)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return null;
            }

            code = code!.Trim();
            int colon = code.IndexOf(':');
            if (colon >= 0)
            {
                code = code.Substring(0, colon);
            }

            int hash = code.LastIndexOf('#');
            if (hash >= 0)
            {
                code = code.Substring(hash + 1);
            }

            return code.Length == 0 ? null : code;
        }

        /// <summary>The kind the cmdlets act on. Throttling reaches here only after the retries ran out.</summary>
        public static AwsErrorKind Kind(int status, string code)
        {
            if (IsThrottling(status, code))
            {
                return AwsErrorKind.Throttled;
            }

            if (status == 404 || NotFoundCodes.Contains(code))
            {
                return AwsErrorKind.NotFound;
            }

            if (status == 401 || status == 403 || code.StartsWith("AccessDenied", StringComparison.Ordinal) || AccessDeniedCodes.Contains(code))
            {
                return AwsErrorKind.AccessDenied;
            }

            if (status == 409)
            {
                return AwsErrorKind.Conflict;
            }

            if (status == 412)
            {
                return AwsErrorKind.PreconditionFailed;
            }

            if (status == 400 && ValidationCodes.Contains(code))
            {
                return AwsErrorKind.Validation;
            }

            return AwsErrorKind.Service;
        }
    }
}
