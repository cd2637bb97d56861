using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// A request URL as API Gateway receives it: which host (an execute-api host names the API, its region and,
    /// for a private API, the VPC endpoint; any other host is a custom domain name) and the path's segments,
    /// each percent-decoded after splitting, so an encoded <c>%2F</c> stays inside its segment.
    /// </summary>
    public sealed class RequestUrl
    {
        // {api-id}[-{vpce-id}].execute-api.{region}.{partition DNS suffix}
        private static readonly Regex ExecuteApiHost = new Regex(
            @"^(?<api>[a-z0-9]+?)(?:-(?<vpce>vpce-[0-9a-z]+))?\.execute-api\.(?<region>[a-z0-9-]+)\.(?<suffix>.+)$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        // The partitions' DNS suffixes (botocore partitions.json); aws-us-gov shares amazonaws.com and is told by region.
        private static readonly (string Suffix, string Partition)[] Suffixes =
        {
            ("amazonaws.com", "aws"),
            ("amazonaws.com.cn", "aws-cn"),
            ("c2s.ic.gov", "aws-iso"),
            ("sc2s.sgov.gov", "aws-iso-b"),
            ("cloud.adc-e.uk", "aws-iso-e"),
            ("csp.hci.ic.gov", "aws-iso-f"),
            ("amazonaws.eu", "aws-eusc"),
        };

        private RequestUrl(string original, string host, IReadOnlyList<string> segments)
        {
            Original = original;
            Host = host;
            Segments = segments;
        }

        public string Original { get; }

        /// <summary>The host, lower case, without port.</summary>
        public string Host { get; }

        public RequestHostKind Kind { get; private set; } = RequestHostKind.CustomDomain;

        /// <summary>execute-api hosts: the API id, its region and partition; a private API's VPC endpoint id.</summary>
        public string ApiId { get; private set; } = "";
        public string Region { get; private set; } = "";
        public string Partition { get; private set; } = "";
        public string VpcEndpointId { get; private set; } = "";

        /// <summary>The decoded path segments; empty for the root. Empty segments (a trailing slash) are dropped.</summary>
        public IReadOnlyList<string> Segments { get; }

        /// <summary>Parses an absolute https URL; anything else is a <see cref="RequestFormatException"/>.</summary>
        public static RequestUrl Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)
                || !Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var uri)
                || !string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase)
                || uri.Host.Length == 0)
            {
                throw new RequestFormatException(
                    $"'{Shorten(text ?? "")}' is not an absolute https URL (e.g. https://abc123defg.execute-api.us-east-1.amazonaws.com/prod/pets).");
            }

            var segments = uri.AbsolutePath.Split('/')
                .Where(s => s.Length > 0)
                .Select(Uri.UnescapeDataString)
                .ToArray();
            var url = new RequestUrl(text, uri.Host.ToLowerInvariant(), segments);
            url.ReadExecuteApiHost();
            return url;
        }

        /// <summary>The path from a segment on, as API Gateway shows a request path ("/pets/42", "/" for none).</summary>
        public static string PathOf(IEnumerable<string> segments) => "/" + string.Join("/", segments);

        private void ReadExecuteApiHost()
        {
            var match = ExecuteApiHost.Match(Host);
            if (!match.Success)
            {
                return;
            }

            var suffix = match.Groups["suffix"].Value;
            var region = match.Groups["region"].Value;
            var known = Suffixes.Where(s => s.Suffix == suffix).Select(s => s.Partition).FirstOrDefault();
            if (known == null)
            {
                return; // a custom domain that merely looks alike
            }

            Kind = RequestHostKind.ExecuteApi;
            ApiId = match.Groups["api"].Value;
            VpcEndpointId = match.Groups["vpce"].Value;
            Region = region;
            Partition = known == "aws" && region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : known;
        }

        private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";
    }
}
