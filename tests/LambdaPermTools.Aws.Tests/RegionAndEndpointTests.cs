using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Endpoints;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>Region order (contract "AWS connection parameters") and endpoint precedence (conventions §5, docs/aws-rules.md §6.3).</summary>
    public class RegionAndEndpointTests : IDisposable
    {
        private readonly TestEnvironment _env = new TestEnvironment()
            .Credentials("[default]\naws_access_key_id = AK\naws_secret_access_key = s\n[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = s\n")
            .Config("[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-northeast-1\n");

        public void Dispose() => _env.Dispose();

        private (string Region, string Source) Region(Action<ConnectionOptions>? adjust = null, string? credentialProfile = null)
        {
            var options = _env.Options();
            adjust?.Invoke(options);
            var env = new EnvironmentVariables(options.Environment);
            return RegionResolver.Resolve(options, env, new SharedConfigFiles(env.CredentialsFile, env.ConfigFile), credentialProfile, () => null);
        }

        [Fact]
        public void RegionOrder()
        {
            _env.Set("AWS_REGION", "us-west-1").Set("AWS_DEFAULT_REGION", "us-west-2");
            Assert.Equal(("ca-central-1", "-Region"), Region(o => { o.Region = "CA-Central-1 "; o.StoredRegion = "sa-east-1"; }));
            Assert.Equal(("sa-east-1", "$StoredAWSRegion"), Region(o => o.StoredRegion = "sa-east-1"));
            Assert.Equal("ap-northeast-1", Region(credentialProfile: "dev").Region);
            Assert.Equal("eu-west-1", Region().Region); // the default profile's region
            _env.Set("AWS_PROFILE", "dev");
            Assert.Equal("ap-northeast-1", Region().Region);
        }

        [Fact]
        public void EnvironmentRegionsAfterTheProfile()
        {
            using var env = new TestEnvironment();
            env.Set("AWS_REGION", "us-west-1").Set("AWS_DEFAULT_REGION", "us-west-2");
            var files = new SharedConfigFiles(env.CredentialsFile, env.ConfigFile);
            Assert.Equal(("us-west-1", "AWS_REGION"), RegionResolver.Resolve(env.Options(), new EnvironmentVariables(env.Variables), files, null, () => null));
            env.Variables.Remove("AWS_REGION");
            Assert.Equal(("us-west-2", "AWS_DEFAULT_REGION"), RegionResolver.Resolve(env.Options(), new EnvironmentVariables(env.Variables), files, null, () => null));
        }

        [Fact]
        public void NoRegionSaysHowToSetOne()
        {
            using var env = new TestEnvironment();
            env.Set("AWS_ACCESS_KEY_ID", "AK").Set("AWS_SECRET_ACCESS_KEY", "s");
            var ex = Assert.Throws<ConnectionException>(() => new SignedHttpServicesFactory(TestEnvironment.Settings()).Create(env.Options()));
            Assert.Equal(ErrorId.NoRegion, ex.ErrorId);
            Assert.Contains("-Region", ex.Message);
            Assert.Contains("Set-DefaultAWSRegion", ex.Message);
            Assert.Contains("AWS_REGION", ex.Message);
        }

        [Fact]
        public void NonsenseRegionIsRejectedBeforeItReachesAHostName()
        {
            Assert.Equal(ErrorId.InvalidRegion, Assert.Throws<ConnectionException>(() => Region(o => o.Region = "evil.com/x")).ErrorId);
        }

        [Theory]
        [InlineData("us-east-1", "aws", "https://apigateway.us-east-1.amazonaws.com/", "https://iam.amazonaws.com/", "us-east-1")]
        [InlineData("cn-northwest-1", "aws-cn", "https://apigateway.cn-northwest-1.amazonaws.com.cn/", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
        [InlineData("us-gov-east-1", "aws-us-gov", "https://apigateway.us-gov-east-1.amazonaws.com/", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
        public void DefaultEndpointsPerPartition(string region, string partition, string apigateway, string iam, string iamSigningRegion)
        {
            var endpoints = new EndpointResolver(null, new EnvironmentVariables(_env.Variables));
            Assert.Equal(partition, Partition.Of(region).Name);
            Assert.Equal(apigateway, endpoints.Resolve(AwsService.ApiGateway, region).Url.ToString());
            Assert.Equal((region, $"https://lambda.{region}.{Partition.Of(region).DnsSuffix}/"), (endpoints.Resolve(AwsService.Lambda, region).SigningRegion, endpoints.Resolve(AwsService.Lambda, region).Url.ToString()));
            var iamEndpoint = endpoints.Resolve(AwsService.Iam, region);
            Assert.Equal((iam, iamSigningRegion), (iamEndpoint.Url.ToString(), iamEndpoint.SigningRegion));
        }

        [Fact]
        public void EndpointOverridePrecedence()
        {
            _env.Set("AWS_ENDPOINT_URL", "http://all.local:1").Set("AWS_ENDPOINT_URL_LAMBDA", "http://lambda.local:2");
            var env = new EnvironmentVariables(_env.Variables);
            var fromEnv = new EndpointResolver(null, env);
            Assert.Equal(("http://lambda.local:2/", "AWS_ENDPOINT_URL_LAMBDA", "eu-west-3"),
                (fromEnv.Resolve(AwsService.Lambda, "eu-west-3").Url.ToString(), fromEnv.Resolve(AwsService.Lambda, "eu-west-3").Source, fromEnv.Resolve(AwsService.Lambda, "eu-west-3").SigningRegion));
            Assert.Equal("http://all.local:1/", fromEnv.Resolve(AwsService.ApiGateway, "eu-west-3").Url.ToString());
            var iam = fromEnv.Resolve(AwsService.Iam, "eu-west-3");
            Assert.Equal(("http://all.local:1/", "eu-west-3"), (iam.Url.ToString(), iam.SigningRegion)); // overrides keep the resolved region

            var explicitUrl = new EndpointResolver("http://emulator.local:4566", env);
            Assert.All(new[] { AwsService.ApiGateway, AwsService.Lambda, AwsService.Iam, AwsService.Sts },
                s => Assert.Equal("http://emulator.local:4566/", explicitUrl.Resolve(s, "eu-west-3").Url.ToString()));

            _env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
            var ignoring = new EndpointResolver(null, new EnvironmentVariables(_env.Variables));
            Assert.Equal("https://lambda.eu-west-3.amazonaws.com/", ignoring.Resolve(AwsService.Lambda, "eu-west-3").Url.ToString());
            Assert.Equal("http://emulator.local:4566/", new EndpointResolver("http://emulator.local:4566", new EnvironmentVariables(_env.Variables)).Resolve(AwsService.Lambda, "eu-west-3").Url.ToString());
        }

        [Fact]
        public void InvalidEndpointIsAConnectionError()
        {
            Assert.Equal(ErrorId.InvalidEndpoint, Assert.Throws<ConnectionException>(() => new EndpointResolver("not a url", new EnvironmentVariables(_env.Variables))).ErrorId);
        }

        [Fact]
        public async Task ServiceSpecificEndpointRoutesOnlyThatServiceAndVerboseNamesEachCall()
        {
            using var lambdaServer = new LocalAwsServer(_ => Reply.Json("{}"));
            using var otherServer = new LocalAwsServer(_ => Reply.Json("{\"item\":[]}"));
            _env.Set("AWS_ENDPOINT_URL_LAMBDA", lambdaServer.Url).Set("AWS_ENDPOINT_URL", otherServer.Url);
            var verbose = new List<string>();
            var debug = new List<string>();
            var options = _env.Options(debug);
            options.WriteVerbose = verbose.Add;
            options.AccessKey = LocalAwsServer.AccessKey;
            options.SecretKey = LocalAwsServer.SecretKey;
            options.SessionToken = "secret-session-token";
            using var services = new SignedHttpServicesFactory(TestEnvironment.Settings()).Create(options);
            Assert.True(await services.Lambda("ap-south-1").FunctionExistsAsync("f", null, CancellationToken.None));
            await services.ApiGateway.GetStagesAsync("a", CancellationToken.None);
            Assert.Single(lambdaServer.Requests);
            Assert.Single(otherServer.Requests);
            Assert.Contains("/ap-south-1/lambda/", lambdaServer.Requests.Single().Header("Authorization"));
            Assert.Equal(new[] { $"Lambda GetFunction → {lambdaServer.Url}/ (AWS_ENDPOINT_URL_LAMBDA, region ap-south-1)", $"API Gateway GetStages → {otherServer.Url}/ (AWS_ENDPOINT_URL, region eu-west-1)" }, verbose);
            Assert.DoesNotContain(verbose.Concat(debug), m => m.Contains(LocalAwsServer.SecretKey) || m.Contains("secret-session-token") || m.Contains("Signature="));
        }
    }
}
