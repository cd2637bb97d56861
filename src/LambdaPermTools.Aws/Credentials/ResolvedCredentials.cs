namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>Where the credentials came from (for Debug and the rate-limiter key) and the profile whose region applies.</summary>
    internal sealed class ResolvedCredentials
    {
        public ResolvedCredentials(ICredentialSource source, string description, string? profileName)
        {
            Source = source;
            Description = description;
            ProfileName = profileName;
        }

        public ICredentialSource Source { get; }
        /// <summary>Human-readable origin, never a secret: "environment variables", "profile 'dev' (…)".</summary>
        public string Description { get; }
        /// <summary>The profile the credentials came from, if any; its region is the profile region.</summary>
        public string? ProfileName { get; }
    }
}
