using System.Collections.Generic;
using LambdaPermTools.Apis;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// What one connection's run is asked to look at: REST, HTTP and WebSocket APIs (by id, as piped objects, or every API of the region)
    /// and which of their stages; targets that were listed before (judged as they are, without reading their API
    /// again); findings that were judged before (planned as they are).
    /// </summary>
    public sealed class RunRequest
    {
        /// <summary>APIs to read; names may be empty when only ids are known.</summary>
        public List<RestApiSummary> Apis { get; } = new List<RestApiSummary>();

        /// <summary>Every REST API of the region (GetRestApis), besides <see cref="Apis"/>.</summary>
        public bool AllApis { get; set; }

        /// <summary>HTTP and WebSocket APIs to read, by id (their type and name come from one GetApis listing).</summary>
        public List<string> V2ApiIds { get; } = new List<string>();

        /// <summary>HTTP and WebSocket APIs already listed (type and name known): read without a GetApis listing.</summary>
        public List<V2ApiSummary> V2Apis { get; } = new List<V2ApiSummary>();

        /// <summary>Every HTTP and/or WebSocket API of the region (GetApis) of these types, besides <see cref="V2ApiIds"/>.</summary>
        public HashSet<ApiType> AllV2Types { get; } = new HashSet<ApiType>();

        /// <summary>Which stages of each API to resolve targets for.</summary>
        public TargetSelection Stages { get; set; } = new TargetSelection();

        public List<IntegrationTarget> Targets { get; } = new List<IntegrationTarget>();

        public List<PermissionFinding> Findings { get; } = new List<PermissionFinding>();

        /// <summary>Functions whose grants to list (names or ARNs; with a qualifier, only that qualifier's policy).</summary>
        public List<string> Functions { get; } = new List<string>();

        /// <summary>
        /// Listing grants: the regions whose APIs may invoke the functions (-ApiRegion). A grant names the function's region even
        /// for an API of another region, so an API missing from the run's region is deleted only if these regions lack it too.
        /// </summary>
        public List<string> ApiRegions { get; } = new List<string>();

        /// <summary>Every function of the region (ListFunctions), besides <see cref="Functions"/>.</summary>
        public bool AllFunctions { get; set; }

        /// <summary>Statements to remove, as Get-ApiLambdaPermission listed them.</summary>
        public List<PermissionGrant> Grants { get; } = new List<PermissionGrant>();

        /// <summary>Failing requests (-Uri): each stands for exactly the targets it reaches.</summary>
        public List<RouteRequest> Routes { get; } = new List<RouteRequest>();

        /// <summary>Failures Find-ApiLambdaPermissionError read from execution logs: each stands for the targets it names.</summary>
        public List<PermissionFailure> Failures { get; } = new List<PermissionFailure>();

        public bool SelectsApis => AllApis || Apis.Count > 0 || V2ApiIds.Count > 0 || V2Apis.Count > 0 || AllV2Types.Count > 0;
    }
}
