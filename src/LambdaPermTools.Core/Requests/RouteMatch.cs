using System.Collections.Generic;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// What a request path and verb reach in one stage: the resource and method, or (when nothing matches)
    /// the stage's resources nearest to the path. <see cref="Trace"/> says how, one step a line.
    /// </summary>
    public sealed class RouteMatch
    {
        internal RouteMatch(ApiResource? resource, ApiMethod? method, IReadOnlyList<string> nearest, IReadOnlyList<string> trace)
        {
            Resource = resource;
            Method = method;
            Nearest = nearest;
            Trace = trace;
        }

        public ApiResource? Resource { get; }
        public ApiMethod? Method { get; }

        /// <summary>When nothing matched: the nearest resource paths with their methods ("GET /pets/{id}").</summary>
        public IReadOnlyList<string> Nearest { get; }

        public IReadOnlyList<string> Trace { get; }

        public bool Found => Method != null;
    }
}
