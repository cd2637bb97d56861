namespace LambdaPermTools.Arns
{
    /// <summary>
    /// IAM-style wildcard matching: <c>*</c> matches any run of characters (also empty), <c>?</c> exactly one.
    /// Linear-time greedy matching with a single backtrack point, so hostile patterns cannot explode.
    /// </summary>
    internal static class Glob
    {
        public static bool IsMatch(string pattern, string text, bool ignoreCase) => IsMatch(pattern, 0, pattern.Length, text, 0, text.Length, ignoreCase);

        /// <summary>Matches pattern[patternStart..patternEnd) against text[textStart..textEnd) without copying either.</summary>
        public static bool IsMatch(string pattern, int patternStart, int patternEnd, string text, int textStart, int textEnd, bool ignoreCase)
        {
            int p = patternStart, t = textStart, starP = -1, starT = textStart;
            while (t < textEnd)
            {
                if (p < patternEnd && pattern[p] == '*')
                {
                    starP = p++;
                    starT = t;
                }
                else if (p < patternEnd && (pattern[p] == '?' || SameChar(pattern[p], text[t], ignoreCase)))
                {
                    p++;
                    t++;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    t = ++starT;
                }
                else
                {
                    return false;
                }
            }

            while (p < patternEnd && pattern[p] == '*')
            {
                p++;
            }

            return p == patternEnd;
        }

        private static bool SameChar(char a, char b, bool ignoreCase) =>
            a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
    }
}
