using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using LambdaPermTools.Aws.Credentials;

namespace LambdaPermTools.Aws.Signing
{
    /// <summary>
    /// AWS Signature Version 4 for the non-S3 services we call
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
    /// Our own ~100 lines instead of AWSSDK.Core's signer: it lives in the default load context with no dependency,
    /// so it works whichever AWSSDK.Core (if any) AWS Tools has loaded. Tests compare it with botocore.
    /// </summary>
    internal static class SigV4Signer
    {
        internal const string Algorithm = "AWS4-HMAC-SHA256";

        /// <summary>
        /// Adds X-Amz-Date, X-Amz-Security-Token and Authorization to <paramref name="headers"/>.
        /// <paramref name="encodedPath"/> is the path exactly as sent (segments already URI-encoded once);
        /// the canonical URI encodes it again, as AWS requires for every service but S3.
        /// Every header already in <paramref name="headers"/> is signed, plus host.
        /// </summary>
        public static void Sign(
            string method, Uri endpoint, string encodedPath, IReadOnlyList<KeyValuePair<string, string>> query,
            IDictionary<string, string> headers, byte[] body, AwsCredentials credentials,
            string region, string service, DateTimeOffset now)
        {
            string amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            string date = amzDate.Substring(0, 8);
            headers["X-Amz-Date"] = amzDate;
            if (!string.IsNullOrEmpty(credentials.SessionToken))
            {
                headers["X-Amz-Security-Token"] = credentials.SessionToken!;
            }

            var canonicalHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["host"] = HostHeader(endpoint),
            };
            foreach (var h in headers)
            {
                canonicalHeaders[h.Key.ToLowerInvariant()] = CollapseSpaces(h.Value);
            }

            string signedHeaders = string.Join(";", canonicalHeaders.Keys);

            string canonicalRequest = string.Join("\n",
                method,
                UriEncoding.Encode(encodedPath.Length == 0 ? "/" : encodedPath, keepSlash: true),
                CanonicalQuery(query),
                string.Concat(canonicalHeaders.Select(h => h.Key + ":" + h.Value + "\n")),
                signedHeaders,
                Hex(Sha256(body)));

            string scope = $"{date}/{region}/{service}/aws4_request";
            string stringToSign = string.Join("\n", Algorithm, amzDate, scope, Hex(Sha256(Encoding.UTF8.GetBytes(canonicalRequest))));

            byte[] key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretKey), date);
            key = Hmac(key, region);
            key = Hmac(key, service);
            key = Hmac(key, "aws4_request");
            string signature = Hex(Hmac(key, stringToSign));

            headers["Authorization"] = $"{Algorithm} Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        }

        /// <summary>host[:port], the port only when it is not the scheme's default (as botocore and the SDKs sign it).</summary>
        private static string HostHeader(Uri endpoint) =>
            endpoint.IsDefaultPort ? endpoint.Host : endpoint.Host + ":" + endpoint.Port.ToString(CultureInfo.InvariantCulture);

        private static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query) =>
            string.Join("&", query
                .Select(p => new KeyValuePair<string, string>(UriEncoding.Encode(p.Key, false), UriEncoding.Encode(p.Value, false)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value));

        private static string CollapseSpaces(string value)
        {
            var sb = new StringBuilder(value.Length);
            bool space = false;
            foreach (char c in value.Trim())
            {
                if (c == ' ')
                { if (!space) { sb.Append(c); } space = true; }
                else
                { sb.Append(c); space = false; }
            }
            return sb.ToString();
        }

        private static byte[] Sha256(byte[] data)
        {
            using (var sha = SHA256.Create())
            {
                return sha.ComputeHash(data);
            }
        }

        private static byte[] Hmac(byte[] key, string data)
        {
            using (var hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
            }
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes)
            {
                sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }
    }
}
