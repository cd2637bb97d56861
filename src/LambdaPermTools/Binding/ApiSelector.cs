using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Arns;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Binding
{
    /// <summary>
    /// The selection every cmdlet that looks at APIs binds (cmdlet-contract.md, "Selecting what to look at"):
    /// -RestApiId and -ApiId (HTTP, WebSocket) by property name, -InputObject for Get-AGRestApiList objects, -All with
    /// -ApiType, -StageName, -IncludeTestInvoke and -Configuration.
    /// The cmdlets declare no DefaultParameterSetName: with one, PowerShell would bind piped objects that carry a
    /// connection property (Region) within the default set only, and API objects or our own output would not bind.
    /// Instead -All is optional in its own set, which PowerShell picks when nothing is selected and nothing is piped:
    /// that set without -All means "no selection".
    /// </summary>
    internal sealed class ApiSelector
    {
        internal const string ByRestApiId = "RestApiId";
        internal const string ByInputObject = "InputObject";
        internal const string ByAll = "All";
        internal const string ByApiId = "ApiId";

        private readonly string _parameterSet;
        private readonly string[] _restApiIds;
        private readonly RestApiReference[] _inputObjects;
        private readonly string[]? _stageNames;
        private readonly bool _includeTestInvoke;
        private readonly ApiConfiguration _configuration;

        public ApiSelector(string parameterSet, string[] restApiIds, RestApiReference[] inputObjects, string[]? stageNames, bool includeTestInvoke,
            ApiConfiguration configuration)
        {
            _parameterSet = parameterSet;
            _restApiIds = restApiIds;
            _inputObjects = inputObjects;
            _stageNames = stageNames;
            _includeTestInvoke = includeTestInvoke;
            _configuration = configuration;
        }

        /// <summary>-ApiId: HTTP and WebSocket APIs.</summary>
        public string[] ApiIds { get; set; } = new string[0];

        /// <summary>-ApiType: which kinds of API -All (or no selection) covers; null = every kind.</summary>
        public ApiType[]? ApiTypes { get; set; }

        /// <summary>
        /// Add-/ConvertTo- never change a whole region by default: neither -RestApiId, -All nor pipeline input is an error
        /// that names the ways to select, before any AWS call.
        /// </summary>
        public static RunError? Required(string parameterSet, bool all, bool expectingInput) =>
            parameterSet == ByAll && !all && !expectingInput
                ? new RunError(ErrorId.NoSelection, "No API is selected, and nothing is piped in.", null,
                    "Pass -RestApiId <id>, -ApiId <id> (HTTP and WebSocket APIs), -All (every REST, HTTP and WebSocket API of the region), or pipe Test-ApiLambdaPermission or Get-ApiIntegrationTarget output.")
                : null;

        /// <summary>
        /// Adds this record's APIs and stages to its request: -RestApiId, -InputObject, or every API of the region (-All,
        /// or no selection at all). Returns one non-terminating error per item that is no REST API or no REST API id
        /// (the item is its target); the other items are added all the same (docs/powershell-rules.md §9).
        /// </summary>
        public IReadOnlyList<RunError> AddTo(RunRequest request)
        {
            request.Stages = new TargetSelection
            {
                StageNames = _stageNames,
                IncludeTestInvoke = _includeTestInvoke || (_stageNames != null && _stageNames.Contains(ExecuteApiArn.TestInvokeStage)),
                Configuration = _configuration,
            };
            switch (_parameterSet)
            {
                case ByRestApiId:
                    return ApiIdCheck.AddEach(_restApiIds.Select(id => new RestApiSummary(id, "")), a => a.Id, request.Apis.Add, ApiIdCheck.InvalidRestApiId);
                case ByInputObject:
                    var notApis = _inputObjects.Where(i => i.Problem != null)
                        .Select(i => new RunError(ErrorId.InputObjectNotRestApi, i.Problem!, i.Input, "Pipe Get-AGRestApiList output, or pass -RestApiId."));
                    var apis = _inputObjects.Where(i => i.Problem == null).Select(i => new RestApiSummary(i.Id, i.Name));
                    return notApis.Concat(ApiIdCheck.AddEach(apis, a => a.Id, request.Apis.Add, ApiIdCheck.InvalidRestApiId)).ToList();
                case ByApiId:
                    return ApiIdCheck.AddEach(ApiIds, id => id, request.V2ApiIds.Add, ApiIdCheck.InvalidV2ApiId);
                case ByAll:
                    var types = ApiTypes == null || ApiTypes.Length == 0 ? new[] { ApiType.Rest, ApiType.Http, ApiType.WebSocket } : ApiTypes;
                    request.AllApis = types.Contains(ApiType.Rest);
                    request.AllV2Types.UnionWith(types.Where(t => t != ApiType.Rest));
                    return new RunError[0];
                default:
                    return new RunError[0];
            }
        }

        /// <summary>Targets piped in (also findings, to judge again), as far as -StageName selects their stage.</summary>
        public void AddTargets(RunRequest request, IEnumerable<IntegrationTarget> targets) => request.Targets.AddRange(targets.Where(InStages));

        /// <summary>
        /// Failures piped in, as far as -StageName selects their stage; one read from log text without -RestApiId and
        /// -StageName names no stage to judge, and is a per-item error.
        /// </summary>
        public IReadOnlyList<RunError> AddFailures(RunRequest request, IEnumerable<PermissionFailure> failures)
        {
            var errors = new List<RunError>();
            foreach (var failure in failures.Where(f => _stageNames == null || _stageNames.Contains(f.StageName)))
            {
                if (ApiIdCheck.IsWellFormed(failure.RestApiId) && failure.StageName.Length > 0)
                {
                    request.Failures.Add(failure);
                    continue;
                }

                errors.Add(new RunError(ErrorId.InvalidRestApiId, $"The failure of {failure.FunctionArn} names no REST API and stage (RestApiId '{failure.RestApiId}', StageName '{failure.StageName}').",
                    failure, "Read log text with Find-ApiLambdaPermissionError -LogText … -RestApiId <id> -StageName <stage>, so that its failures say where they came from."));
            }

            return errors;
        }

        /// <summary>Findings piped in pass as they are; targets piped in are judged first (as Test-ApiLambdaPermission would).</summary>
        public void AddFindings(RunRequest request, IEnumerable<IntegrationTarget> items)
        {
            foreach (var item in items.Where(InStages))
            {
                if (item is PermissionFinding finding)
                {
                    request.Findings.Add(finding);
                }
                else
                {
                    request.Targets.Add(item);
                }
            }
        }

        private bool InStages(IntegrationTarget target) => _stageNames == null || Array.IndexOf(_stageNames, target.StageName) >= 0;
    }
}
