using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>
    /// A temp folder with its own shared credentials/config files and an injected environment that points at them,
    /// with instance metadata disabled (so "no credentials"/"no region" fail fast and never reach 169.254.169.254).
    /// </summary>
    internal sealed class TestEnvironment : IDisposable
    {
        public TestEnvironment()
        {
            Directory = Path.Combine(Path.GetTempPath(), "lpt-aws-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            CredentialsFile = Path.Combine(Directory, "credentials");
            ConfigFile = Path.Combine(Directory, "config");
            Variables = new Dictionary<string, string>
            {
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_SHARED_CREDENTIALS_FILE"] = CredentialsFile,
                ["AWS_CONFIG_FILE"] = ConfigFile,
                ["HOME"] = Directory,
            };
        }

        public string Directory { get; }
        public string CredentialsFile { get; }
        public string ConfigFile { get; }
        public Dictionary<string, string> Variables { get; }

        public TestEnvironment Credentials(string text) { File.WriteAllText(CredentialsFile, text); return this; }
        public TestEnvironment Config(string text) { File.WriteAllText(ConfigFile, text); return this; }
        public TestEnvironment Set(string name, string value) { Variables[name] = value; return this; }

        /// <summary>Options with this environment and nothing else; the caller adds what the test is about.</summary>
        public ConnectionOptions Options(List<string>? debug = null) => new ConnectionOptions
        {
            Environment = Variables,
            WriteDebug = debug == null ? null : debug.Add,
        };

        public void Dispose()
        {
            try
            { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
        }

        /// <summary>
        /// The Python with moto (server mode), boto3/botocore and the AWS CLI: the one build.ps1 found
        /// (tests/Support/Python.psm1) and passes in LPT_PYTHON, else python3 from PATH (a plain `dotnet test`).
        /// </summary>
        public static string Python =>
            Environment.GetEnvironmentVariable("LPT_PYTHON") is { Length: > 0 } python ? python : "python3";

        /// <summary>Settings for tests: no bridge unless a test asks for one, and no real waiting.</summary>
        public static HttpSettings Settings(FakeClock? clock = null, int? pageSize = null)
        {
            clock ??= new FakeClock();
            return new HttpSettings
            {
                Clock = clock,
                RateLimits = new RateLimiterRegistry(clock),
                Random = () => 0.5,
                PageSize = pageSize,
                Bridge = () => null,
                AttemptTimeout = TimeSpan.FromSeconds(10),
            };
        }
    }

    internal static class ProcessSetup
    {
        /// <summary>
        /// The SDK bridge reads the process environment (AWSSDK.Core caches the file locations when it loads), so the
        /// process itself must never reach real files or instance metadata.
        /// </summary>
        [ModuleInitializer]
        internal static void IsolateProcess()
        {
            SdkProcessDirectory = Path.Combine(Path.GetTempPath(), "lpt-aws-sdk-" + Environment.ProcessId);
            System.IO.Directory.CreateDirectory(SdkProcessDirectory);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(SdkProcessDirectory, "credentials"));
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(SdkProcessDirectory, "config"));
            foreach (string name in new[] { "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
                "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN" })
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        public static string SdkProcessDirectory { get; private set; } = "";
    }
}
