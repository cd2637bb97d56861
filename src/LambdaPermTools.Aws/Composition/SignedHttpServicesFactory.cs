using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Endpoints;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Composition
{
    /// <summary>
    /// The real factory: resolves credentials, region and endpoints in the contract's order, then hands out signed,
    /// paged, throttle-aware HTTPS clients for API Gateway, Lambda, IAM and STS. Throws <see cref="ConnectionException"/>
    /// for what the cmdlets must terminate on (NoCredentials, ProfileNotFound, SsoTokenExpired, NoRegion, InvalidRegion, InvalidEndpoint).
    /// </summary>
    public sealed class SignedHttpServicesFactory : IAwsServicesFactory
    {
        public static readonly SignedHttpServicesFactory Instance = new SignedHttpServicesFactory(HttpSettings.Default);

        private readonly HttpSettings _settings;

        internal SignedHttpServicesFactory(HttpSettings settings) => _settings = settings;

        public IAwsServices Create(ConnectionOptions options)
        {
            var env = new EnvironmentVariables(options.Environment);
            var files = new SharedConfigFiles(env.ExpandHome(options.ProfileLocation) ?? env.CredentialsFile, env.ConfigFile);
            var endpoints = new EndpointResolver(options.EndpointUrl, env);

            var credentials = new CredentialResolver(options, env, files, _settings.Bridge).Resolve();
            options.WriteDebug?.Invoke("Credentials obtained from " + credentials.Description);
            var (region, regionSource) = RegionResolver.Resolve(options, env, files, credentials.ProfileName, _settings.Bridge);
            options.WriteDebug?.Invoke($"Region obtained from {regionSource} with value '{region}'");

            var profile = files.Find(credentials.ProfileName ?? env.Get("AWS_PROFILE") ?? "default");
            var retry = RetrySettings.From(env, profile);
            options.WriteDebug?.Invoke(retry.Describe());

            var redactor = new SecretRedactor();
            var current = credentials.Source.GetCredentials();
            redactor.Add(current.SecretKey);
            redactor.Add(current.SessionToken);
            if (profile != null && credentials.ProfileName == profile.Name)
            {
                foreach (string token in SsoTokenCache.Secrets(profile, env.HomeDirectory))
                {
                    redactor.Add(token);
                }
            }

            var context = new ConnectionContext(_settings, credentials.Source, current.AccessKey, retry, endpoints, redactor, options.WriteDebug, options.WriteVerbose);
            return new SignedHttpServices(context, region);
        }
    }
}
