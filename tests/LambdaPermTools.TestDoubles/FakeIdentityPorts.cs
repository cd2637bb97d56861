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

        public Task<string> GetRoleTrustPolicyAsync(string roleName, CancellationToken cancellationToken) =>
            Task.Run(() =>
            {
                _fake.Latency(cancellationToken);
                _fake.Record(_options, Service, "GetRole", "us-east-1", roleName, ("RoleName", roleName));
                lock (_fake.Sync)
                {
                    return (_fake.FindRoleByName(roleName) ?? throw NoSuchEntity("GetRole", roleName)).TrustPolicyJson;
                }
            }, cancellationToken);

        public Task<IReadOnlyDictionary<string, string>> SimulatePrincipalPolicyAsync(string policySourceArn, string actionName, IReadOnlyList<string> resourceArns, CancellationToken cancellationToken) =>
            Task.Run(() =>
            {
                _fake.Latency(cancellationToken);
                _fake.Record(_options, Service, "SimulatePrincipalPolicy", "us-east-1", policySourceArn,
                    ("PolicySourceArn", policySourceArn), ("ActionNames", actionName), ("ResourceArns", string.Join(",", resourceArns)));
                lock (_fake.Sync)
                {
                    var role = _fake.FindRole(policySourceArn) ?? throw NoSuchEntity("SimulatePrincipalPolicy", policySourceArn);
                    IReadOnlyDictionary<string, string> decisions = resourceArns.Distinct().ToDictionary(
                        arn => arn, arn => actionName == "lambda:InvokeFunction" && role.Invocable.Contains(arn) ? "allowed" : "implicitDeny");
                    return decisions;
                }
            }, cancellationToken);

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

        public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
            Task.Run(() =>
            {
                _fake.Latency(cancellationToken);
                _fake.Record(_options, "sts", "GetCallerIdentity", _region, null);
                var account = _fake.CallerAccount;
                return new CallerIdentity(account, $"arn:aws:iam::{account}:user/tester", "AIDAFAKEUSER");
            }, cancellationToken);
    }
}
