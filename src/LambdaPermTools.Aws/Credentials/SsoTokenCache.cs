using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>
    /// The tokens AWS SSO login cached for a profile (~/.aws/sso/cache/&lt;sha1 of the sso_session name, or of the
    /// legacy sso_start_url&gt;.json, as every AWS SDK names it). The module never sends them itself (AWSSDK.Core does);
    /// it reads them only so that the redactor knows them and no stream can show them.
    /// </summary>
    internal static class SsoTokenCache
    {
        private static readonly string[] SecretFields = { "accessToken", "refreshToken", "clientSecret" };

        public static IReadOnlyList<string> Secrets(SharedProfile profile, string homeDirectory)
        {
            var secrets = new List<string>();
            string? id = profile["sso_session"] ?? profile["sso_start_url"];
            if (id == null)
            {
                return secrets;
            }

            string file = Path.Combine(homeDirectory, ".aws", "sso", "cache", Sha1Hex(id) + ".json");
            try
            {
                if (!File.Exists(file))
                {
                    return secrets;
                }

                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return secrets;
                }

                foreach (string field in SecretFields)
                {
                    if (doc.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        secrets.Add(value.GetString()!);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException)
            {
                // A cache this process cannot read, AWSSDK.Core cannot read either: none of its tokens is in use.
            }
            return secrets;
        }

        private static string Sha1Hex(string text)
        {
            using var sha1 = SHA1.Create();
            var hex = new StringBuilder(40);
            foreach (byte b in sha1.ComputeHash(Encoding.UTF8.GetBytes(text)))
            {
                hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}
