using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// Removes the connection's secrets from every text the HTTP layer writes (exception messages, error codes, Debug and
    /// Verbose lines). It knows the values: the secret key and session token of every credential the connection used, SSO
    /// tokens, and the signatures of recent requests; it finds them however a server echoes them back (plain, JSON-escaped,
    /// URL-encoded, HTML character references, doubly escaped, a form-decoded '+' as a space). Name-based patterns stay as a
    /// second net for values it was never told (an Authorization header, a token after its header name, a bare signature).
    /// </summary>
    internal sealed class SecretRedactor
    {
        public const string Mark = "(redacted)";

        /// <summary>Shorter values are not secrets of AWS's shape; hiding them would blank ordinary words.</summary>
        private const int MinimumLength = 8;

        /// <summary>Signatures kept for redaction: more than the requests one connection has in flight at once.</summary>
        private const int RecentSignatures = 128;

        private static readonly Regex NamedSecret = new Regex(
            @"(?<name>x-amz-security-token|authorization|aws_secret_access_key|aws_session_token|secretaccesskey|sessiontoken|accesstoken|refreshtoken|clientsecret)" +
            @"(?<separator>(?:\\*(?:[""']|u00(?:22|27)))?\s*(?:[:=]|%3[aAdD])\s*(?:\\*(?:[""']|u00(?:22|27)))?)" +
            // The value ends at a line end, a quote (plain or escaped as \" or \u0022) or a delimiter; other escapes (\/) are part of it.
            @"(?:[^\r\n'""&<\\]|\\+(?![""']|u00(?:22|27)))+" +
            @"|(?<name>Signature)(?<separator>=|%3[dD])[0-9a-fA-F]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>A SigV4 signature (64 hex digits) standing alone.</summary>
        private static readonly Regex BareSignature = new Regex(@"(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])", RegexOptions.CultureInvariant);

        private readonly object _gate = new object();
        private readonly Dictionary<string, Matcher> _secrets = new Dictionary<string, Matcher>(StringComparer.Ordinal);
        private readonly Queue<string> _signatures = new Queue<string>();
        private volatile Matcher[] _snapshot = new Matcher[0];

        /// <summary>Remembers a secret value for the life of the connection (credentials may be refreshed: each set is added).</summary>
        public void Add(string? secret)
        {
            if (secret == null || secret.Length < MinimumLength)
            {
                return;
            }

            lock (_gate)
            {
                if (_secrets.ContainsKey(secret))
                {
                    return;
                }

                _secrets[secret] = new Matcher(secret);
                Publish();
            }
        }

        /// <summary>Remembers a request's signature; the oldest is forgotten once <see cref="RecentSignatures"/> are held.</summary>
        public void AddSignature(string signature)
        {
            if (signature.Length < MinimumLength)
            {
                return;
            }

            lock (_gate)
            {
                if (_secrets.ContainsKey(signature))
                {
                    return;
                }

                _secrets[signature] = new Matcher(signature);
                _signatures.Enqueue(signature);
                if (_signatures.Count > RecentSignatures)
                {
                    _secrets.Remove(_signatures.Dequeue());
                }

                Publish();
            }
        }

        /// <summary>The text with every known secret, and everything the patterns recognise, replaced by <see cref="Mark"/>.</summary>
        public string Redact(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            foreach (var matcher in _snapshot)
            {
                text = matcher.Replace(text);
            }

            text = NamedSecret.Replace(text, m => m.Groups["name"].Value + m.Groups["separator"].Value + Mark);
            return BareSignature.Replace(text, Mark);
        }

        private void Publish() =>
            // Longest first: a value that contains another is removed whole.
            _snapshot = _secrets.Values.OrderByDescending(m => m.Length).ToArray();

        /// <summary>Finds one value in any of the encodings a server may give it.</summary>
        private sealed class Matcher
        {
            private readonly string _value;
            private readonly Regex? _encoded;

            public Matcher(string value)
            {
                _value = value;
                Length = value.Length;
                // Letters and digits are sent as they are by every encoder; only the other characters take other forms.
                if (value.Any(c => !IsPlain(c)))
                {
                    _encoded = new Regex(string.Concat(value.Select(CharacterPattern)), RegexOptions.CultureInvariant);
                }
            }

            public int Length { get; }

            public string Replace(string text) =>
                _encoded != null ? _encoded.Replace(text, Mark) : text.Replace(_value, Mark);

            private static bool IsPlain(char c) => c < 128 && char.IsLetterOrDigit(c);

            private static string CharacterPattern(char c)
            {
                if (IsPlain(c))
                {
                    return c.ToString();
                }

                string literal = Regex.Escape(c.ToString());
                string hex4 = Hex(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                var forms = new List<string>
                {
                    literal,
                    @"\\{1,3}" + literal,                                    // JSON "\/", doubly escaped "\\/"
                    @"\\{1,3}u" + hex4,                                      // JSON "\u002B", "\\u002B"
                    @"\\{1,3}x" + Hex(((int)c).ToString("X2", CultureInfo.InvariantCulture)), // Python and C "\x2b"
                    "&#(?:[xX]0*" + Hex(((int)c).ToString("X", CultureInfo.InvariantCulture)) + "|0*" + ((int)c).ToString(CultureInfo.InvariantCulture) + ");",
                };
                if (c < 128)
                {
                    forms.Add("%(?:25)?" + Hex(((int)c).ToString("X2", CultureInfo.InvariantCulture))); // URL-encoded, twice
                }

                if (c == '+')
                {
                    forms.Add(" ");                                // form-decoded
                }

                return "(?:" + string.Join("|", forms) + ")";
            }

            /// <summary>Hex digits in either case.</summary>
            private static string Hex(string digits)
            {
                var pattern = new StringBuilder();
                foreach (char d in digits)
                {
                    pattern.Append(char.IsLetter(d) ? "[" + char.ToLowerInvariant(d) + d + "]" : d.ToString());
                }

                return pattern.ToString();
            }
        }
    }
}
