using System.Collections.Generic;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// What a request reaches in one stage of an HTTP API: the route API Gateway selects, or several when its documented
    /// priorities leave a tie (each is then judged); none, with the nearest route keys, when nothing catches the request.
    /// </summary>
    public sealed class V2RouteMatch
    {
        internal V2RouteMatch(IReadOnlyList<V2Route> routes, IReadOnlyList<string> nearest, IReadOnlyList<string> trace)
        {
            Routes = routes;
            Nearest = nearest;
            Trace = trace;
        }

        public IReadOnlyList<V2Route> Routes { get; }

        /// <summary>When nothing matched: the route keys nearest to the request.</summary>
        public IReadOnlyList<string> Nearest { get; }

        public IReadOnlyList<string> Trace { get; }

        public bool Found => Routes.Count > 0;
    }
}
