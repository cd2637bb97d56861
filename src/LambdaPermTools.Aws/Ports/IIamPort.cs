using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>What the module reads from IAM (Query protocol, global endpoint) for credentials roles.</summary>
    public interface IIamPort
    {
        /// <summary>GetRole by name; returns the trust policy URL-decoded.</summary>
        Task<string> GetRoleTrustPolicyAsync(string roleName, CancellationToken cancellationToken);

        /// <summary>SimulatePrincipalPolicy for one action on these resources (all pages); EvalDecision per resource ARN.</summary>
        Task<IReadOnlyDictionary<string, string>> SimulatePrincipalPolicyAsync(string policySourceArn, string actionName, IReadOnlyList<string> resourceArns, CancellationToken cancellationToken);
    }
}
