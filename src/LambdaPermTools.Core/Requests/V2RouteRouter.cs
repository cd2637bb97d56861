using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// Matches a request against an HTTP API as API Gateway does (docs/aws-rules.md §8): the stage that the first path segment
    /// names, else the $default stage; then the most specific route: a full match of route and method (a {param} takes one
    /// segment), then a route whose greedy {name+} takes the rest, then the $default route. Within a tier the request's own
    /// method beats ANY, and a literal segment beats a parameter (a longer greedy prefix beats a shorter one); where those two
    /// disagree the documentation does not say which wins, so every such route is returned and judged.
    /// </summary>
    public static class V2RouteRouter
    {
        private const string DefaultKey = "$default";
        private const int NearestCount = 3;

        /// <summary>The stage a request on an HTTP API's execute-api host reaches, and the path its routes see; null when none does.</summary>
        public static StagePick? PickStage(RequestUrl url, IReadOnlyList<V2Stage> stages)
        {
            var host = $"Host: {url.Host} is HTTP API {url.ApiId} in {url.Region} ({url.Partition})";
            if (url.Segments.Count > 0 && url.Segments[0] != DefaultKey && stages.Any(s => s.StageName == url.Segments[0]))
            {
                return new StagePick(url.ApiId, url.Segments[0], url.Segments.Skip(1).ToArray(),
                    new[] { host, $"Stage: the first path segment names stage '{url.Segments[0]}'" });
            }

            var step = url.Segments.Count == 0
                ? "Stage: the $default stage serves the API's root URL"
                : $"Stage: no stage is named '{url.Segments[0]}', so the $default stage serves the whole path";
            return stages.Any(s => s.StageName == DefaultKey) ? new StagePick(url.ApiId, DefaultKey, url.Segments.ToArray(), new[] { host, step }) : null;
        }

        public static V2RouteMatch Match(IReadOnlyList<V2Route> routes, IReadOnlyList<string> segments, string verb)
        {
            var request = $"{verb} {RequestUrl.PathOf(segments)}";
            var templates = routes.Select(RouteTemplate.Of).Where(t => t != null).Select(t => t!).ToList();
            var fitting = templates.Where(t => t.Method == "ANY" || string.Equals(t.Method, verb, StringComparison.OrdinalIgnoreCase)).ToList();
            var full = Best(fitting.Where(t => !t.Greedy && t.Matches(segments)).ToList());
            if (full.Count > 0)
            {
                return Found(full, $"Route: {request} fully matches");
            }

            var greedy = Best(fitting.Where(t => t.Greedy && t.Matches(segments)).ToList());
            if (greedy.Count > 0)
            {
                return Found(greedy, $"Route: {request} fully matches no route; a greedy path variable catches it in");
            }

            var fallback = routes.Where(r => r.RouteKey == DefaultKey).ToList();
            return fallback.Count > 0
                ? new V2RouteMatch(fallback, new string[0], new[] { $"Route: {request} matches no route, so the $default route catches it" })
                : new V2RouteMatch(new V2Route[0], Nearest(templates, segments), new[] { $"Route: {request} matches no route, and the API has no $default route" });
        }

        private static V2RouteMatch Found(IReadOnlyList<RouteTemplate> best, string start)
        {
            var keys = best.Select(t => $"'{t.Route.RouteKey}'").ToArray();
            var line = keys.Length == 1
                ? $"{start} route {keys[0]}"
                : $"{start} routes {string.Join(", ", keys)} alike: the documented priorities (own method before ANY, literal segment before parameter) leave the tie open, so each is judged";
            return new V2RouteMatch(best.Select(t => t.Route).ToList(), new string[0], new[] { line });
        }

        // The candidates no other candidate beats on both method and path.
        private static IReadOnlyList<RouteTemplate> Best(IReadOnlyList<RouteTemplate> candidates) =>
            candidates.Where(c => !candidates.Any(o => Beats(o, c))).OrderBy(c => c.Route.RouteKey, StringComparer.Ordinal).ToList();

        private static bool Beats(RouteTemplate a, RouteTemplate b)
        {
            var method = a.OwnMethod.CompareTo(b.OwnMethod);
            var path = a.ComparePath(b);
            return method >= 0 && path >= 0 && (method > 0 || path > 0);
        }

        private static IReadOnlyList<string> Nearest(IReadOnlyList<RouteTemplate> templates, IReadOnlyList<string> segments) =>
            templates.OrderByDescending(t => t.Shared(segments))
                .ThenBy(t => Math.Abs(t.Parts.Length - segments.Count))
                .ThenBy(t => t.Route.RouteKey, StringComparer.Ordinal)
                .Take(NearestCount)
                .Select(t => t.Route.RouteKey)
                .ToList();

        /// <summary>A route key read as method and path parts ("GET /pets/{id}"); null for $default and WebSocket keys.</summary>
        private sealed class RouteTemplate
        {
            private RouteTemplate(V2Route route, string method, string[] parts)
            {
                Route = route;
                Method = method;
                Parts = parts;
                Greedy = parts.Length > 0 && PathParts.IsGreedy(parts[parts.Length - 1]);
            }

            public V2Route Route { get; }
            public string Method { get; }
            public string[] Parts { get; }
            public bool Greedy { get; }

            public static RouteTemplate? Of(V2Route route)
            {
                var space = route.RouteKey.IndexOf(' ');
                return space <= 0
                    ? null
                    : new RouteTemplate(route, route.RouteKey.Substring(0, space), PathParts.Split(route.RouteKey.Substring(space + 1)));
            }

            /// <summary>Full: one segment per part. Greedy: the parts before the greedy one, then at least one segment.</summary>
            public bool Matches(IReadOnlyList<string> segments)
            {
                var fixedParts = Greedy ? Parts.Length - 1 : Parts.Length;
                var lengthFits = Greedy ? segments.Count > fixedParts : segments.Count == fixedParts;
                return lengthFits && Enumerable.Range(0, fixedParts).All(i => Parts[i] == segments[i] || PathParts.IsParameter(Parts[i]));
            }

            /// <summary>1 for the request's own method, 0 for ANY (only fitting routes are compared).</summary>
            public int OwnMethod => Method == "ANY" ? 0 : 1;

            /// <summary>Positive when this path is the more specific: a longer greedy prefix, then the first literal where the other has a parameter.</summary>
            public int ComparePath(RouteTemplate other)
            {
                if (Parts.Length != other.Parts.Length)
                {
                    return Parts.Length.CompareTo(other.Parts.Length);
                }

                for (var i = 0; i < Parts.Length; i++)
                {
                    var mine = PathParts.IsParameter(Parts[i]) || PathParts.IsGreedy(Parts[i]) ? 0 : 1;
                    var theirs = PathParts.IsParameter(other.Parts[i]) || PathParts.IsGreedy(other.Parts[i]) ? 0 : 1;
                    if (mine != theirs)
                    {
                        return mine.CompareTo(theirs);
                    }
                }

                return 0;
            }

            public int Shared(IReadOnlyList<string> segments) => PathParts.Shared(Parts, segments);
        }
    }
}
