using System;
using System.Net;
using System.Net.Http;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// .NET Framework (Windows PowerShell 5.1) networking defaults that would hurt the module: a process may not offer
    /// TLS 1.2, which every AWS endpoint requires, and HTTP allows two connections per host, which halves a scan's read
    /// concurrency. On other runtimes nothing changes (their HttpClient ignores ServicePointManager and has no such limit).
    /// </summary>
    internal static class NetFrameworkConnections
    {
        /// <summary>SecurityProtocolType.SystemDefault (.NET Framework 4.7+), which netstandard2.0 does not name.</summary>
        internal const SecurityProtocolType SystemDefault = 0;

        /// <summary>The handler a connection uses: on .NET Framework TLS 1.2 is added to the process's protocols and <paramref name="handler"/> is wrapped to raise the module's hosts' connection limit.</summary>
        public static HttpMessageHandler Adapt(HttpMessageHandler handler, int connectionsPerHost)
        {
            if (!HostRuntime.IsNetFramework)
            {
                return handler;
            }

            ServicePointManager.SecurityProtocol = WithTls12(ServicePointManager.SecurityProtocol);
            return new ServicePointLimitHandler(handler, connectionsPerHost);
        }

        /// <summary>
        /// Adds TLS 1.2 and keeps every protocol already allowed. SystemDefault stays: the operating system then chooses,
        /// and an explicit list would cut off what it offers beyond TLS 1.2.
        /// </summary>
        public static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
            current == SystemDefault ? current : current | SecurityProtocolType.Tls12;

        /// <summary>A limit the process or another module set higher stays.</summary>
        public static int RaisedLimit(int current, int wanted) => Math.Max(current, wanted);
    }
}
