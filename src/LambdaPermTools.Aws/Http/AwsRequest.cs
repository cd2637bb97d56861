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
            IsRead = method == HttpMethod.Get;
            var path = new StringBuilder();
            foreach (string segment in pathSegments)
            {
                path.Append('/').Append(UriEncoding.Segment(segment));
            }

            Path = path.Length == 0 ? "/" : path.ToString();
        }

        public string Operation { get; }
        public HttpMethod Method { get; }
        /// <summary>A read changes nothing, so it may be retried more often than a write (<see cref="RetrySettings.AttemptsFor"/>). GETs are reads; Query-protocol reads say so.</summary>
        public bool IsRead { get; set; }
        /// <summary>Encoded path, e.g. /2015-03-31/functions/arn%3Aaws%3Alambda%3A…/policy.</summary>
        public string Path { get; }
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        public byte[] Body { get; private set; } = new byte[0];
        public string? ContentType { get; private set; }
        public string? Accept { get; set; }
        /// <summary>Further headers to sign and send, such as the JSON protocol's X-Amz-Target.</summary>
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>();
        /// <summary>Client-side rate buckets this call draws from (<see cref="RateLimiterRegistry"/>).</summary>
        public string[] RateBuckets { get; set; } = new string[0];

        /// <summary>Adds a query parameter unless the value is null.</summary>
        public AwsRequest WithQuery(string name, string? value)
        {
            if (value != null)
            {
                Query.Add(new KeyValuePair<string, string>(name, value));
            }

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
            foreach (var p in parameters)
            {
                parts.Add(UriEncoding.Segment(p.Key) + "=" + UriEncoding.Segment(p.Value));
            }

            return string.Join("&", parts);
        }

        public override string ToString() => Method + " " + Path;
    }

    /// <summary>A successful response: status and body, kept as the bytes that arrived (parsers read them without a text copy).</summary>
    internal sealed class AwsResponse
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        public AwsResponse(int statusCode, byte[] bytes)
        {
            StatusCode = statusCode;
            Bytes = bytes;
        }

        public int StatusCode { get; }
        public byte[] Bytes { get; }
        /// <summary>The body as text (a UTF-8 byte order mark dropped).</summary>
        public string Body => BodyText(Bytes, Bytes.Length);

        public static string BodyText(byte[] bytes, int count)
        {
            int start = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return Utf8.GetString(bytes, start, count - start);
        }
    }
}
