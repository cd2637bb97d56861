using System;
using System.Collections.Generic;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>The contract's credential order (cmdlet-contract.md "AWS connection parameters"; conventions §3, §4).</summary>
    public class CredentialPrecedenceTests : IDisposable
    {
        private readonly TestEnvironment _env = new TestEnvironment()
            .Credentials("[default]\naws_access_key_id = AKDEFAULT\naws_secret_access_key = s-default\n\n[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = s-dev\naws_session_token = t-dev\n")
            .Config("[default]\nregion = eu-west-1\n\n[profile ops]\naws_access_key_id = AKOPS\naws_secret_access_key = s-ops\nregion = ap-southeast-2\n\n[ops2]\naws_access_key_id = AKNOTAPROFILE\naws_secret_access_key = x\n\n[profile assumer]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = dev\n");

        public void Dispose() => _env.Dispose();

        private ResolvedCredentials Resolve(Action<ConnectionOptions>? adjust = null)
        {
            var options = _env.Options();
            adjust?.Invoke(options);
            var env = new EnvironmentVariables(options.Environment);
            return new CredentialResolver(options, env, new SharedConfigFiles(options.ProfileLocation ?? env.CredentialsFile, env.ConfigFile), () => null).Resolve();
        }

        private string AccessKeyOf(Action<ConnectionOptions>? adjust = null) => Resolve(adjust).Source.GetCredentials().AccessKey;

        private void WithEnvironmentKeys() => _env.Set("AWS_ACCESS_KEY_ID", "AKENV").Set("AWS_SECRET_ACCESS_KEY", "s-env");

        [Fact]
        public void ExplicitKeysComeFirst()
        {
            WithEnvironmentKeys();
            _env.Set("AWS_PROFILE", "dev");
            var resolved = Resolve(o => { o.AccessKey = "AKEXPLICIT"; o.SecretKey = "s"; o.SessionToken = "tok"; o.ProfileName = "dev"; o.Credential = new Amazon.Runtime.BasicAWSCredentials("AKCRED", "s"); });
            Assert.Equal(("AKEXPLICIT", "tok"), (resolved.Source.GetCredentials().AccessKey, resolved.Source.GetCredentials().SessionToken));
        }

        [Fact]
        public void AccessKeyWithoutSecretKeyIsRejected()
        {
            var ex = Assert.Throws<ConnectionException>(() => Resolve(o => o.AccessKey = "AKONLY"));
            Assert.Equal(ErrorId.NoCredentials, ex.ErrorId);
        }

        [Fact]
        public void ProfileNameBeatsCredentialStoredAndEnvironment()
        {
            WithEnvironmentKeys();
            var resolved = Resolve(o => { o.ProfileName = "dev"; o.Credential = new Amazon.Runtime.BasicAWSCredentials("AKCRED", "s"); o.StoredCredentials = "ops"; });
            var keys = resolved.Source.GetCredentials();
            Assert.Equal(("AKDEV", "s-dev", "t-dev"), (keys.AccessKey, keys.SecretKey, keys.SessionToken));
            Assert.Equal("dev", resolved.ProfileName);
        }

        [Fact]
        public void MissingNamedProfileIsProfileNotFoundNeverTheDefault()
        {
            var ex = Assert.Throws<ConnectionException>(() => Resolve(o => o.ProfileName = "nosuch"));
            Assert.Equal(ErrorId.ProfileNotFound, ex.ErrorId);
            Assert.Contains("nosuch", ex.Message);
        }

        [Fact]
        public void ConfigFileProfilesNeedTheProfilePrefix()
        {
            Assert.Equal("AKOPS", AccessKeyOf(o => o.ProfileName = "ops"));
            Assert.Equal(ErrorId.ProfileNotFound, Assert.Throws<ConnectionException>(() => Resolve(o => o.ProfileName = "ops2")).ErrorId);
        }

        [Fact]
        public void ProfileLocationReplacesTheCredentialsFile()
        {
            string other = System.IO.Path.Combine(_env.Directory, "other-credentials");
            System.IO.File.WriteAllText(other, "[elsewhere]\naws_access_key_id = AKELSEWHERE\naws_secret_access_key = s\n");
            Assert.Equal("AKELSEWHERE", AccessKeyOf(o => { o.ProfileName = "elsewhere"; o.ProfileLocation = other; }));
            Assert.Equal(ErrorId.ProfileNotFound, Assert.Throws<ConnectionException>(() => Resolve(o => { o.ProfileName = "dev"; o.ProfileLocation = other; })).ErrorId);
        }

        [Fact]
        public void CredentialObjectFromAnyAwsSdkCoreIsReadByDuckTyping()
        {
            // AWSSDK.Core 3.7 (assembly 3.3.0.0, as AWS Tools V4 loads it) — not a type we compile against.
            WithEnvironmentKeys();
            var keys = Resolve(o => { o.Credential = new Amazon.Runtime.SessionAWSCredentials("AKSESSION", "s-session", "t-session"); o.StoredCredentials = "dev"; })
                .Source.GetCredentials();
            Assert.Equal(("AKSESSION", "s-session", "t-session"), (keys.AccessKey, keys.SecretKey, keys.SessionToken));
        }

        [Fact]
        public void UnreadableCredentialObjectIsAnError()
        {
            Assert.Equal(ErrorId.NoCredentials, Assert.Throws<ConnectionException>(() => Resolve(o => o.Credential = new object())).ErrorId);
        }

        /// <summary>Stands in for AWS Tools' AWSPSCredentials set from keys: ToString() is no profile, the keys sit behind an internal property.</summary>
        private sealed class StoredKeys
        {
            internal Amazon.Runtime.AWSCredentials Credentials { get; } = new Amazon.Runtime.BasicAWSCredentials("AKSTORED", "s-stored");
            public override string ToString() => "";
        }

        /// <summary>Stands in for AWSPSCredentials set from a profile: ToString() is the profile name.</summary>
        private sealed class StoredProfile
        {
            public override string ToString() => "ops";
        }

        [Fact]
        public void StoredCredentialsNamingAProfileUseThatProfile()
        {
            WithEnvironmentKeys();
            var resolved = Resolve(o => o.StoredCredentials = new StoredProfile());
            Assert.Equal(("AKOPS", "ops"), (resolved.Source.GetCredentials().AccessKey, resolved.ProfileName));
        }

        [Fact]
        public void StoredCredentialsWithKeysAreReadByReflection()
        {
            WithEnvironmentKeys();
            Assert.Equal("AKSTORED", AccessKeyOf(o => o.StoredCredentials = new StoredKeys()));
        }

        [Fact]
        public void UnreadableStoredCredentialsTerminateInsteadOfFallingThrough()
        {
            WithEnvironmentKeys();
            var ex = Assert.Throws<ConnectionException>(() => Resolve(o => o.StoredCredentials = new object()));
            Assert.Equal(ErrorId.NoCredentials, ex.ErrorId);
            Assert.Contains("$StoredAWSCredentials", ex.Message);
        }

        [Fact]
        public void EnvironmentKeysBeatAwsProfileAndDefault()
        {
            WithEnvironmentKeys();
            _env.Set("AWS_SESSION_TOKEN", "t-env").Set("AWS_PROFILE", "dev");
            var keys = Resolve().Source.GetCredentials();
            Assert.Equal(("AKENV", "t-env"), (keys.AccessKey, keys.SessionToken));
        }

        [Fact]
        public void AwsProfileBeatsDefaultAndMustExist()
        {
            _env.Set("AWS_PROFILE", "dev");
            Assert.Equal("AKDEV", AccessKeyOf());
            _env.Set("AWS_PROFILE", "gone");
            Assert.Equal(ErrorId.ProfileNotFound, Assert.Throws<ConnectionException>(() => Resolve()).ErrorId);
        }

        [Fact]
        public void DefaultProfileComesLast()
        {
            var resolved = Resolve();
            Assert.Equal(("AKDEFAULT", "default"), (resolved.Source.GetCredentials().AccessKey, resolved.ProfileName));
        }

        [Fact]
        public void NothingAtAllIsNoCredentials()
        {
            using var empty = new TestEnvironment();
            var options = empty.Options();
            var ex = Assert.Throws<ConnectionException>(() => new SignedHttpServicesFactory(TestEnvironment.Settings()).Create(options));
            Assert.Equal(ErrorId.NoCredentials, ex.ErrorId);
        }

        [Fact]
        public void AssumeRoleProfileWithoutTheSdkBridgeSaysWhy()
        {
            var ex = Assert.Throws<ConnectionException>(() => Resolve(o => o.ProfileName = "assumer"));
            Assert.Equal(ErrorId.NoCredentials, ex.ErrorId);
            Assert.Contains("dependencies", ex.Message);
        }

        [Fact]
        public void DebugSaysWhereCredentialsAndRegionCameFromWithoutSecrets()
        {
            // 'dev' has no region of its own: the default profile's region must not leak into it, AWS_REGION applies.
            _env.Set("AWS_REGION", "eu-central-1");
            var debug = new List<string>();
            var options = _env.Options(debug);
            options.ProfileName = "dev";
            using var services = new SignedHttpServicesFactory(TestEnvironment.Settings()).Create(options);
            Assert.Contains(debug, d => d.StartsWith("Credentials obtained from profile 'dev' (-ProfileName)"));
            Assert.Contains("Region obtained from AWS_REGION with value 'eu-central-1'", debug);
            Assert.DoesNotContain(debug, d => d.Contains("s-dev") || d.Contains("t-dev"));
        }
    }
}
