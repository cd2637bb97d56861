using System;
using System.Collections.Generic;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>
    /// One AWS connection: the connection parameters of a cmdlet (same names and meaning as AWS Tools for PowerShell)
    /// plus the caller's session values, which the cmdlet reads at the start of each invocation. Compared by value, so
    /// that the cmdlets open each distinct connection once and the completers cache per connection: every field that
    /// decides which credentials, region or endpoint are used takes part (credential objects by identity, since they
    /// cannot be compared otherwise); the diagnostics callbacks do not. Do not change one after using it as a key.
    /// </summary>
    public sealed class ConnectionOptions : IEquatable<ConnectionOptions>
    {
        public string? Region { get; set; }
        public string? ProfileName { get; set; }
        public string? ProfileLocation { get; set; }
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }
        /// <summary>An AWS Tools credentials object (any AWSSDK.Core build); read by duck typing.</summary>
        public object? Credential { get; set; }
        public string? EndpointUrl { get; set; }
        /// <summary>The caller's $StoredAWSCredentials, if set.</summary>
        public object? StoredCredentials { get; set; }
        /// <summary>The caller's $StoredAWSRegion, if set.</summary>
        public string? StoredRegion { get; set; }
        /// <summary>Environment variables to use instead of the process's (tests); null = the process's.</summary>
        public IReadOnlyDictionary<string, string>? Environment { get; set; }
        /// <summary>Where diagnostics go: Debug (credential and region sources, retries) and Verbose (each call).</summary>
        public Action<string>? WriteDebug { get; set; }
        public Action<string>? WriteVerbose { get; set; }

        /// <summary>The same credentials and endpoint in another region (every other field copied as it is).</summary>
        public ConnectionOptions InRegion(string region)
        {
            var copy = (ConnectionOptions)MemberwiseClone();
            copy.Region = region;
            return copy;
        }

        /// <summary>Same connection: secrets are compared in memory only and never shown.</summary>
        public bool Equals(ConnectionOptions? other) =>
            other != null
            && Region == other.Region && ProfileName == other.ProfileName && ProfileLocation == other.ProfileLocation
            && AccessKey == other.AccessKey && SecretKey == other.SecretKey && SessionToken == other.SessionToken
            && EndpointUrl == other.EndpointUrl && StoredRegion == other.StoredRegion
            && ReferenceEquals(Credential, other.Credential) && ReferenceEquals(StoredCredentials, other.StoredCredentials)
            && ReferenceEquals(Environment, other.Environment);

        public override bool Equals(object? obj) => Equals(obj as ConnectionOptions);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = 17;
                foreach (var text in new[] { Region, ProfileName, ProfileLocation, AccessKey, SecretKey, SessionToken, EndpointUrl, StoredRegion })
                {
                    hash = (hash * 31) + (text == null ? 0 : StringComparer.Ordinal.GetHashCode(text));
                }

                foreach (var reference in new object?[] { Credential, StoredCredentials, Environment })
                {
                    hash = (hash * 31) + (reference == null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(reference));
                }

                return hash;
            }
        }
    }
}
