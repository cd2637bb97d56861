namespace LambdaPermTools.Arns
{
    /// <summary>Character-level checks of ARN parts (BC:lambda and BC:apigateway patterns, docs/aws-rules.md §2, §6.2).</summary>
    internal static class ArnSyntax
    {
        /// <summary>aws, aws-cn, aws-us-gov and future aws-… partitions.</summary>
        public static bool IsPartition(string s) => s.StartsWith("aws", System.StringComparison.Ordinal) && All(s, 3, c => IsLowerAlnum(c) || c == '-');

        /// <summary>Lenient region check (us-east-1, cn-north-1, us-gov-west-1, …): lower-case letters, digits, dashes.</summary>
        public static bool IsRegion(string s) => s.Length > 0 && s.Length <= 32 && All(s, 0, c => IsLowerAlnum(c) || c == '-');

        public static bool IsAccountId(string s) => s.Length == 12 && All(s, 0, c => c >= '0' && c <= '9');

        public static bool IsFunctionName(string s) => s.Length > 0 && s.Length <= 64 && All(s, 0, IsNameChar);

        /// <summary>Alias or version ([a-zA-Z0-9-_]{1,128}), $LATEST or $LATEST.PUBLISHED.</summary>
        public static bool IsQualifier(string s) =>
            s == FunctionArn.Latest || s == FunctionArn.Latest + ".PUBLISHED" || (s.Length > 0 && s.Length <= 128 && All(s, 0, IsNameChar));

        private static bool IsNameChar(char c) => IsLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';

        private static bool IsLowerAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

        private static bool All(string s, int start, System.Func<char, bool> ok)
        {
            for (var i = start; i < s.Length; i++)
            {
                if (!ok(s[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
