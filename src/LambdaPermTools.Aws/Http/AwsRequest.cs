using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using LambdaPermTools.Aws.Signing;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>One AWS operation call before signing: path segments are encoded here, once, as sent on the wire.</summary>
    internal sealed class AwsRequest
    {
        public AwsRequest(string operation, HttpMethod method, params string[] pathSegments)
        {
            Operation = operation;
            Method = method;
            var path = new StringBuilder();
            foreach (string segment in pathSegments) path.Append('/').Append(UriEncoding.Segment(segment));
            Path = path.Length == 0 ? "/" : path.ToString();
        }

        public string Operation { get; }
        public HttpMethod Method { get; }
        /// <summary>Encoded path, e.g. /2015-03-31/functions/arn%3Aaws%3Alambda%3A…/policy.</summary>
        public string Path { get; }
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        public byte[] Body { get; private set; } = new byte[0];
        public string? ContentType { get; private set; }
        public string? Accept { get; set; }
        /// <summary>Client-side rate buckets this call draws from (<see cref="RateLimiterRegistry"/>).</summary>
        public string[] RateBuckets { get; set; } = new string[0];

        /// <summary>Adds a query parameter unless the value is null.</summary>
        public AwsRequest WithQuery(string name, string? value)
        {
            if (value != null) Query.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public AwsRequest WithBody(string body, string contentType)
        {
            Body = Encoding.UTF8.GetBytes(body);
            ContentType = contentType;
            return this;
        }

        public AwsRequest Paced(params string[] buckets)
        {
            RateBuckets = buckets;
            return this;
        }

        public static string EncodeQuery(IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var parts = new List<string>();
            foreach (var p in parameters) parts.Add(UriEncoding.Segment(p.Key) + "=" + UriEncoding.Segment(p.Value));
            return string.Join("&", parts);
        }

        public override string ToString() => Method + " " + Path;
    }

    /// <summary>A successful response: status and body text.</summary>
    internal sealed class AwsResponse
    {
        public AwsResponse(int statusCode, string body)
        {
            StatusCode = statusCode;
            Body = body;
        }

        public int StatusCode { get; }
        public string Body { get; }
    }
}
