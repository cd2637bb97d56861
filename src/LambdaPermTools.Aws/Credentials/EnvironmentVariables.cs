using System;
using System.Collections.Generic;
using System.IO;

namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>Environment lookups against an injected dictionary (tests) or the process environment. Empty counts as unset.</summary>
    internal sealed class EnvironmentVariables
    {
        private readonly IReadOnlyDictionary<string, string>? _injected;

        public EnvironmentVariables(IReadOnlyDictionary<string, string>? injected) => _injected = injected;

        public string? Get(string name)
        {
            string? value;
            if (_injected != null)
            {
                _injected.TryGetValue(name, out value);
            }
            else
            {
                value = Environment.GetEnvironmentVariable(name);
            }

            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        public bool IsTrue(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);

        public string HomeDirectory =>
            Get("HOME") ?? Get("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        /// <summary>AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials (https://docs.aws.amazon.com/sdkref/latest/guide/file-location.html).</summary>
        public string CredentialsFile => ExpandHome(Get("AWS_SHARED_CREDENTIALS_FILE")) ?? Path.Combine(HomeDirectory, ".aws", "credentials");

        /// <summary>AWS_CONFIG_FILE, else ~/.aws/config.</summary>
        public string ConfigFile => ExpandHome(Get("AWS_CONFIG_FILE")) ?? Path.Combine(HomeDirectory, ".aws", "config");

        public string? ExpandHome(string? path)
        {
            if (path == null)
            {
                return null;
            }

            if (path == "~")
            {
                return HomeDirectory;
            }

            if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
            {
                return Path.Combine(HomeDirectory, path.Substring(2));
            }

            return path;
        }
    }
}
