using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LambdaPermTools.Rendering
{
    /// <summary>String literals for each output language, safe for any character an ARN or id may hold.</summary>
    internal static class Quoting
    {
        private static readonly JsonSerializerOptions Relaxed = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>A JSON string; also a valid YAML double-quoted scalar (YAML 1.2 escapes are a superset of JSON's).</summary>
        public static string Json(string value) => JsonSerializer.Serialize(value, Relaxed);

        /// <summary>POSIX shell: single quotes keep $, *, spaces literal; an embedded ' becomes '\''.</summary>
        public static string Shell(string value) => "'" + value.Replace("'", "'\\''") + "'";

        /// <summary>PowerShell verbatim string: every single-quote character (also the typographic ones) is doubled.</summary>
        public static string PowerShell(string value)
        {
            var output = new StringBuilder("'");
            foreach (var c in value)
            {
                output.Append(c);
                if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B')
                {
                    output.Append(c);
                }
            }

            return output.Append('\'').ToString();
        }

        /// <summary>HCL quoted template: JSON-style escapes, and ${ / %{ doubled so Terraform does not interpolate them.</summary>
        public static string Hcl(string value)
        {
            var output = new StringBuilder("\"");
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                var next = i + 1 < value.Length ? value[i + 1] : '\0';
                switch (c)
                {
                    case '"':
                        output.Append("\\\"");
                        break;
                    case '\\':
                        output.Append("\\\\");
                        break;
                    case '$':
                    case '%':
                        output.Append(c);
                        if (next == '{')
                        {
                            output.Append(c);
                        }

                        break;
                    default:
                        if (c < ' ' || c == '\u007f')
                        {
                            output.Append("\\u").Append(((int)c).ToString("x4"));
                        }
                        else
                        {
                            output.Append(c);
                        }

                        break;
                }
            }

            return output.Append('"').ToString();
        }
    }
}
