using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Ports
{
    /// <summary>What the module reads from and writes to Lambda in one region.</summary>
    public interface ILambdaPort
    {
        /// <summary>GetPolicy. Throws NotFound both when there is no policy and when the function/qualifier is missing (AWS does not tell them apart by code).</summary>
        Task<LambdaPolicy> GetPolicyAsync(string functionName, string? qualifier, CancellationToken cancellationToken);

        /// <summary>AddPermission; returns the statement JSON. Conflict on a duplicate statement id, PreconditionFailed on a stale RevisionId.</summary>
        Task<string> AddPermissionAsync(AddPermissionRequest request, CancellationToken cancellationToken);

        /// <summary>True when the function (and the alias or version, if given) exists: GetFunction with Qualifier. Used to tell "no policy" from "no function" after a 404.</summary>
        Task<bool> FunctionExistsAsync(string functionName, string? qualifier, CancellationToken cancellationToken);

        /// <summary>
        /// The RevisionId AddPermission must carry when the function or qualifier has no policy yet: GetFunction's
        /// Configuration.RevisionId for the unqualified function or a version, GetAlias's for an alias. NotFound when it does not exist.
        /// </summary>
        Task<string?> GetRevisionIdAsync(string functionName, string? qualifier, CancellationToken cancellationToken);

        /// <summary>ListVersionsByFunction, every page (Marker/NextMarker): the published version numbers ($LATEST left out).</summary>
        Task<IReadOnlyList<string>> ListVersionsAsync(string functionName, CancellationToken cancellationToken);

        /// <summary>ListFunctions, every page: the unqualified ARNs of the region's functions.</summary>
        Task<IReadOnlyList<string>> ListFunctionsAsync(CancellationToken cancellationToken);

        /// <summary>ListAliases of one function, every page.</summary>
        Task<IReadOnlyList<LambdaAlias>> ListAliasesAsync(string functionName, CancellationToken cancellationToken);

        /// <summary>RemovePermission with the policy's RevisionId (when given). NotFound when the statement or function is gone, PreconditionFailed on a stale RevisionId.</summary>
        Task RemovePermissionAsync(string functionName, string? qualifier, string statementId, string? revisionId, CancellationToken cancellationToken);
    }
}
