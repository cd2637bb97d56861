using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.Util;
using LambdaPermTools.Aws.Credentials;

namespace LambdaPermTools.Aws.Sdk
{
    /// <summary>
    /// AWSSDK.Core's resolvers behind the module's <see cref="ISdkBridge"/>: created by reflection from
    /// SdkBridgeLoader, inside the private load context. Nothing here re-implements what the SDK does.
    /// </summary>
    public sealed class SdkBridge : ISdkBridge
    {
        public ICredentialSource? ProfileCredentials(string profileName, string credentialsFile)
        {
            var chain = new CredentialProfileStoreChain(credentialsFile);
            return chain.TryGetAWSCredentials(profileName, out AWSCredentials credentials) ? new SdkCredentialSource(credentials) : null;
        }

        public ICredentialSource? DefaultChainCredentials()
        {
            AWSCredentials? credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
            return credentials == null ? null : new SdkCredentialSource(credentials);
        }

        public string? InstanceMetadataRegion() => EC2InstanceMetadata.Region?.SystemName;

        /// <summary>Asks the SDK object on every request, so its own refresh (assumed roles, SSO, IMDS) applies.</summary>
        private sealed class SdkCredentialSource : ICredentialSource
        {
            private readonly AWSCredentials _credentials;

            public SdkCredentialSource(AWSCredentials credentials) => _credentials = credentials;

            public AwsCredentials GetCredentials()
            {
                ImmutableCredentials c = _credentials.GetCredentials();
                return new AwsCredentials(c.AccessKey, c.SecretKey, c.Token);
            }
        }
    }
}
