using System;
using System.Collections.Generic;
using System.IO;

namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>One profile's settings merged from the credentials file and the config file (credentials file wins).</summary>
    internal sealed class SharedProfile
    {
        public SharedProfile(string name, IReadOnlyDictionary<string, string> settings)
        {
            Name = name;
            Settings = settings;
        }

        public string Name { get; }
        public IReadOnlyDictionary<string, string> Settings { get; }

        public string? this[string key] => Settings.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

        /// <summary>Static keys in the profile itself; null when the profile gets credentials another way.</summary>
        public AwsCredentials? StaticKeys =>
            this["aws_access_key_id"] is string ak && this["aws_secret_access_key"] is string sk
                ? new AwsCredentials(ak, sk, this["aws_session_token"])
                : null;

        /// <summary>An SSO profile (sso_session or sso_start_url): its failures mean the user must log in again.</summary>
        public bool IsSso => this["sso_session"] != null || this["sso_start_url"] != null;
    }

    /// <summary>
    /// Reads the shared credentials and config files (ini): credentials-file sections are [name], config-file sections
    /// are [default] or [profile name] (https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html).
    /// A missing file is an empty file.
    /// </summary>
    internal sealed class SharedConfigFiles
    {
        private readonly Dictionary<string, Dictionary<string, string>> _credentials;
        private readonly Dictionary<string, Dictionary<string, string>> _config;

        public SharedConfigFiles(string credentialsFile, string configFile)
        {
            CredentialsFile = credentialsFile;
            ConfigFile = configFile;
            _credentials = Parse(credentialsFile, isConfig: false);
            _config = Parse(configFile, isConfig: true);
        }

        public string CredentialsFile { get; }
        public string ConfigFile { get; }

        public SharedProfile? Find(string name)
        {
            bool inCredentials = _credentials.TryGetValue(name, out var fromCredentials);
            bool inConfig = _config.TryGetValue(name, out var fromConfig);
            if (!inCredentials && !inConfig)
            {
                return null;
            }

            var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (fromConfig != null)
            {
                foreach (var kv in fromConfig)
                {
                    merged[kv.Key] = kv.Value;
                }
            }

            if (fromCredentials != null)
            {
                foreach (var kv in fromCredentials)
                {
                    merged[kv.Key] = kv.Value;
                }
            }

            return new SharedProfile(name, merged);
        }

        private static Dictionary<string, Dictionary<string, string>> Parse(string path, bool isConfig)
        {
            var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            if (!File.Exists(path))
            {
                return sections;
            }

            Dictionary<string, string>? current = null;
            foreach (string raw in File.ReadAllLines(path))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                {
                    continue;
                }

                if (line[0] == '[' && line.EndsWith("]", StringComparison.Ordinal))
                {
                    string? name = SectionProfileName(line.Substring(1, line.Length - 2).Trim(), isConfig);
                    current = null;
                    if (name == null)
                    {
                        continue;
                    }

                    if (!sections.TryGetValue(name, out current))
                    {
                        sections[name] = current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    }

                    continue;
                }
                int eq = line.IndexOf('=');
                // Indented lines without '=' continue a nested setting (e.g. "s3 =" blocks); we never need them.
                if (current == null || eq <= 0 || char.IsWhiteSpace(raw[0]))
                {
                    continue;
                }

                current[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
            }
            return sections;
        }

        /// <summary>The profile a section header names, or null for other sections ([sso-session x], [services x]).</summary>
        private static string? SectionProfileName(string header, bool isConfig)
        {
            if (!isConfig)
            {
                return header;
            }

            if (header == "default")
            {
                return header;
            }

            if (header.StartsWith("profile ", StringComparison.Ordinal))
            {
                return header.Substring(8).Trim();
            }

            return null;
        }
    }
}
