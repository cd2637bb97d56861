using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// The module's dependencies/ layout, built from the bridge's and loader's build outputs exactly as it must be
    /// published, with the process's shared config file prepared before AWSSDK.Core first reads it.
    /// </summary>
    public sealed class SdkLayout
    {
        public SdkLayout()
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            string root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "LambdaPermTools.sln")))
            {
                root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
            }

            Directory = Path.Combine(ProcessSetup.SdkProcessDirectory, "dependencies");
            System.IO.Directory.CreateDirectory(Directory);
            foreach (string file in System.IO.Directory.GetFiles(Path.Combine(root, "src", "LambdaPermTools.Aws.Sdk", "bin", configuration, "netstandard2.0"), "*.dll"))
            {
                if (!Path.GetFileName(file).StartsWith("LambdaPermTools.", StringComparison.Ordinal) || Path.GetFileName(file) == "LambdaPermTools.Aws.Sdk.dll")
                {
                    File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)), overwrite: true);
                }
            }

            File.Copy(Path.Combine(root, "src", "LambdaPermTools.Aws.Loader", "bin", configuration, "net8.0", "LambdaPermTools.Aws.Loader.dll"),
                Path.Combine(Directory, "LambdaPermTools.Aws.Loader.dll"), overwrite: true);

            // credential_process (https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html) answering the local server's keys.
            string process = Path.Combine(ProcessSetup.SdkProcessDirectory, "credential-process.sh");
            File.WriteAllText(process, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"" + LocalAwsServer.AccessKey + "\", \"SecretAccessKey\": \"" +
                LocalAwsServer.SecretKey + "\", \"SessionToken\": \"process-token\"}'\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(process, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            ConfigFile = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")!;
            File.WriteAllText(ConfigFile, $"[profile proc]\ncredential_process = {process}\nregion = eu-north-1\n\n" +
                "[profile assumer]\nrole_arn = arn:aws:iam::123456789012:role/lpt-assumed\nsource_profile = base\nregion = us-east-1\n\n" +
                "[profile sso]\nsso_start_url = https://lpt-example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\nregion = us-east-1\n");
            CredentialsFile = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")!;
            File.WriteAllText(CredentialsFile, "[base]\naws_access_key_id = AKBASE\naws_secret_access_key = s-base\n");
        }

        public string Directory { get; }
        public string ConfigFile { get; }
        public string CredentialsFile { get; }
    }

    /// <summary>
    /// AWSSDK.Core isolation beside AWS Tools (docs/powershell-rules.md §14): this test assembly references AWSSDK.Core
    /// 3.7 (assembly 3.3.0.0, what AWS Tools V4 loads into the default context); our bridge must load its own 4.x in a
    /// private load context and resolve SDK-only profile kinds with it.
    /// </summary>
    [Collection("moto")]
    public class SdkBridgeTests : IClassFixture<SdkLayout>
    {
        private readonly SdkLayout _layout;
        private readonly MotoServer _moto;

        public SdkBridgeTests(SdkLayout layout, MotoServer moto)
        {
            _layout = layout;
            _moto = moto;
        }

        private ConnectionOptions ProfileOptions(TestEnvironment env, string profile, System.Collections.Generic.List<string>? debug = null)
        {
            env.Variables["AWS_CONFIG_FILE"] = _layout.ConfigFile;
            env.Variables["AWS_SHARED_CREDENTIALS_FILE"] = _layout.CredentialsFile;
            var options = env.Options(debug);
            options.ProfileName = profile;
            return options;
        }

        private HttpSettings WithBridge()
        {
            var settings = TestEnvironment.Settings();
            settings.Bridge = () => SdkBridgeLoader.TryLoad(_layout.Directory);
            return settings;
        }

        [Fact]
        public void BridgeLoadsItsOwnAwsSdkCoreBesideAnotherInTheDefaultContext()
        {
            var v3 = typeof(Amazon.Runtime.BasicAWSCredentials).Assembly; // as if AWS Tools V4 were imported first
            Assert.Equal(new Version(3, 3, 0, 0), v3.GetName().Version);

            var bridge = SdkBridgeLoader.TryLoad(_layout.Directory);
            Assert.True(bridge != null, SdkBridgeLoader.LastFailure);
            var bridgeContext = AssemblyLoadContext.GetLoadContext(bridge!.GetType().Assembly)!;
            Assert.NotSame(AssemblyLoadContext.Default, bridgeContext);
            var v4 = bridgeContext.Assemblies.Single(a => a.GetName().Name == "AWSSDK.Core");
            Assert.Equal(new Version(4, 0, 0, 0), v4.GetName().Version);
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(v3));
            // The port interface is shared with the module (one type identity), the framework too.
            Assert.Same(typeof(ISdkBridge).Assembly, bridge.GetType().GetInterfaces().Single(i => i.Name == nameof(ISdkBridge)).Assembly);
            Assert.DoesNotContain(bridgeContext.Assemblies, a => a.GetName().Name == "System.Text.Json" || a.GetName().Name == "LambdaPermTools.Aws");
        }

        [Fact]
        public async Task CredentialProcessProfileResolvesThroughAwsSdkCoreAndSignsRequests()
        {
            using var server = new LocalAwsServer(_ => Reply.Json("{\"item\":[]}"));
            using var env = new TestEnvironment();
            var debug = new System.Collections.Generic.List<string>();
            var options = ProfileOptions(env, "proc", debug);
            options.EndpointUrl = server.Url;
            using var services = new SignedHttpServicesFactory(WithBridge()).Create(options);
            Assert.Equal("eu-north-1", services.Region);
            await services.ApiGateway.GetStagesAsync("a", CancellationToken.None);
            Assert.Empty(server.SignatureFailures);
            Assert.Equal("process-token", server.Requests.Single().Header("X-Amz-Security-Token"));
            Assert.Contains("Credentials obtained from profile 'proc' (-ProfileName) via AWSSDK.Core", debug);
        }

        [Fact]
        public async Task AssumeRoleProfileIsResolvedByAwsSdkCore()
        {
            // AWSSDK.Core's STS client reads the process environment; moto answers AssumeRole for any role ARN.
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", _moto.Url);
            try
            {
                using var env = new TestEnvironment();
                var options = ProfileOptions(env, "assumer");
                options.EndpointUrl = _moto.Url;
                using var services = new SignedHttpServicesFactory(WithBridge()).Create(options);
                var identity = await services.Sts.GetCallerIdentityAsync(CancellationToken.None);
                Assert.StartsWith("arn:aws:sts::123456789012:assumed-role/lpt-assumed/", identity.Arn);
            }
            finally
            {
                Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", null);
            }
        }

        [Fact]
        public void SsoProfileWithoutAValidTokenIsSsoTokenExpired()
        {
            using var env = new TestEnvironment();
            var ex = Assert.Throws<ConnectionException>(() => new SignedHttpServicesFactory(WithBridge()).Create(ProfileOptions(env, "sso")));
            Assert.Equal(ErrorId.SsoTokenExpired, ex.ErrorId);
            Assert.StartsWith("SSO Token has expired. Please login by running Invoke-AWSSSOLogin.", ex.Message);
        }

        [Fact]
        public void CredentialObjectsOfTheIsolatedAwsSdkCoreAreReadToo()
        {
            var bridge = SdkBridgeLoader.TryLoad(_layout.Directory)!;
            var v4 = AssemblyLoadContext.GetLoadContext(bridge.GetType().Assembly)!.Assemblies.Single(a => a.GetName().Name == "AWSSDK.Core");
            object credentials = Activator.CreateInstance(v4.GetType("Amazon.Runtime.SessionAWSCredentials", throwOnError: true)!, "AKV4", "s-v4", "t-v4")!;
            using var env = new TestEnvironment();
            var options = env.Options();
            options.Credential = credentials;
            var keys = new CredentialResolver(options, new EnvironmentVariables(env.Variables), new SharedConfigFiles(env.CredentialsFile, env.ConfigFile), () => bridge)
                .Resolve().Source.GetCredentials();
            Assert.Equal(("AKV4", "s-v4", "t-v4"), (keys.AccessKey, keys.SecretKey, keys.SessionToken));
        }

        [Fact]
        public void DefaultChainWithNothingConfiguredIsNoCredentials()
        {
            using var env = new TestEnvironment();
            var bridge = SdkBridgeLoader.TryLoad(_layout.Directory);
            var ex = Assert.Throws<ConnectionException>(() =>
                new CredentialResolver(env.Options(), new EnvironmentVariables(env.Variables), new SharedConfigFiles(env.CredentialsFile, env.ConfigFile), () => bridge).Resolve());
            Assert.Equal(ErrorId.NoCredentials, ex.ErrorId);
        }

        [Fact]
        public void MissingDependenciesFolderIsReportedNotThrown()
        {
            Assert.Null(SdkBridgeLoader.TryLoad(Path.Combine(_layout.Directory, "nowhere")));
            Assert.Contains("LambdaPermTools.Aws.Sdk.dll", SdkBridgeLoader.LastFailure);
        }
    }
}
