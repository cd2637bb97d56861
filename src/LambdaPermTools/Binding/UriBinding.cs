using System;
using System.Collections;
using System.Collections.Generic;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Hosting;
using LambdaPermTools.Requests;

namespace LambdaPermTools.Binding
{
    /// <summary>
    /// -Uri, -HttpMethod and -Header of Get-ApiIntegrationTarget and Test-ApiLambdaPermission: one failing request.
    /// A string that is no absolute https URL, or a verb that is no HTTP method, ends the command before any AWS call.
    /// </summary>
    internal static class UriBinding
    {
        internal const string ByUri = "Uri";

        /// <summary>Adds the request to the cmdlet's run request; without -Region, an execute-api host names the region to call.</summary>
        public static RunError? AddTo(AwsCmdlet cmdlet, string uri, string httpMethod, Hashtable? headers, ApiConfiguration configuration)
        {
            var route = Read(uri, httpMethod, headers, configuration, out var error);
            if (error != null)
            {
                return error;
            }

            if (cmdlet.Region == null && route.Url.Region.Length > 0)
            {
                cmdlet.Region = route.Url.Region;
            }

            cmdlet.Request().Routes.Add(route);
            return null;
        }

        private static RouteRequest Read(string uri, string httpMethod, Hashtable? headers, ApiConfiguration configuration, out RunError? error)
        {
            error = null;
            RequestUrl url;
            try
            {
                url = RequestUrl.Parse(uri);
            }
            catch (RequestFormatException e)
            {
                error = new RunError(ErrorId.InvalidUri, e.Message, uri, "Pass the full URL that failed, starting with https://.", e);
                return null!;
            }

            try
            {
                return new RouteRequest(url, httpMethod, Headers(headers), configuration);
            }
            catch (RequestFormatException e)
            {
                error = new RunError(ErrorId.InvalidHttpMethod, e.Message, httpMethod, "Pass the verb of the request that failed, such as GET or POST.", e);
                return null!;
            }
        }

        private static Dictionary<string, string> Headers(Hashtable? headers)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in headers ?? new Hashtable())
            {
                result[entry.Key?.ToString() ?? ""] = entry.Value?.ToString() ?? "";
            }

            return result;
        }
    }
}
