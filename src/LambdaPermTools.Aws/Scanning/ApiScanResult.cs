using System.Collections.Generic;
using LambdaPermTools.Apis;

namespace LambdaPermTools.Aws.Scanning
{
    /// <summary>What one API's scan produced: its targets, its findings (when evaluated) and its per-item errors.</summary>
    public sealed class ApiScanResult
    {
        public ApiScanResult(RestApiSummary api, IReadOnlyList<IntegrationTarget> targets, IReadOnlyList<PermissionFinding> findings, IReadOnlyList<ScanError> errors)
        {
            Api = api;
            Targets = targets;
            Findings = findings;
            Errors = errors;
        }

        public RestApiSummary Api { get; }
        public IReadOnlyList<IntegrationTarget> Targets { get; }
        /// <summary>Empty unless the scan was asked to evaluate.</summary>
        public IReadOnlyList<PermissionFinding> Findings { get; }
        public IReadOnlyList<ScanError> Errors { get; }
    }

    /// <summary>Receives results as each API completes. Called from worker threads: implementations marshal to their own thread.</summary>
    public interface IScanListener
    {
        void ApiCompleted(ApiScanResult result);

        /// <summary>A failure outside any one API (e.g. GetRestApis for -All).</summary>
        void Failed(ScanError error);

        void Progress(int completed, int total, string restApiId);
    }

    /// <summary>Which APIs to scan: these (names may be empty when only ids are known) and/or every API of the region.</summary>
    public sealed class ApiRequest
    {
        public List<RestApiSummary> Apis { get; } = new List<RestApiSummary>();
        public bool All { get; set; }
    }

    /// <summary>Findings of piped-in targets, with the errors of the reads behind them.</summary>
    public sealed class TargetEvaluation
    {
        public TargetEvaluation(IReadOnlyList<PermissionFinding> findings, IReadOnlyList<ScanError> errors)
        {
            Findings = findings;
            Errors = errors;
        }

        public IReadOnlyList<PermissionFinding> Findings { get; }
        public IReadOnlyList<ScanError> Errors { get; }
    }
}
