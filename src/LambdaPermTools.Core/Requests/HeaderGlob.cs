using System;

namespace LambdaPermTools.Requests
{
    /// <summary>A routing rule's header value glob: literal, or <c>*</c> as prefix, suffix or both; case-sensitive.</summary>
    internal static class HeaderGlob
    {
        public static bool IsMatch(string glob, string value)
        {
            var starts = glob.StartsWith("*", StringComparison.Ordinal);
            var ends = glob.Length > 1 && glob.EndsWith("*", StringComparison.Ordinal);
            var core = glob.Substring(starts ? 1 : 0, glob.Length - (starts ? 1 : 0) - (ends ? 1 : 0));
            if (starts && ends)
            {
                return value.IndexOf(core, StringComparison.Ordinal) >= 0;
            }

            if (starts)
            {
                return value.EndsWith(core, StringComparison.Ordinal);
            }

            return ends ? value.StartsWith(core, StringComparison.Ordinal) : value == core;
        }
    }
}
