using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Rendering;
using LambdaPermTools.Requests;
using LambdaPermTools.Targets;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// The application layer: everything the cmdlets do against one AWS connection, one method per verb, each taking and
    /// returning data. Results of many APIs stream to an <see cref="IRunObserver{T}"/> as each API completes; failures
    /// are <see cref="RunError"/>s, never exceptions, except a connection that cannot be made (<see cref="ConnectionException"/>)
    /// and cancellation. Lambda and IAM reads are shared by every verb of the run (one GetPolicy per function and
    /// qualifier, one GetRole per role), and the connection is opened at the first AWS call.
    /// </summary>
    public sealed class Run : IDisposable
    {
        /// <summary>APIs read from API Gateway at once.</summary>
        public const int MaxConcurrentApis = ApiScanner.MaxConcurrentApis;

        /// <summary>APIs between the start of their read and the delivery of their result.</summary>
        public const int MaxApisInMemory = ApiScanner.MaxApisInMemory;

        /// <summary>
        /// Lambda and IAM reads in flight at once across all APIs. The rate is the token buckets' (Http/RateLimiter, docs/aws-rules.md
        /// §6.2); this only bounds how many reads wait on them, and is high enough that a slow answer (a busy endpoint, a retry) does
        /// not leave GetPolicy's 15 rps unused: 4 did, whenever one read took longer than 4 / 15 s.
        /// </summary>
        public const int MaxConcurrentReads = 16;

        private readonly RunContext _run;
        private readonly ApiScanner _scanner;
        private readonly EvidenceCache _evidence;
        private readonly GrantApplier _applier;
        private readonly GrantLister _lister;
        private readonly GrantRemover _remover;
        private readonly RequestRouter _router;
        private readonly FailureFinder _failures;

        public Run(ConnectionOptions connection, IAwsServicesFactory factory, CancellationToken cancellation)
        {
            _run = new RunContext(connection, factory, cancellation);
            _scanner = new ApiScanner(_run);
            _evidence = new EvidenceCache(_run, MaxConcurrentReads);
            _applier = new GrantApplier(_run);
            _lister = new GrantLister(_run, _scanner, MaxConcurrentReads);
            _remover = new GrantRemover(_run);
            _router = new RequestRouter(_run);
            _failures = new FailureFinder(_run, _scanner);
        }

        /// <summary>Lists the Lambda targets of the requested APIs: one list per API, delivered as each API is read.</summary>
        public async Task ListTargetsAsync(RunRequest request, IRunObserver<IReadOnlyList<IntegrationTarget>> observer)
        {
            foreach (var route in request.Routes)
            {
                await RouteAsync(route, observer).ConfigureAwait(false);
            }

            if (request.SelectsApis || request.Routes.Count == 0)
            {
                await _scanner.ScanAsync(request, (targets, errors) => Task.FromResult(targets), observer).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The targets one failing execute-api request reaches in its stage (authorizer first, then integration), each with
        /// its Trace; RouteNotFound or StageNotFound when it reaches none. The run must be in the URL's region.
        /// </summary>
        public async Task RouteAsync(RouteRequest request, IRunObserver<IReadOnlyList<IntegrationTarget>> observer)
        {
            var targets = await _router.RouteAsync(request, observer.Failed, observer.Warned).ConfigureAwait(false);
            if (targets.Count > 0)
            {
                observer.Delivered(targets);
            }
        }

        /// <summary>
        /// Reads the execution logs of the requested APIs' stages (and canaries) in the window for "Invalid permissions
        /// on Lambda function": one list of failures per stage, LogGroupNotFound for a stage that logs nothing.
        /// </summary>
        public Task FindFailuresAsync(RunRequest request, LogWindow window, IRunObserver<IReadOnlyList<PermissionFailure>> observer) =>
            _failures.FindAsync(request, window, observer);

        /// <summary>
        /// Judges what the request names: its findings pass as they are (judged before), its targets are judged without
        /// reading their APIs, then the requested APIs are read and judged, one judgement per API as each completes.
        /// </summary>
        public async Task JudgeAsync(RunRequest request, IRunObserver<Judgement> observer)
        {
            if (request.Findings.Count > 0)
            {
                observer.Delivered(new Judgement(request.Findings.ToList(), new EvidenceSet()));
            }

            var targets = request.Targets.ToList();
            foreach (var route in request.Routes)
            {
                targets.AddRange(await _router.RouteAsync(route, observer.Failed, observer.Warned).ConfigureAwait(false));
            }

            if (targets.Count > 0)
            {
                var errors = new List<RunError>();
                var judgement = await JudgeAsync(targets, errors).ConfigureAwait(false);
                foreach (var finding in judgement.Findings.Where(f => f.Trace.Length > 0))
                {
                    finding.Trace = finding.Trace.Concat(new[] { PolicyStep.For(finding) }).ToArray();
                }

                errors.ForEach(observer.Failed);
                observer.Delivered(judgement);
            }

            if (request.Failures.Count > 0)
            {
                await JudgeFailuresAsync(request.Failures, observer).ConfigureAwait(false);
            }

            if (request.SelectsApis)
            {
                await _scanner.ScanAsync(request, JudgeAsync, observer).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The least-privilege grants that fix the Denied findings of these judgements, with what was not planned and why.
        /// The fix scope matters here only: a verdict never depends on it. Needs no AWS call.
        /// </summary>
        public static GrantPlan Plan(IReadOnlyList<Judgement> judgements, FixOptions options) => GrantPlan.For(judgements, options);

        /// <summary>Checks a planned grant against the credentials' account and the function's current policy (read-only):
        /// already present, refused, failed, or pending with the RevisionId to add it with.</summary>
        public Task<GrantOutcome> PrepareAsync(PlannedGrant grant) => _applier.PrepareAsync(grant);

        /// <summary>Adds a pending grant, passing its RevisionId; on a conflict re-reads, re-checks and retries a bounded number of times.</summary>
        public Task<GrantOutcome> ApplyAsync(PendingGrant pending) => _applier.ApplyAsync(pending);

        /// <summary>The current policy of a grant's function and qualifier (null policy when it has none), for a whole-document merge; null when the read failed (reported to <paramref name="failed"/>).</summary>
        public Task<CurrentPolicy?> ReadPolicyAsync(PlannedGrant grant, Action<RunError> failed) => _applier.ReadPolicyAsync(grant, failed);

        /// <summary>
        /// The statements that concern API Gateway in the policies of the requested functions (named, every function of the
        /// region, or those the requested APIs invoke), at every qualifier with a policy, each with its Usage; one list per
        /// function and qualifier.
        /// </summary>
        public Task ListGrantsAsync(RunRequest request, IRunObserver<IReadOnlyList<PermissionGrant>> observer) => _lister.ListAsync(request, observer);

        /// <summary>Checks a statement to remove (refused when in use without <paramref name="force"/>, or of a whole-document policy) against the current policy. Read-only.</summary>
        public Task<RemovalOutcome> PrepareRemovalAsync(PermissionGrant grant, bool force) => _remover.PrepareAsync(grant, force);

        /// <summary>Removes a pending statement, passing its RevisionId; on a conflict re-reads and retries; one already gone is Skipped.</summary>
        public Task<RemovalOutcome> RemoveAsync(PendingRemoval pending) => _remover.RemoveAsync(pending);

        public void Dispose() => _run.Dispose();

        /// <summary>
        /// Logged failures name targets of what their stages serve: each failing API is read for those stages only, and
        /// exactly the targets the failures name are judged. A failure that no served target matches any more (redeployed
        /// since) is a warning.
        /// </summary>
        private async Task JudgeFailuresAsync(IReadOnlyList<PermissionFailure> failures, IRunObserver<Judgement> observer)
        {
            var matched = new ConcurrentDictionary<PermissionFailure, bool>();
            foreach (var api in failures.GroupBy(f => f.RestApiId, StringComparer.Ordinal))
            {
                var read = new RunRequest { Stages = new TargetSelection { StageNames = api.Select(f => f.StageName).Distinct().ToList() } };
                read.Apis.Add(new RestApiSummary(api.Key, ""));
                await _scanner.ScanAsync(read, (targets, errors) =>
                {
                    var named = new List<IntegrationTarget>();
                    foreach (var failure in api)
                    {
                        var selected = FailureTargets.Select(failure, targets);
                        matched[failure] = selected.Count > 0;
                        named.AddRange(selected.Where(t => !named.Contains(t)));
                    }

                    return JudgeAsync(named, errors);
                }, observer).ConfigureAwait(false);
            }

            foreach (var failure in failures.Where(f => matched.TryGetValue(f, out var found) && !found))
            {
                observer.Warned($"No target that stage '{failure.StageName}' of REST API {failure.RestApiId} serves now matches the logged failure " +
                    $"({failure.Kind} {failure.HttpMethod} {failure.ResourcePath} → {failure.FunctionArn}): it may have been redeployed since it was logged.");
            }
        }

        /// <summary>
        /// Judges each function's targets as soon as that function's own policies are read (a target's verdict needs no other
        /// function's evidence), and starts its deeper diagnosis then, instead of after every policy of the API: the
        /// diagnosis' list reads use another quota than GetPolicy and so run beside the other policy reads, where started at
        /// the end they form a tail of their own. Functions with a role-based target are judged on the whole API's evidence:
        /// a role read for some of the API's functions would be repeated for the rest. The whole API's read reports the errors.
        /// </summary>
        private async Task<Judgement> JudgeAsync(IReadOnlyList<IntegrationTarget> targets, List<RunError> errors)
        {
            var functions = targets.Select((target, index) => (Target: target, Index: index))
                .GroupBy(t => t.Target.FunctionName, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
            var early = functions.Select(f => JudgeFunctionAsync(f.Select(t => t.Target).ToList())).ToList();
            var evidence = await _evidence.CollectAsync(EvidenceNeeds.For(targets), errors).ConfigureAwait(false);
            var judged = await Task.WhenAll(early).ConfigureAwait(false);

            var findings = new PermissionFinding[targets.Count];
            var late = new List<IntegrationTarget>();
            var lateIndexes = new List<int>();
            for (var f = 0; f < functions.Count; f++)
            {
                if (judged[f] is not { } function)
                {
                    late.AddRange(functions[f].Select(t => t.Target));
                    lateIndexes.AddRange(functions[f].Select(t => t.Index));
                    continue;
                }

                for (var i = 0; i < functions[f].Count; i++)
                {
                    findings[functions[f][i].Index] = function.Findings[i];
                }

                // The function's diagnosis reads join the API's evidence (the judgement carries what it was judged on).
                var name = functions[f][0].Target.FunctionName;
                foreach (var pair in name == null ? Enumerable.Empty<KeyValuePair<string?, PolicyLookup>>() : function.Evidence.PoliciesOf(name))
                {
                    evidence.AddPolicy(name!, pair.Key, pair.Value);
                }
            }

            var lateFindings = await DiagnoseAsync(late, late.Select(t => PermissionEvaluator.Evaluate(t, evidence)).ToList(), evidence).ConfigureAwait(false);
            for (var i = 0; i < late.Count; i++)
            {
                findings[lateIndexes[i]] = lateFindings[i];
            }

            return new Judgement(findings, evidence);
        }

        /// <summary>One function's targets judged on its own policies (read once per run, shared); null when a role decides one of them.</summary>
        private async Task<(List<PermissionFinding> Findings, EvidenceSet Evidence)?> JudgeFunctionAsync(IReadOnlyList<IntegrationTarget> targets)
        {
            var needs = EvidenceNeeds.For(targets);
            if (needs.Roles.Count > 0)
            {
                return null;
            }

            var evidence = await _evidence.CollectAsync(needs, null).ConfigureAwait(false);
            var findings = await DiagnoseAsync(targets, targets.Select(t => PermissionEvaluator.Evaluate(t, evidence)).ToList(), evidence).ConfigureAwait(false);
            return (findings, evidence);
        }

        /// <summary>
        /// Deeper diagnosis, only for functions with a denied target: their other qualifiers' policies (added to
        /// <paramref name="evidence"/>), then those targets judged again (a grant on an alias or another version is
        /// QualifierMismatch, docs/aws-rules.md §11.6).
        /// </summary>
        private async Task<List<PermissionFinding>> DiagnoseAsync(IReadOnlyList<IntegrationTarget> targets, List<PermissionFinding> findings, EvidenceSet evidence)
        {
            var denied = findings.Where(NeedsDiagnosis).Select(f => f.FunctionName).Distinct(StringComparer.Ordinal).ToList();
            if (denied.Count == 0)
            {
                return findings;
            }

            var others = await Task.WhenAll(denied.Select(f => _evidence.OtherQualifiersAsync(f, evidence))).ConfigureAwait(false);
            for (var i = 0; i < denied.Count; i++)
            {
                foreach (var pair in others[i])
                {
                    evidence.AddPolicy(denied[i], pair.Key, pair.Value);
                }
            }

            return findings.Select((f, i) => NeedsDiagnosis(f) ? PermissionEvaluator.Evaluate(targets[i], evidence) : f).ToList();
        }

        private static bool NeedsDiagnosis(PermissionFinding finding) =>
            finding.Status == PermissionStatus.Denied && (finding.Cause == PermissionCause.NoPolicy || finding.Cause == PermissionCause.NoMatchingStatement);
    }
}
