using System.Security.Cryptography;
using System.Text;

namespace LambdaPermTools.Grants
{
    /// <summary>
    /// Deterministic statement ids for the grants this tool adds: <c>lpt-{readable}-{hash}</c>, within
    /// AddPermission's <c>[A-Za-z0-9_-]{1,100}</c> (docs/aws-rules.md §6.2). The prefix marks our statements; the hash of
    /// the SourceArn keeps different grants apart even when their readable parts collapse to the same text.
    /// A qualified grant also hashes its qualifier: AWS keeps one policy per function, alias and version (§3.1), so
    /// ids need only be unique per policy, but an emulator that merges them (moto) then rejects the second alias's
    /// grant as a duplicate id, and an id that differs per qualifier also tells which policy it was made for.
    /// </summary>
    public static class StatementIds
    {
        public const string Prefix = "lpt-";
        private const int MaxLength = 100;
        private const int HashLength = 12;

        public static string For(string sourceArn, string? qualifier = null)
        {
            var hash = qualifier == null ? ShortHash(sourceArn) : ShortHash(sourceArn, qualifier);
            var room = MaxLength - Prefix.Length - 1 - hash.Length;
            var readable = Readable(ResourcePart(sourceArn));
            if (readable.Length > room)
            {
                readable = readable.Substring(0, room).TrimEnd('-');
            }

            return readable.Length == 0 ? Prefix + hash : $"{Prefix}{readable}-{hash}";
        }

        public static bool IsOurs(string? statementId) => statementId != null && statementId.StartsWith(Prefix, System.StringComparison.Ordinal);

        /// <summary>First 12 hex digits of SHA-256 over the parts, joined with a separator no part contains.</summary>
        internal static string ShortHash(params string?[] parts)
        {
            using var sha = SHA256.Create();
            var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(string.Join("\n", parts)));
            var hex = new StringBuilder();
            for (var i = 0; i < HashLength / 2; i++)
            {
                hex.Append(bytes[i].ToString("x2"));
            }

            return hex.ToString();
        }

        /// <summary>"abc123/*/GET/pets/*" → "abc123-all-GET-pets-all".</summary>
        internal static string Readable(string text)
        {
            var output = new StringBuilder();
            foreach (var c in text.Replace("*", "all"))
            {
                var keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                if (keep)
                {
                    output.Append(c);
                }
                else if (output.Length > 0 && output[output.Length - 1] != '-')
                {
                    output.Append('-');
                }
            }

            return output.ToString().TrimEnd('-');
        }

        private static string ResourcePart(string sourceArn)
        {
            var parts = sourceArn.Split(new[] { ':' }, Arns.ArnPattern.ComponentCount);
            return parts[parts.Length - 1];
        }
    }
}
