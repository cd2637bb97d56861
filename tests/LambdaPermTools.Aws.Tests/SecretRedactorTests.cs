using System;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using LambdaPermTools.Aws.Http;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>The redactor finds the values it knows in every form a server can echo them in, and the name patterns catch the rest.</summary>
    public class SecretRedactorTests
    {
        private const string Token = "IQoJb3JpZ2luX2VjE+/Token//With+Slashes/And=Pads==";
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSecretKey";

        private static SecretRedactor Redactor()
        {
            var redactor = new SecretRedactor();
            redactor.Add(Token);
            redactor.Add(Secret);
            return redactor;
        }

        public static TheoryData<string, string> Echoes() => new TheoryData<string, string>
        {
            { "plain", "token " + Token + " was refused" },
            { "JSON, minimal escaping", JsonSerializer.Serialize(new { header = Token }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) },
            { "JSON, System.Text.Json default (\\u002B)", JsonSerializer.Serialize(new { header = Token }) },
            { "JSON, PHP style (\\/)", "{\"X-Amz-Security-Token\":\"" + Token.Replace("/", "\\/") + "\"}" },
            { "JSON inside JSON", JsonSerializer.Serialize(JsonSerializer.Serialize(new { t = Token })) },
            { "URL-encoded", "X-Amz-Security-Token=" + Uri.EscapeDataString(Token) + "&next=1" },
            { "URL-encoded, lower-case hex", Uri.EscapeDataString(Token).Replace("%2F", "%2f").Replace("%2B", "%2b").Replace("%3D", "%3d") },
            { "URL-encoded twice", Uri.EscapeDataString(Uri.EscapeDataString(Token)) },
            { "form-decoded (+ as space)", "token=" + Token.Replace("+", " ") },
            { "Python repr of the headers", "{'Host': 'x', 'X-Amz-Security-Token': '" + Token + "', 'Accept': 'application/json'}" },
            { "Python bytes with \\x escapes", "b'" + Token.Replace("+", "\\x2b") + "'" },
            { "HTML character references", WebUtility.HtmlEncode(Token).Replace("+", "&#43;").Replace("/", "&#x2F;") },
            { "bare value in an error code", Token },
            { "the secret key, plain", "key " + Secret },
            { "the secret key, URL-encoded", Uri.EscapeDataString(Secret) },
        };

        [Theory]
        [MemberData(nameof(Echoes))]
        public void RemovesAKnownValueInEveryEncoding(string form, string echoed)
        {
            string shown = Redactor().Redact("AWS said: " + echoed + " (end)");
            // Every part of both values is gone, whatever surrounded it.
            foreach (string part in new[] { "IQoJb3", "Slashes", "Pads", "wJalrXUtn", "K7MDENG", "SecretKey" })
            {
                Assert.False(shown.Contains(part), $"{form}: '{part}' still in {shown}");
            }

            Assert.Contains(SecretRedactor.Mark, shown);
            Assert.StartsWith("AWS said: ", shown);
            Assert.EndsWith(" (end)", shown);
        }

        [Theory]
        [InlineData("Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0a1b\nnext line", "AWS4-HMAC-SHA256")]
        [InlineData("{\"x-amz-security-token\": \"UnknownTokenValue123\", \"a\": 1}", "UnknownTokenValue123")]
        [InlineData("{'X-Amz-Security-Token': 'UnknownTokenValue123'}", "UnknownTokenValue123")]
        [InlineData("{\\\"X-Amz-Security-Token\\\": \\\"Unknown\\/Token\\\"}", "Unknown")]
        [InlineData("\\u0022Authorization\\u0022:\\u0022AWS4-HMAC-SHA256 Credential=AKID\\/20261125, Signature=(redacted)\\u0022,\\u0022Next\\u0022", "AWS4-HMAC-SHA256")]
        [InlineData("...&Signature=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08&x=1", "9f86d081")]
        [InlineData("signature 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 mismatch", "9f86d081")]
        public void NamePatternsCatchWhatItWasNeverTold(string text, string hidden)
        {
            string shown = new SecretRedactor().Redact(text);
            Assert.DoesNotContain(hidden, shown);
            Assert.Contains(SecretRedactor.Mark, shown);
        }

        [Fact]
        public void LeavesOrdinaryTextAndShortValuesAlone()
        {
            var redactor = Redactor();
            redactor.Add("short");
            const string text = "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: lambda:GetPolicy on a short name";
            Assert.Equal(text, redactor.Redact(text));
        }

        [Fact]
        public void RemembersSignaturesOfRecentRequests()
        {
            var redactor = new SecretRedactor();
            redactor.AddSignature("abcdef0123456789");
            Assert.Equal("sig " + SecretRedactor.Mark, redactor.Redact("sig abcdef0123456789"));
        }
    }
}
