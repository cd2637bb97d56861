using System;
using System.Collections.Generic;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>One request that failed: its URL, verb, the headers the caller knows (for routing rules) and which configuration to match it on.</summary>
    public sealed class RouteRequest
    {
        public RouteRequest(RequestUrl url, string httpMethod, IReadOnlyDictionary<string, string>? headers = null, ApiConfiguration configuration = ApiConfiguration.Deployed)
        {
            Configuration = configuration;
            Url = url;
            HttpMethod = HttpVerbs.Normalize(httpMethod);
            Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        public RequestUrl Url { get; }
        public string HttpMethod { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>Match the request on what its stage serves (its deployment and canary), or on the current configuration.</summary>
        public ApiConfiguration Configuration { get; }
    }
}
