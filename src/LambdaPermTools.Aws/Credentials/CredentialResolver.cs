using System;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>
    /// The contract's credential order (cmdlet-contract.md "AWS connection parameters"; conventions §3–§4):
    /// explicit keys; -ProfileName; -Credential; $StoredAWSCredentials; environment keys; AWS_PROFILE; the default
    /// profile; container and instance credentials. A named profile that is missing is an error, never a fall-back.
    /// Static profile keys are read here; every other profile kind goes to AWSSDK.Core through the bridge.
    /// </summary>
    internal sealed class CredentialResolver
    {
        private readonly ConnectionOptions _options;
        private readonly EnvironmentVariables _env;
        private readonly SharedConfigFiles _files;
        private readonly Func<ISdkBridge?> _bridge;

        public CredentialResolver(ConnectionOptions options, EnvironmentVariables env, SharedConfigFiles files, Func<ISdkBridge?> bridge)
        {
            _options = options;
            _env = env;
            _files = files;
            _bridge = bridge;
        }

        public ResolvedCredentials Resolve()
        {
            if (_options.AccessKey != null || _options.SecretKey != null)
            {
                if (string.IsNullOrEmpty(_options.AccessKey) || string.IsNullOrEmpty(_options.SecretKey))
                {
                    throw new ConnectionException(ErrorId.NoCredentials, "-AccessKey and -SecretKey must be given together.");
                }

                return Static(new AwsCredentials(_options.AccessKey!, _options.SecretKey!, _options.SessionToken), "the -AccessKey/-SecretKey parameters");
            }

            if (!string.IsNullOrEmpty(_options.ProfileName))
            {
                return FromProfile(_options.ProfileName!, "-ProfileName");
            }

            if (_options.Credential != null)
            {
                var source = DuckTypedCredentialSource.TryCreate(_options.Credential)
                    ?? throw new ConnectionException(ErrorId.NoCredentials, "The -Credential object has no readable AccessKey/SecretKey (expected an AWS Tools AWSCredentials object).");
                return new ResolvedCredentials(source, "the -Credential parameter", null);
            }

            if (_options.StoredCredentials != null)
            {
                return FromStoredCredentials(_options.StoredCredentials);
            }

            string? envAccessKey = _env.Get("AWS_ACCESS_KEY_ID");
            string? envSecretKey = _env.Get("AWS_SECRET_ACCESS_KEY");
            if (envAccessKey != null && envSecretKey != null)
            {
                return Static(new AwsCredentials(envAccessKey, envSecretKey, _env.Get("AWS_SESSION_TOKEN")), "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
            }

            if (_env.Get("AWS_PROFILE") is string envProfile)
            {
                return FromProfile(envProfile, "AWS_PROFILE");
            }

            if (_files.Find("default") != null)
            {
                return FromProfile("default", "the default profile");
            }

            return FromSdkDefaultChain();
        }

        private ResolvedCredentials FromStoredCredentials(object stored)
        {
            string? name = stored.ToString();
            if (!string.IsNullOrEmpty(name) && _files.Find(name!) != null)
            {
                return FromProfile(name!, "$StoredAWSCredentials");
            }

            var source = DuckTypedCredentialSource.TryCreateFromStored(stored)
                ?? throw new ConnectionException(ErrorId.NoCredentials,
                    "The session's $StoredAWSCredentials names no profile in " + _files.CredentialsFile + " or " + _files.ConfigFile +
                    " and its keys cannot be read. Run Set-AWSCredential -ProfileName <name>, or pass -ProfileName or -AccessKey/-SecretKey.");
            return new ResolvedCredentials(source, "$StoredAWSCredentials", null);
        }

        private ResolvedCredentials FromProfile(string name, string via)
        {
            var profile = _files.Find(name) ?? throw new ConnectionException(ErrorId.ProfileNotFound,
                $"The profile '{name}' ({via}) was not found in {_files.CredentialsFile} or {_files.ConfigFile}. " +
                "Check the name, or create it with Set-AWSCredential or 'aws configure'.");
            string description = $"profile '{name}' ({via})";
            if (profile.StaticKeys is AwsCredentials keys)
            {
                return new ResolvedCredentials(new StaticCredentialSource(keys), description, name);
            }

            var bridge = RequireBridge(description);
            try
            {
                var source = bridge.ProfileCredentials(name, _files.CredentialsFile)
                    ?? throw new ConnectionException(ErrorId.NoCredentials, $"The {description} defines no credentials.");
                source.GetCredentials(); // fail here, at connection time, not on the first AWS call
                return new ResolvedCredentials(source, description + " via AWSSDK.Core", name);
            }
            catch (Exception ex) when (!(ex is ConnectionException) && profile.IsSso)
            {
                throw new ConnectionException(ErrorId.SsoTokenExpired,
                    $"SSO Token has expired. Please login by running Invoke-AWSSSOLogin. ({description}: {ex.Message})", ex);
            }
            catch (Exception ex) when (!(ex is ConnectionException))
            {
                throw new ConnectionException(ErrorId.NoCredentials, $"The {description} could not supply credentials: {ex.Message}", ex);
            }
        }

        private ResolvedCredentials FromSdkDefaultChain()
        {
            const string NoneFound = "No AWS credentials were found. Pass -AccessKey/-SecretKey or -ProfileName, run Set-AWSCredential, " +
                "or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE.";
            var bridge = _bridge();
            if (bridge == null)
            {
                throw new ConnectionException(ErrorId.NoCredentials, NoneFound);
            }

            try
            {
                var source = bridge.DefaultChainCredentials() ?? throw new ConnectionException(ErrorId.NoCredentials, NoneFound);
                source.GetCredentials();
                return new ResolvedCredentials(source, "container or instance credentials (AWSSDK.Core default chain)", null);
            }
            catch (Exception ex) when (!(ex is ConnectionException))
            {
                throw new ConnectionException(ErrorId.NoCredentials, NoneFound + " (AWSSDK.Core: " + ex.Message + ")", ex);
            }
        }

        private ISdkBridge RequireBridge(string description) =>
            _bridge() ?? throw new ConnectionException(ErrorId.NoCredentials,
                $"The {description} needs AWSSDK.Core (assumed role, credential_process, SSO or web identity), " +
                "but the module's dependencies folder could not be loaded: " + (SdkBridgeLoader.LastFailure ?? "not found") + ".");

        private static ResolvedCredentials Static(AwsCredentials credentials, string description) =>
            new ResolvedCredentials(new StaticCredentialSource(credentials), description, null);
    }
}
