using System;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Endpoints
{
    /// <summary>Where a call goes and which region signs it.</summary>
    internal sealed class ResolvedEndpoint
    {
        public ResolvedEndpoint(Uri url, string signingRegion, string source)
        {
            Url = url;
            SigningRegion = signingRegion;
            Source = source;
        }

        public Uri Url { get; }
        public string SigningRegion { get; }
        /// <summary>Where the URL came from, for Verbose: "-EndpointUrl", "AWS_ENDPOINT_URL_LAMBDA", "default".</summary>
        public string Source { get; }
    }

    /// <summary>
    /// Endpoint precedence (conventions §5): -EndpointUrl for every service; AWS_ENDPOINT_URL_&lt;SERVICE&gt;;
    /// AWS_ENDPOINT_URL; both env vars ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true; else the partition's
    /// regional endpoint (IAM: the partition's global one). Overrides keep signing with the resolved region.
    /// </summary>
    internal sealed class EndpointResolver
    {
        private readonly string? _explicitUrl;
        private readonly EnvironmentVariables _env;

        public EndpointResolver(string? explicitUrl, EnvironmentVariables env)
        {
            _explicitUrl = string.IsNullOrWhiteSpace(explicitUrl) ? null : explicitUrl;
            _env = env;
            if (_explicitUrl != null)
            {
                Parse(_explicitUrl, "-EndpointUrl");
            }
        }

        public ResolvedEndpoint Resolve(AwsService service, string region)
        {
            if (_explicitUrl != null)
            {
                return new ResolvedEndpoint(Parse(_explicitUrl, "-EndpointUrl"), region, "-EndpointUrl");
            }

            if (!_env.IsTrue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
            {
                foreach (string variable in new[] { service.EndpointEnvironmentVariable, "AWS_ENDPOINT_URL" })
                {
                    if (_env.Get(variable) is string url)
                    {
                        return new ResolvedEndpoint(Parse(url, variable), region, variable);
                    }
                }
            }
            var partition = Partition.Of(region);
            if (service.IsGlobal)
            {
                return new ResolvedEndpoint(new Uri("https://" + partition.IamHost), partition.GlobalSigningRegion, "default (global)");
            }

            return new ResolvedEndpoint(new Uri($"https://{service.HostPrefix}.{region}.{partition.DnsSuffix}"), region, "default");
        }

        private static Uri Parse(string url, string source)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ConnectionException(ErrorId.InvalidEndpoint, $"The endpoint '{url}' (from {source}) is not an http(s) URL with a host.");
            }

            return uri;
        }
    }
}
