using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// Matches a request path and verb against a stage's resources as API Gateway does: segment by segment a
    /// literal beats <c>{param}</c>, which beats a greedy <c>{name+}</c> (one or more segments, never the root);
    /// where the better branch leads nowhere the next is tried. The method is the verb's own, else <c>ANY</c>.
    /// A trailing slash is ignored (<see cref="RequestUrl"/> drops empty segments).
    /// </summary>
    public static class ResourceRouter
    {
        private const int NearestCount = 3;

        public static RouteMatch Match(IReadOnlyList<ApiResource> resources, IReadOnlyList<string> segments, string verb)
        {
            var requestPath = RequestUrl.PathOf(segments);
            var templates = resources.Select(r => (Resource: r, Parts: PathParts.Split(r.Path))).ToList();
            var resource = Best(templates, segments, 0);
            var trace = new List<string>();
            if (resource == null)
            {
                trace.Add($"Resource: no resource matches {requestPath}");
                return new RouteMatch(null, null, Nearest(resources, segments), trace);
            }

            // A resource read from a deployment's export has no id when the current configuration was not read.
            trace.Add($"Resource: {requestPath} matches {resource.Path}" + (resource.Id.Length > 0 ? $" (resource {resource.Id})" : ""));
            var method = resource.Methods.FirstOrDefault(m => string.Equals(m.HttpMethod, verb, StringComparison.OrdinalIgnoreCase));
            if (method != null)
            {
                trace.Add($"Method: {verb} {resource.Path}");
                return new RouteMatch(resource, method, new string[0], trace);
            }

            method = resource.Methods.FirstOrDefault(m => m.HttpMethod == "ANY");
            if (method != null)
            {
                trace.Add($"Method: {resource.Path} has no {verb} method, so ANY serves it");
                return new RouteMatch(resource, method, new string[0], trace);
            }

            trace.Add($"Method: {resource.Path} has neither {verb} nor ANY");
            return new RouteMatch(resource, null, Describe(new[] { resource }), trace);
        }

        // Depth-first over the templates that agree with the request so far, best kind of segment first.
        private static ApiResource? Best(IReadOnlyList<(ApiResource Resource, string[] Parts)> templates, IReadOnlyList<string> segments, int depth)
        {
            if (depth == segments.Count)
            {
                return templates.Where(t => t.Parts.Length == depth).Select(t => t.Resource).FirstOrDefault();
            }

            var literal = templates.Where(t => t.Parts.Length > depth && t.Parts[depth] == segments[depth]).ToList();
            var param = templates.Where(t => t.Parts.Length > depth && PathParts.IsParameter(t.Parts[depth])).ToList();
            var found = (literal.Count > 0 ? Best(literal, segments, depth + 1) : null)
                ?? (param.Count > 0 ? Best(param, segments, depth + 1) : null);
            if (found != null)
            {
                return found;
            }

            // A greedy parameter takes the rest of the path, so it can only be the template's last segment.
            return templates.Where(t => t.Parts.Length == depth + 1 && PathParts.IsGreedy(t.Parts[depth])).Select(t => t.Resource).FirstOrDefault();
        }

        // The resources sharing the longest leading run of segments with the request, with their methods.
        private static IReadOnlyList<string> Nearest(IReadOnlyList<ApiResource> resources, IReadOnlyList<string> segments)
        {
            var ranked = resources
                .Where(r => r.Methods.Count > 0)
                .Select(r => (Resource: r, Shared: PathParts.Shared(PathParts.Split(r.Path), segments)))
                .OrderByDescending(x => x.Shared)
                .ThenBy(x => Math.Abs(PathParts.Split(x.Resource.Path).Length - segments.Count))
                .ThenBy(x => x.Resource.Path, StringComparer.Ordinal)
                .Take(NearestCount)
                .Select(x => x.Resource);
            return Describe(ranked);
        }

        private static IReadOnlyList<string> Describe(IEnumerable<ApiResource> resources) =>
            resources.Select(r => $"{string.Join("|", r.Methods.Select(m => m.HttpMethod).OrderBy(m => m, StringComparer.Ordinal))} {r.Path}").ToList();
    }
}
