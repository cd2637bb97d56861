using System;
using System.Collections.Generic;
using System.Globalization;

namespace LambdaPermTools.FaultProxy
{
    /// <summary>A response the proxy writes itself instead of forwarding.</summary>
    public sealed record SyntheticResponse(int StatusCode, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers);

    /// <summary>
    /// Throttling and service errors in each service's own wire shape (docs/aws-rules.md §6.1–6.3, §6.5):
    /// REST-JSON services put the code in <c>x-amzn-ErrorType</c>; IAM and STS (Query protocol) answer with
    /// <c>&lt;ErrorResponse&gt;</c> XML, and IAM throttling is HTTP 400 with code <c>Throttling</c>.
    /// </summary>
    public static class ServiceErrors
    {
        public static SyntheticResponse Throttle(string service, double retryAfterSeconds)
        {
            var retryAfter = Math.Max(1, (int)Math.Ceiling(retryAfterSeconds)).ToString(CultureInfo.InvariantCulture);
            return service switch
            {
                "apigateway" => Json(429, "TooManyRequestsException", "{\"message\":\"Too Many Requests\"}", retryAfter),
                "lambda" => Json(429, "TooManyRequestsException", "{\"Reason\":\"CallerRateLimitExceeded\",\"Type\":\"User\",\"message\":\"Rate exceeded\"}", retryAfter),
                "iam" or "sts" => Xml(400, service, "Sender", "Throttling", "Rate exceeded"),
                _ => Json(429, "TooManyRequestsException", "{\"message\":\"Too Many Requests\"}", retryAfter),
            };
        }

        public static SyntheticResponse ServerError(string service) => service switch
        {
            "apigateway" => Json(503, "ServiceUnavailableException", "{\"message\":\"Service Unavailable\"}", "1"),
            "lambda" => Json(500, "ServiceException", "{\"Type\":\"Service\",\"Message\":\"An internal error occurred (injected by the fault proxy).\"}", null),
            "iam" or "sts" => Xml(503, service, "Receiver", "ServiceUnavailable", "Service unavailable (injected by the fault proxy)."),
            _ => Json(503, "ServiceUnavailableException", "{\"message\":\"Service Unavailable\"}", "1"),
        };

        /// <summary>The upstream (moto) could not be reached: a gateway error, not an AWS error.</summary>
        public static SyntheticResponse BadGateway(string reason) =>
            new(502, "application/json", "{\"message\":\"fault proxy: upstream unreachable: " + JsonEscape(reason) + "\"}", new Dictionary<string, string>());

        private static SyntheticResponse Json(int status, string errorType, string body, string? retryAfter)
        {
            var headers = new Dictionary<string, string>
            {
                ["x-amzn-ErrorType"] = errorType,
                ["x-amzn-RequestId"] = Guid.NewGuid().ToString(),
            };
            if (retryAfter is not null)
            {
                headers["Retry-After"] = retryAfter;
            }

            return new SyntheticResponse(status, "application/json", body, headers);
        }

        private static SyntheticResponse Xml(int status, string service, string type, string code, string message)
        {
            var ns = service == "sts" ? "https://sts.amazonaws.com/doc/2011-06-15/" : "https://iam.amazonaws.com/doc/2010-05-08/";
            var requestId = Guid.NewGuid().ToString();
            var body = $"<ErrorResponse xmlns=\"{ns}\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>";
            return new SyntheticResponse(status, "text/xml", body, new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId });
        }

        private static string JsonEscape(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString();
    }
}
