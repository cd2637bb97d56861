using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>IAM of the fake account (global, signed for us-east-1): roles with trust policies and invoke decisions.</summary>
    internal sealed class FakeIamPort : IIamPort
    {
        private const string Service = "iam";
        private readonly FakeAws _fake;
        private readonly ConnectionOptions _options;

        public FakeIamPort(FakeAws fake, ConnectionOptions options)
        {
            _fake = fake;
            _options = options;
        }

        public async Task<string> GetRoleTrustPolicyAsync(string roleName, CancellationToken cancellationToken)
        {
            await _fake.CallAsync(_options, Service, "GetRole", "us-east-1", roleName, cancellationToken, ("RoleName", roleName)).ConfigureAwait(false);
            lock (_fake.Sync)
            {
                return (_fake.FindRoleByName(roleName) ?? throw NoSuchEntity("GetRole", roleName)).TrustPolicyJson;
            }
        }

        public async Task<IReadOnlyDictionary<string, string>> SimulatePrincipalPolicyAsync(string policySourceArn, string actionName, IReadOnlyList<string> resourceArns, CancellationToken cancellationToken)
        {
            await _fake.CallAsync(_options, Service, "SimulatePrincipalPolicy", "us-east-1", policySourceArn, cancellationToken,
                ("PolicySourceArn", policySourceArn), ("ActionNames", actionName), ("ResourceArns", string.Join(",", resourceArns))).ConfigureAwait(false);
            lock (_fake.Sync)
            {
                var role = _fake.FindRole(policySourceArn) ?? throw NoSuchEntity("SimulatePrincipalPolicy", policySourceArn);
                return resourceArns.Distinct().ToDictionary(
                    arn => arn, arn => actionName == "lambda:InvokeFunction" && role.Invocable.Contains(arn) ? "allowed" : "implicitDeny");
            }
        }

        private static AwsServiceException NoSuchEntity(string operation, string name) =>
            new AwsServiceException(AwsErrorKind.NotFound, Service, operation, "NoSuchEntity", 404, $"The role with name {name} cannot be found.");
    }

    /// <summary>STS of the fake account: who the credentials are.</summary>
    internal sealed class FakeStsPort : IStsPort
    {
        private readonly FakeAws _fake;
        private readonly ConnectionOptions _options;
        private readonly string _region;

        public FakeStsPort(FakeAws fake, ConnectionOptions options, string region)
        {
            _fake = fake;
            _options = options;
            _region = region;
        }

        public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
        {
            await _fake.CallAsync(_options, "sts", "GetCallerIdentity", _region, null, cancellationToken).ConfigureAwait(false);
            var account = _fake.CallerAccount;
            return new CallerIdentity(account, $"arn:aws:iam::{account}:user/tester", "AIDAFAKEUSER");
        }
    }
}
