using System.Text.RegularExpressions;

namespace LambdaPermTools.HelpBuilder.Markdown
{
    /// <summary>Turns inline markdown into the plain text that Get-Help prints.</summary>
    public static class Inline
    {
        private static readonly Regex Link = new(@"\[([^\]]+)\]\(([^)\s]+)\)");
        private static readonly Regex Strong = new(@"\*\*([^*]+)\*\*");

        /// <summary>
        /// Links to web pages keep their address ("text (https://…)"), links between help files keep only their text
        /// (Get-Help finds commands by name); bold markers are dropped. Backticks stay: they mark code in plain text too.
        /// </summary>
        public static string ToPlainText(string text)
        {
            var linked = Link.Replace(text, m => IsWebAddress(m.Groups[2].Value) && m.Groups[1].Value != m.Groups[2].Value
                ? $"{m.Groups[1].Value} ({m.Groups[2].Value})"
                : m.Groups[1].Value);
            return Strong.Replace(linked, "$1");
        }

        public static bool IsWebAddress(string uri) =>
            uri.StartsWith("https://", System.StringComparison.OrdinalIgnoreCase) || uri.StartsWith("http://", System.StringComparison.OrdinalIgnoreCase);
    }
}
