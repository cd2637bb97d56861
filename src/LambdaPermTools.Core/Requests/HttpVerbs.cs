using System;
using System.Linq;

namespace LambdaPermTools.Requests
{
    /// <summary>The HTTP methods a REST API method can be defined for (PutMethod httpMethod), upper-cased.</summary>
    public static class HttpVerbs
    {
        private static readonly string[] Known = { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" };

        /// <summary>The verb upper-cased; anything that is not an HTTP method is a <see cref="RequestFormatException"/>.</summary>
        public static string Normalize(string? verb)
        {
            var upper = (verb ?? "").Trim().ToUpperInvariant();
            if (!Known.Contains(upper))
            {
                throw new RequestFormatException(
                    $"'{verb}' is not an HTTP method; use one of {string.Join(", ", Known)}.");
            }

            return upper;
        }
    }
}
