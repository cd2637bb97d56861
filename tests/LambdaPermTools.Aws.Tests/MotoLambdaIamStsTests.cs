using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>Lambda (docs/aws-rules.md §6.2), IAM (§6.3) and STS against moto.</summary>
    [Collection("moto")]
    public class MotoLambdaIamStsTests
    {
        private readonly MotoServer _moto;
        public MotoLambdaIamStsTests(MotoServer moto) => _moto = moto;

        private static string Fresh(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

        [Fact]
        public async Task AddAndGetPermissionRoundTrip()
        {
            string fn = Fresh("fn");
            string arn = _moto.Setup($"out['arn'] = function('{fn}')").GetProperty("arn").GetString()!;
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env);
            var lambda = services.Lambda("us-east-1");

            var none = await Assert.ThrowsAsync<AwsServiceException>(() => lambda.GetPolicyAsync(arn, null, CancellationToken.None));
            Assert.Equal((AwsErrorKind.NotFound, "ResourceNotFoundException"), (none.Kind, none.ErrorCode));

            string sourceArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/pets";
            string statement = await lambda.AddPermissionAsync(new AddPermissionRequest { FunctionName = arn, StatementId = "lpt-1", SourceArn = sourceArn, SourceAccount = "123456789012" }, CancellationToken.None);
            using (var doc = JsonDocument.Parse(statement))
            {
                Assert.Equal("lpt-1", doc.RootElement.GetProperty("Sid").GetString());
                Assert.Equal(sourceArn, doc.RootElement.GetProperty("Condition").GetProperty("ArnLike").GetProperty("AWS:SourceArn").GetString());
            }

            var policy = await lambda.GetPolicyAsync(arn, null, CancellationToken.None);
            Assert.False(string.IsNullOrEmpty(policy.RevisionId));
            using (var doc = JsonDocument.Parse(policy.PolicyJson)) // the policy is a JSON string inside the JSON answer
            {
                Assert.Equal("lpt-1", doc.RootElement.GetProperty("Statement")[0].GetProperty("Sid").GetString());
            }
        }

        [Fact]
        public async Task StaleRevisionIdIsPreconditionFailed()
        {
            string fn = Fresh("fn");
            string arn = _moto.Setup($"out['arn'] = function('{fn}')").GetProperty("arn").GetString()!;
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env);
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => services.Lambda("us-east-1").AddPermissionAsync(
                new AddPermissionRequest { FunctionName = arn, StatementId = "s", SourceArn = "arn:aws:execute-api:us-east-1:123456789012:a/*", RevisionId = Guid.NewGuid().ToString() },
                CancellationToken.None));
            Assert.Equal((AwsErrorKind.PreconditionFailed, 412, "PreconditionFailedException"), (ex.Kind, ex.StatusCode, ex.ErrorCode));
        }

        [Fact]
        public async Task FunctionExistsTellsFunctionsAndAliasesFromMissingOnes()
        {
            string fn = Fresh("fn");
            _moto.Setup($@"
function('{fn}')
v = lam.publish_version(FunctionName='{fn}')['Version']
lam.create_alias(FunctionName='{fn}', Name='live', FunctionVersion=v)
");
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env);
            var lambda = services.Lambda("us-east-1");
            Assert.True(await lambda.FunctionExistsAsync(fn, null, CancellationToken.None));
            Assert.True(await lambda.FunctionExistsAsync(fn, "live", CancellationToken.None));
            Assert.False(await lambda.FunctionExistsAsync(fn, "nosuchalias", CancellationToken.None));
            Assert.False(await lambda.FunctionExistsAsync(fn + "-missing", null, CancellationToken.None));
        }

        [Fact]
        public async Task LambdaClientFollowsTheFunctionsRegion()
        {
            string fn = Fresh("west");
            _moto.Setup($@"
west = boto3.session.Session(aws_access_key_id='testing', aws_secret_access_key='testing', region_name='us-west-2')
wiam = west.client('iam', endpoint_url=ep); wlam = west.client('lambda', endpoint_url=ep)
role = wiam.create_role(RoleName='{fn}-role', AssumeRolePolicyDocument='{{}}')['Role']['Arn']
wlam.create_function(FunctionName='{fn}', Runtime='python3.12', Role=role, Handler='index.handler', Code={{'ZipFile': zipped()}})
");
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env, region: "us-east-1");
            Assert.True(await services.Lambda("us-west-2").FunctionExistsAsync(fn, null, CancellationToken.None));
            Assert.False(await services.Lambda("us-east-1").FunctionExistsAsync(fn, null, CancellationToken.None));
        }

        [Fact]
        public async Task GetRoleByArnWithPathReturnsTheDecodedTrustPolicy()
        {
            string role = Fresh("invoker");
            string arn = _moto.Setup($@"
trust = json.dumps({{'Version': '2012-10-17', 'Statement': [{{'Effect': 'Allow', 'Principal': {{'Service': 'apigateway.amazonaws.com'}}, 'Action': 'sts:AssumeRole', 'Condition': {{'StringLike': {{'aws:SourceArn': 'arn:aws:execute-api:*:123456789012:*/*'}}}}}}]}})
out['arn'] = iam.create_role(RoleName='{role}', Path='/service-role/', AssumeRolePolicyDocument=trust)['Role']['Arn']
").GetProperty("arn").GetString()!;
            Assert.Contains("/service-role/", arn);
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env);
            string trust = await services.Iam.GetRoleTrustPolicyAsync(arn, CancellationToken.None);
            using var doc = JsonDocument.Parse(trust);
            var statement = doc.RootElement.GetProperty("Statement")[0];
            Assert.Equal("apigateway.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Equal("arn:aws:execute-api:*:123456789012:*/*", statement.GetProperty("Condition").GetProperty("StringLike").GetProperty("aws:SourceArn").GetString());

            var missing = await Assert.ThrowsAsync<AwsServiceException>(() => services.Iam.GetRoleTrustPolicyAsync(role + "-missing", CancellationToken.None));
            Assert.Equal((AwsErrorKind.NotFound, "NoSuchEntity"), (missing.Kind, missing.ErrorCode));
        }

        [Fact]
        public async Task GetCallerIdentityReadsTheAccount()
        {
            using var env = new TestEnvironment();
            using var services = _moto.Connect(env);
            var identity = await services.Sts.GetCallerIdentityAsync(CancellationToken.None);
            Assert.Equal("123456789012", identity.Account);
            Assert.StartsWith("arn:aws:", identity.Arn);
        }
    }
}
