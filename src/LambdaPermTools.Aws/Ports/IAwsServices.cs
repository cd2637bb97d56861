using System;
using System.Collections.Generic;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>
    /// The AWS connection parameters of a cmdlet (same names and meaning as AWS Tools for PowerShell)
    /// plus the caller's session values, which the cmdlet reads at the start of each invocation.
    /// </summary>
    public sealed class ConnectionOptions
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
    }

    /// <summary>The ports for one resolved connection. Lambda is per region: a function may live in another region than the API.</summary>
    public interface IAwsServices : IDisposable
    {
        /// <summary>The resolved region (the API's region).</summary>
        string Region { get; }
        /// <summary>The partition of that region: aws, aws-cn, aws-us-gov.</summary>
        string Partition { get; }
        IApiGatewayPort ApiGateway { get; }
        ILambdaPort Lambda(string region);
        IIamPort Iam { get; }
        IStsPort Sts { get; }
    }

    /// <summary>Creates the ports for a connection. Terminating problems (no credentials, no region, unknown profile) throw <see cref="ConnectionException"/>.</summary>
    public interface IAwsServicesFactory
    {
        IAwsServices Create(ConnectionOptions options);
    }

    /// <summary>Why no connection could be made; the cmdlets turn it into a terminating error with <see cref="ErrorId"/>.</summary>
    public sealed class ConnectionException : Exception
    {
        public ConnectionException(string errorId, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
        }

        /// <summary>NoCredentials, ProfileNotFound, SsoTokenExpired, NoRegion, InvalidEndpoint.</summary>
        public string ErrorId { get; }
    }
}
