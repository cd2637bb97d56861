namespace LambdaPermTools.Arns
{
    /// <summary>
    /// The IAM ARN condition operators (ArnLike, ArnEquals) and StringLike, as IAM evaluates them (docs/aws-rules.md §2).
    /// </summary>
    public static class ArnPattern
    {
        /// <summary>Number of colon-separated components of an ARN; everything after the fifth colon is the resource.</summary>
        public const int ComponentCount = 6;

        /// <summary>
        /// ArnLike/ArnEquals: both sides split into six components, each matched on its own, case-sensitively;
        /// <c>*</c> matches within one component (also across <c>/</c> and the empty string), <c>?</c> one character.
        /// A value or pattern with fewer than six components never matches. Never throws.
        /// </summary>
        public static bool ArnLike(string? pattern, string? value)
        {
            if (pattern == null || value == null)
            {
                return false;
            }

            // Component by component in place: a scan matches every statement of a policy against every target.
            int patternStart = 0, valueStart = 0;
            for (var i = 0; i < ComponentCount; i++)
            {
                var last = i == ComponentCount - 1;
                var patternEnd = last ? pattern.Length : pattern.IndexOf(':', patternStart);
                var valueEnd = last ? value.Length : value.IndexOf(':', valueStart);
                if (patternEnd < 0 || valueEnd < 0 || !Glob.IsMatch(pattern, patternStart, patternEnd, value, valueStart, valueEnd, ignoreCase: false))
                {
                    return false;
                }

                patternStart = patternEnd + 1;
                valueStart = valueEnd + 1;
            }

            return true;
        }

        /// <summary>StringLike: one case-sensitive glob over the whole string (here <c>*</c> may span colons).</summary>
        public static bool StringLike(string? pattern, string? value) =>
            pattern != null && value != null && Glob.IsMatch(pattern, value, ignoreCase: false);

        /// <summary>The six components of an ARN (the last one keeps its colons), or null when there are fewer.</summary>
        public static string[]? SplitComponents(string? arn)
        {
            if (arn == null)
            {
                return null;
            }

            var parts = arn.Split(new[] { ':' }, ComponentCount);
            return parts.Length == ComponentCount ? parts : null;
        }
    }
}
