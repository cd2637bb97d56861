using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Clients;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>Error codes parsed like botocore (docs/aws-rules.md §6.2, §6.3) and the retry rules of §6.5.</summary>
    public class RetryAndErrorParsingTests
    {
        [Theory]
        [InlineData("ResourceNotFoundException:http://internal.amazon.com/coral/", "{\"Message\":\"m\"}", "ResourceNotFoundException", "m")]
        [InlineData(null, "{\"__type\":\"com.amazon.coral.service#ThrottlingException\",\"message\":\"slow\"}", "ThrottlingException", "slow")]
        [InlineData(null, "{\"code\":\"BadRequestException\",\"message\":\"bad\"}", "BadRequestException", "bad")]
        [InlineData(null, "{\"Code\":\"X\",\"Message\":\"y\"}", "X", "y")]
        [InlineData(null, "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>", "Throttling", "Rate exceeded")]
        [InlineData(null, "<html>oops</html", "Http502", "HTTP 502")]
        [InlineData("", "", "Http502", "HTTP 502")]
        public void ParsesCodeAndMessage(string? header, string body, string code, string message)
        {
            var error = AwsErrors.Parse(502, header, body, text => text);
            Assert.Equal((code, message), (error.Code, error.Message));
        }

        [Theory]
        [InlineData(400, "Throttling", true, false)]
        [InlineData(400, "LimitExceededException", true, false)]
        [InlineData(429, "Anything", true, false)]
        [InlineData(400, "PriorRequestNotComplete", true, false)]
        [InlineData(503, "ServiceUnavailableException", false, true)]
        [InlineData(500, "ServiceException", false, true)]
        [InlineData(504, "Http504", false, true)]
        [InlineData(400, "RequestTimeout", false, true)]
        [InlineData(400, "ValidationException", false, false)]
        [InlineData(404, "ResourceNotFoundException", false, false)]
        public void TellsThrottlingFromTransientFromPermanent(int status, string code, bool throttling, bool transient)
        {
            Assert.Equal((throttling, transient), (AwsErrors.IsThrottling(status, code), AwsErrors.IsTransient(status, code)));
        }

        [Theory]
        [InlineData(403, "AccessDeniedException", AwsErrorKind.AccessDenied)]
        [InlineData(400, "AccessDenied", AwsErrorKind.AccessDenied)]
        [InlineData(403, "InvalidClientTokenId", AwsErrorKind.AccessDenied)]
        [InlineData(404, "NoSuchEntity", AwsErrorKind.NotFound)]
        [InlineData(400, "ValidationError", AwsErrorKind.Validation)]
        [InlineData(400, "InvalidInput", AwsErrorKind.Validation)]
        [InlineData(400, "Throttling", AwsErrorKind.Throttled)]
        [InlineData(500, "ServiceException", AwsErrorKind.Service)]
        public void MapsCodesToKinds(int status, string code, AwsErrorKind kind) => Assert.Equal(kind, AwsErrors.Kind(status, code));

        [Fact]
        public void BackoffIsExponentialWithFullJitterCappedAt20Seconds()
        {
            Assert.Equal(TimeSpan.Zero, RetrySettings.Backoff(1, 0.0, null));
            Assert.Equal(50, RetrySettings.Backoff(1, 0.5, null).TotalMilliseconds, 3);
            Assert.Equal(400, RetrySettings.Backoff(3, 1.0, null).TotalMilliseconds, 3);
            Assert.Equal(20000, RetrySettings.Backoff(12, 1.0, null).TotalMilliseconds, 3);
            Assert.Equal(TimeSpan.FromSeconds(3), RetrySettings.Backoff(1, 0.5, TimeSpan.FromSeconds(3)));
            Assert.Equal(TimeSpan.FromSeconds(20), RetrySettings.Backoff(1, 0.5, TimeSpan.FromSeconds(90)));
        }

        [Theory]
        [InlineData(null, null, 3, 10, "standard")]
        [InlineData("5", "adaptive", 5, 5, "adaptive")]
        [InlineData("1", "standard", 1, 1, "standard")]
        [InlineData("0", "legacy", 3, 10, "standard")]
        [InlineData("many", null, 3, 10, "standard")]
        public void ReadsGetABudgetOfTheirOwnUnlessTheUserSetsMaxAttempts(string? attempts, string? mode, int writeAttempts, int readAttempts, string expectedMode)
        {
            var variables = new Dictionary<string, string>();
            if (attempts != null)
            {
                variables["AWS_MAX_ATTEMPTS"] = attempts;
            }

            if (mode != null)
            {
                variables["AWS_RETRY_MODE"] = mode;
            }

            var settings = RetrySettings.From(new EnvironmentVariables(variables), null);
            Assert.Equal((writeAttempts, readAttempts, expectedMode), (settings.AttemptsFor(read: false), settings.AttemptsFor(read: true), settings.Mode));
        }

        [Theory]
        [InlineData(null, 60.0)]
        [InlineData("12.5", 12.5)]
        [InlineData("0", 60.0)]
        [InlineData("-3", 60.0)]
        [InlineData("soon", 60.0)]
        public void ReadsTheCallDeadline(string? seconds, double expected)
        {
            var variables = new Dictionary<string, string>();
            if (seconds != null)
            {
                variables["AWS_LPT_CALL_TIMEOUT"] = seconds;
            }

            Assert.Equal(TimeSpan.FromSeconds(expected), RetrySettings.From(new EnvironmentVariables(variables), null).CallTimeout);
        }

        [Fact]
        public void ProfileRetrySettingsApplyWhenTheEnvironmentIsSilent()
        {
            using var env = new TestEnvironment();
            env.Config("[profile p]\nmax_attempts = 7\nretry_mode = adaptive\nlpt_call_timeout = 90\n");
            var profile = new SharedConfigFiles(env.CredentialsFile, env.ConfigFile).Find("p");
            var fromProfile = RetrySettings.From(new EnvironmentVariables(env.Variables), profile);
            Assert.Equal((7, 7, "adaptive", 90.0), (fromProfile.AttemptsFor(false), fromProfile.AttemptsFor(true), fromProfile.Mode, fromProfile.CallTimeout.TotalSeconds));
            env.Set("AWS_MAX_ATTEMPTS", "2").Set("AWS_RETRY_MODE", "standard").Set("AWS_LPT_CALL_TIMEOUT", "5");
            var fromEnv = RetrySettings.From(new EnvironmentVariables(env.Variables), profile);
            Assert.Equal((2, 2, "standard", 5.0), (fromEnv.AttemptsFor(false), fromEnv.AttemptsFor(true), fromEnv.Mode, fromEnv.CallTimeout.TotalSeconds));
        }

        [Theory]
        [InlineData("arn:aws:iam::123456789012:role/service-role/my-role", "my-role")]
        [InlineData("arn:aws-cn:iam::123456789012:role/plain", "plain")]
        [InlineData("just-a-name", "just-a-name")]
        public void GetRoleTakesTheNameWithoutArnOrPath(string input, string name) => Assert.Equal(name, IamClient.RoleNameOf(input));
    }
}
