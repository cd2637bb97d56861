using System;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Policies
{
    /// <summary>
    /// The condition operators the tool evaluates on AWS:SourceArn (docs/aws-rules.md §2, §3.2, §3.5). Operator names are
    /// compared exactly: IAM documents condition <em>key</em> names as case-insensitive, not operator names, so another
    /// spelling is treated as an operator the tool cannot evaluate.
    /// </summary>
    internal static class ConditionOperators
    {
        public const string StringEquals = "StringEquals";

        /// <summary>(pattern, presented) → match, for ArnLike/ArnEquals, StringLike and StringEquals; null for any other operator.</summary>
        public static Func<string, string, bool>? SourceArnTest(string op)
        {
            switch (op)
            {
                case "ArnLike":
                case "ArnEquals":
                    return ArnPattern.ArnLike;
                case "StringLike":
                    return ArnPattern.StringLike;
                case StringEquals:
                    return (pattern, presented) => pattern == presented;
                default:
                    return null;
            }
        }

        /// <summary>
        /// True when a condition value under <paramref name="op"/> matches exactly what the source ARN pattern
        /// <paramref name="pattern"/> matches: the same text, under an operator that treats its wildcards as wildcards.
        /// </summary>
        public static bool GrantsPattern(string op, string value, string pattern) =>
            value == pattern && SourceArnTest(op) != null && (op != StringEquals || !HasWildcard(pattern));

        public static bool HasWildcard(string pattern) => pattern.IndexOfAny(new[] { '*', '?' }) >= 0;
    }
}
