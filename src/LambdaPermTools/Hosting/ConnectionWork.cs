using System.Collections.Generic;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Scanning;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// What a cmdlet collected for one connection: connection parameters bind by property name, so piped
    /// records may name different regions or profiles, and each distinct connection is opened once.
    /// </summary>
    internal sealed class ConnectionWork
    {
        public ConnectionWork(ConnectionOptions options)
        {
            Options = options;
        }

        public ConnectionOptions Options { get; }
        /// <summary>APIs to scan (by id, by piped object, or -All).</summary>
        public ApiRequest Request { get; } = new ApiRequest();
        /// <summary>Get-ApiIntegrationTarget output piped into Test-ApiLambdaPermission.</summary>
        public List<IntegrationTarget> Targets { get; } = new List<IntegrationTarget>();
        /// <summary>Test-ApiLambdaPermission output piped into Add-/ConvertTo-.</summary>
        public List<PermissionFinding> Findings { get; } = new List<PermissionFinding>();

        public bool HasScan => Request.All || Request.Apis.Count > 0;

        /// <summary>Same parameters and session values (compared in memory only; secrets are never shown).</summary>
        public bool Matches(ConnectionOptions other)
        {
            var o = Options;
            return o.Region == other.Region && o.ProfileName == other.ProfileName && o.ProfileLocation == other.ProfileLocation
                && o.AccessKey == other.AccessKey && o.SecretKey == other.SecretKey && o.SessionToken == other.SessionToken
                && o.EndpointUrl == other.EndpointUrl && ReferenceEquals(o.Credential, other.Credential)
                && ReferenceEquals(o.StoredCredentials, other.StoredCredentials) && o.StoredRegion == other.StoredRegion;
        }
    }
}
