using System;
using System.Collections.Generic;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>One request that failed: its URL, verb and the headers the caller knows (for routing rules).</summary>
    public sealed class RouteRequest
    {
        public RouteRequest(RequestUrl url, string httpMethod, IReadOnlyDictionary<string, string>? headers = null)
        {
            Url = url;
            HttpMethod = HttpVerbs.Normalize(httpMethod);
            Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        public RequestUrl Url { get; }
        public string HttpMethod { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
    }
}
