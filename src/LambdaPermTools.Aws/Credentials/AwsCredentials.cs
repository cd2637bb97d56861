namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>One set of AWS keys. <see cref="ToString"/> never shows the secret or the token.</summary>
    public sealed class AwsCredentials
    {
        public AwsCredentials(string accessKey, string secretKey, string? sessionToken)
        {
            AccessKey = accessKey;
            SecretKey = secretKey;
            SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
        }

        public string AccessKey { get; }
        public string SecretKey { get; }
        public string? SessionToken { get; }

        public override string ToString() => "AwsCredentials(" + AccessKey + ")";
    }

    /// <summary>Gives current credentials; refreshing sources (assumed roles, SSO, instance profiles) may return new ones on each call.</summary>
    public interface ICredentialSource
    {
        AwsCredentials GetCredentials();
    }

    /// <summary>Credentials that never change (explicit keys, environment, static profile keys).</summary>
    internal sealed class StaticCredentialSource : ICredentialSource
    {
        private readonly AwsCredentials _credentials;
        public StaticCredentialSource(AwsCredentials credentials) => _credentials = credentials;
        public AwsCredentials GetCredentials() => _credentials;
    }

    /// <summary>
    /// What the AWSSDK.Core bridge (LambdaPermTools.Aws.Sdk, loaded in isolation from the module's dependencies/
    /// folder) offers: the credential kinds we deliberately do not re-implement.
    /// </summary>
    public interface ISdkBridge
    {
        /// <summary>Credentials of a profile resolved by AWSSDK.Core (role_arn/source_profile, credential_process, SSO, web identity); null when the SDK does not know the profile.</summary>
        ICredentialSource? ProfileCredentials(string profileName, string credentialsFile);

        /// <summary>The SDK's default chain, used last: web identity, container and instance-profile credentials; null when it finds none.</summary>
        ICredentialSource? DefaultChainCredentials();

        /// <summary>The region from EC2 instance metadata, or null.</summary>
        string? InstanceMetadataRegion();
    }
}
