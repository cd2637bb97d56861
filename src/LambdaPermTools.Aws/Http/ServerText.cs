using System.Globalization;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>Text a server sent, made fit to show: cut to a few kilobytes, with a note that says how much was cut.</summary>
    internal static class ServerText
    {
        public static string Cut(string text, int maxChars)
        {
            if (text.Length <= maxChars)
            {
                return text;
            }

            int keep = maxChars;
            // Never split a surrogate pair.
            if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
            {
                keep--;
            }

            return text.Substring(0, keep) + " … (" + (text.Length - keep).ToString("N0", CultureInfo.InvariantCulture) + " more characters cut)";
        }
    }
}
