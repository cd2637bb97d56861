using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>Reads successful response bodies; a body that does not parse is a Service error named MalformedResponse, never a crash or a silent empty result.</summary>
    internal static class ResponseReader
    {
        public static T Json<T>(ServiceCaller caller, string operation, AwsResponse response, Func<JsonElement, T> read)
        {
            try
            {
                using var doc = JsonDocument.Parse(Utf8Json(response.Bytes));
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("the body is not a JSON object");
                }

                return read(doc.RootElement);
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is KeyNotFoundException)
            {
                throw Malformed(caller, operation, response, ex);
            }
        }

        public static T Xml<T>(ServiceCaller caller, string operation, AwsResponse response, Func<XElement, T> read)
        {
            try
            {
                var root = SafeXml.Load(response.Bytes).Root ?? throw new FormatException("empty XML");
                var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result")
                    ?? throw new FormatException($"no {operation}Result element");
                return read(result);
            }
            catch (Exception ex) when (ex is System.Xml.XmlException || ex is FormatException || ex is InvalidOperationException)
            {
                throw Malformed(caller, operation, response, ex);
            }
        }

        /// <summary>The parser's complaint may quote the server's text, so it is shown as server text, and the parser's exception is not kept.</summary>
        private static AwsServiceException Malformed(ServiceCaller caller, string operation, AwsResponse response, Exception ex) =>
            caller.Error(AwsErrorKind.Service, operation, "MalformedResponse", response.StatusCode,
                $"{caller.Service.DisplayName} {operation}: the response could not be read ({caller.Shown(ex.Message)}).");

        /// <summary>The bytes without a UTF-8 byte order mark, which the JSON reader refuses.</summary>
        private static ReadOnlyMemory<byte> Utf8Json(byte[] bytes) =>
            bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? new ReadOnlyMemory<byte>(bytes, 3, bytes.Length - 3) : bytes;

        public static string? Str(this JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>A required string member; missing → FormatException (reported as MalformedResponse).</summary>
        public static string Required(this JsonElement element, string name) =>
            element.Str(name) ?? throw new FormatException($"missing \"{name}\"");

        public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Empty<JsonElement>();

        public static XElement? Child(this XElement element, string localName) =>
            element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

        public static string? ChildValue(this XElement element, string localName) => element.Child(localName)?.Value;
    }
}
