namespace LambdaPermTools.Arns
{
    /// <summary>
    /// IAM-style wildcard matching: <c>*</c> matches any run of characters (also empty), <c>?</c> exactly one.
    /// Linear-time greedy matching with a single backtrack point, so hostile patterns cannot explode.
    /// </summary>
    internal static class Glob
    {
        public static bool IsMatch(string pattern, string text, bool ignoreCase)
        {
            int p = 0, t = 0, starP = -1, starT = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    starP = p++;
                    starT = t;
                }
                else if (p < pattern.Length && (pattern[p] == '?' || SameChar(pattern[p], text[t], ignoreCase)))
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

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }

        private static bool SameChar(char a, char b, bool ignoreCase) =>
            a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
    }
}
