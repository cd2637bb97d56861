using System;
using System.Collections.Generic;

namespace LambdaPermTools.Requests
{
    /// <summary>The parts of a resource or route path template, as API Gateway reads them: literal, {param} or greedy {name+}.</summary>
    internal static class PathParts
    {
        public static string[] Split(string path) => path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);

        public static bool IsParameter(string part) => part.Length > 2 && part[0] == '{' && part[part.Length - 1] == '}' && !IsGreedy(part);

        public static bool IsGreedy(string part) => part.Length > 3 && part[0] == '{' && part.EndsWith("+}", StringComparison.Ordinal);

        /// <summary>How many leading request segments the template's parts agree with (for "nearest" lists).</summary>
        public static int Shared(string[] parts, IReadOnlyList<string> segments)
        {
            var n = 0;
            while (n < parts.Length && n < segments.Count && (parts[n] == segments[n] || IsParameter(parts[n]) || IsGreedy(parts[n])))
            {
                n++;
            }

            return n;
        }
    }
}
