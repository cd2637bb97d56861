using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>GetPolicy's answer: the policy document (unwrapped from its JSON string) and its revision.</summary>
    public sealed class LambdaPolicy
    {
        public LambdaPolicy(string policyJson, string? revisionId)
        {
            PolicyJson = policyJson;
            RevisionId = revisionId;
        }

        public string PolicyJson { get; }
        public string? RevisionId { get; }
    }

    /// <summary>AddPermission's parameters (those the module ever sends).</summary>
    public sealed class AddPermissionRequest
    {
        /// <summary>Unqualified function ARN.</summary>
        public string FunctionName { get; set; } = "";
        public string? Qualifier { get; set; }
        public string StatementId { get; set; } = "";
        public string Action { get; set; } = LambdaPermission.InvokeAction;
        public string Principal { get; set; } = LambdaPermission.ApiGatewayPrincipal;
        public string SourceArn { get; set; } = "";
        public string? SourceAccount { get; set; }
        public string? RevisionId { get; set; }
    }

    /// <summary>What the module reads from and writes to Lambda in one region.</summary>
    public interface ILambdaPort
    {
        /// <summary>GetPolicy. Throws NotFound both when there is no policy and when the function/qualifier is missing (AWS does not tell them apart by code).</summary>
        Task<LambdaPolicy> GetPolicyAsync(string functionName, string? qualifier, CancellationToken cancellationToken);

        /// <summary>AddPermission; returns the statement JSON. Conflict on a duplicate statement id, PreconditionFailed on a stale RevisionId.</summary>
        Task<string> AddPermissionAsync(AddPermissionRequest request, CancellationToken cancellationToken);

        /// <summary>RemovePermission.</summary>
        Task RemovePermissionAsync(string functionName, string? qualifier, string statementId, string? revisionId, CancellationToken cancellationToken);

        /// <summary>True when the function (and the alias or version, if given) exists: GetFunction with Qualifier. Used to tell "no policy" from "no function" after a 404.</summary>
        Task<bool> FunctionExistsAsync(string functionName, string? qualifier, CancellationToken cancellationToken);
    }
}
