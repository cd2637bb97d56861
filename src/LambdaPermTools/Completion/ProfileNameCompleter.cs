using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace LambdaPermTools.Completion
{
    /// <summary>
    /// Completes -ProfileName offline from the section names of the shared credentials and config files
    /// (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else ~/.aws/…; -ProfileLocation replaces the credentials file).
    /// </summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var credentials = fakeBoundParameters?["ProfileLocation"] as string
                ?? Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(home, ".aws", "credentials");
            var config = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? Path.Combine(home, ".aws", "config");
            var names = Sections(credentials, isConfig: false).Concat(Sections(config, isConfig: true)).Distinct(StringComparer.Ordinal);
            return Completions.Matching(names.Select(n => (n, n)), wordToComplete);
        }

        /// <summary>Profile names in an ini file: [name] in credentials; [profile name] or [default] in config (not [sso-session …] or [services …]).</summary>
        internal static IEnumerable<string> Sections(string path, bool isConfig)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                yield break;
            }

            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length < 3 || line[0] != '[' || line[line.Length - 1] != ']')
                {
                    continue;
                }

                var name = line.Substring(1, line.Length - 2).Trim();
                if (!isConfig || name == "default")
                {
                    yield return name;
                }
                else if (name.StartsWith("profile ", StringComparison.Ordinal))
                {
                    yield return name.Substring("profile ".Length).Trim();
                }
            }
        }
    }
}
