using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>An error response's code and message, parsed as botocore does (aws-semantics.md §6.2, §6.3).</summary>
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
        /// <summary>botocore retries/standard.py _THROTTLED_ERROR_CODES (aws-semantics.md §6.5).</summary>
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

        /// <summary>
        /// Request credentials that an error message may echo: SignatureDoesNotMatch/InvalidSignatureException messages
        /// quote the canonical request, with the X-Amz-Security-Token and Authorization header values.
        /// </summary>
        private static readonly Regex EchoedSecret = new Regex(
            @"(?<name>x-amz-security-token|authorization)(?<separator>[ \t]*[:=][ \t]*)[^\r\n'""&<]+|(?<name>Signature)(?<separator>=)[0-9a-fA-F]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static bool IsThrottling(int status, string code) => status == 429 || ThrottlingCodes.Contains(code);

        public static bool IsTransient(int status, string code) =>
            status == 500 || status == 502 || status == 503 || status == 504 || TransientCodes.Contains(code);

        /// <summary>
        /// Code: x-amzn-ErrorType, else the body's code/Code/__type (JSON) or Error/Code (Query XML); cut at the first ':'
        /// and after the last '#'. Message: message/Message (JSON) or Error/Message (XML).
        /// </summary>
        public static AwsError Parse(int status, string? errorTypeHeader, string body)
        {
            string? code = errorTypeHeader;
            string? message = null;
            string trimmed = body.TrimStart();
            try
            {
                if (trimmed.StartsWith("<", StringComparison.Ordinal)) ReadXml(trimmed, ref code, ref message);
                else if (trimmed.StartsWith("{", StringComparison.Ordinal)) ReadJson(trimmed, ref code, ref message);
            }
            catch (Exception ex) when (ex is JsonException || ex is System.Xml.XmlException)
            {
                // A body we cannot read still leaves the status and the header to go by.
            }
            return new AwsError(Clean(code) ?? "Http" + status, Redact(message) ?? "HTTP " + status);
        }

        /// <summary>The message with every echoed token, Authorization value and signature replaced, so no stream shows them.</summary>
        internal static string? Redact(string? message) =>
            message == null ? null : EchoedSecret.Replace(message, m => m.Groups["name"].Value + m.Groups["separator"].Value + "(redacted)");

        private static void ReadJson(string body, ref string? code, ref string? message)
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return;
            foreach (string name in new[] { "code", "Code", "__type" })
                if (code == null && doc.RootElement.TryGetProperty(name, out var c) && c.ValueKind == JsonValueKind.String) code = c.GetString();
            foreach (string name in new[] { "message", "Message" })
                if (message == null && doc.RootElement.TryGetProperty(name, out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
        }

        private static void ReadXml(string body, ref string? code, ref string? message)
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            if (error == null) return;
            code ??= error.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            message ??= error.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
        }

        private static string? Clean(string? code)
        {
            if (string.IsNullOrWhiteSpace(code)) return null;
            code = code!.Trim();
            int colon = code.IndexOf(':');
            if (colon >= 0) code = code.Substring(0, colon);
            int hash = code.LastIndexOf('#');
            if (hash >= 0) code = code.Substring(hash + 1);
            return code.Length == 0 ? null : code;
        }

        /// <summary>The kind the cmdlets act on. Throttling reaches here only after the retries ran out.</summary>
        public static AwsErrorKind Kind(int status, string code)
        {
            if (IsThrottling(status, code)) return AwsErrorKind.Throttled;
            if (status == 404 || NotFoundCodes.Contains(code)) return AwsErrorKind.NotFound;
            if (status == 401 || status == 403 || code.StartsWith("AccessDenied", StringComparison.Ordinal) || AccessDeniedCodes.Contains(code))
                return AwsErrorKind.AccessDenied;
            if (status == 409) return AwsErrorKind.Conflict;
            if (status == 412) return AwsErrorKind.PreconditionFailed;
            if (status == 400 && ValidationCodes.Contains(code)) return AwsErrorKind.Validation;
            return AwsErrorKind.Service;
        }
    }
}
