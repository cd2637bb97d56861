using System.Text.RegularExpressions;

namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>What an AWS region system name looks like (us-east-1, us-gov-west-1, ap-southeast-5); one rule for -Region and every other source.</summary>
    public static class RegionNames
    {
        private static readonly Regex Pattern = new Regex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$", RegexOptions.CultureInvariant);

        /// <summary>True when <paramref name="region"/>, trimmed and in lower case, has the shape of a region name.</summary>
        public static bool IsValid(string region) => Pattern.IsMatch(Normalize(region));

        public static string Normalize(string region) => region.Trim().ToLowerInvariant();
    }
}
