using System.Text;

namespace LambdaPermTools.Aws.Signing
{
    /// <summary>RFC 3986 percent-encoding as SigV4 defines it: only A–Z a–z 0–9 - _ . ~ stay as they are.</summary>
    internal static class UriEncoding
    {
        public static string Encode(string value, bool keepSlash)
        {
            var sb = new StringBuilder(value.Length * 2);
            foreach (byte b in Encoding.UTF8.GetBytes(value))
            {
                char c = (char)b;
                bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/');
                if (unreserved)
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            return sb.ToString();
        }

        /// <summary>A path segment as sent on the wire (an ARN becomes arn%3Aaws%3A…).</summary>
        public static string Segment(string value) => Encode(value, keepSlash: false);
    }
}
