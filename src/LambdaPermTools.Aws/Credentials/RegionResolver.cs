using System;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>
    /// The contract's region order: -Region; $StoredAWSRegion; the profile's region; AWS_REGION / AWS_DEFAULT_REGION;
    /// instance metadata. None: a terminating NoRegion that says how to set one.
    /// </summary>
    internal static class RegionResolver
    {
        /// <summary>The region and where it came from.</summary>
        public static (string Region, string Source) Resolve(
            ConnectionOptions options, EnvironmentVariables env, SharedConfigFiles files, string? credentialProfile, Func<ISdkBridge?> bridge)
        {
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                return Checked(options.Region!, "-Region");
            }

            if (!string.IsNullOrWhiteSpace(options.StoredRegion))
            {
                return Checked(options.StoredRegion!, "$StoredAWSRegion");
            }

            string profileName = credentialProfile ?? env.Get("AWS_PROFILE") ?? "default";
            if (files.Find(profileName)?["region"] is string profileRegion)
            {
                return Checked(profileRegion, $"profile '{profileName}'");
            }

            if (env.Get("AWS_REGION") is string awsRegion)
            {
                return Checked(awsRegion, "AWS_REGION");
            }

            if (env.Get("AWS_DEFAULT_REGION") is string defaultRegion)
            {
                return Checked(defaultRegion, "AWS_DEFAULT_REGION");
            }

            if (!env.IsTrue("AWS_EC2_METADATA_DISABLED") && bridge()?.InstanceMetadataRegion() is string imds)
            {
                return Checked(imds, "EC2 instance metadata");
            }

            throw new ConnectionException(ErrorId.NoRegion,
                "No region specified or obtained from persisted/shell defaults. Pass -Region, run Set-DefaultAWSRegion, " +
                "or set the AWS_REGION environment variable.");
        }

        private static (string, string) Checked(string region, string source)
        {
            region = RegionNames.Normalize(region);
            if (!RegionNames.IsValid(region))
            {
                throw new ConnectionException(ErrorId.InvalidRegion, $"'{region}' (from {source}) is not an AWS region name such as us-east-1.");
            }

            return (region, source);
        }
    }
}
