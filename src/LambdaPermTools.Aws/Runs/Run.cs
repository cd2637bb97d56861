using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Arns;
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
                await _scanner.ScanTargetsAsync(request, observer).ConfigureAwait(false);
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
        /// reading their APIs (one judgement, in their order), then the requested APIs are read and judged, one judgement per
        /// function of an API as soon as that function's policies are read: findings stream instead of waiting, in memory,
        /// for the API's last function.
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
                var judgement = await JudgeInOrderAsync(targets, errors, observer).ConfigureAwait(false);
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
                await _scanner.ScanAsync<Judgement>(request, (targets, errors, deliver) => JudgeAsync(targets, errors, (indexes, judgement) => deliver(judgement)), observer).ConfigureAwait(false);
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
                await _scanner.ScanAsync<Judgement>(read, (targets, errors, deliver) =>
                {
                    var named = new List<IntegrationTarget>();
                    foreach (var failure in api)
                    {
                        var selected = FailureTargets.Select(failure, targets);
                        matched[failure] = selected.Count > 0;
                        named.AddRange(selected.Where(t => !named.Contains(t)));
                    }

                    return JudgeAsync(named, errors, (indexes, judgement) => deliver(judgement));
                }, observer).ConfigureAwait(false);
            }

            foreach (var failure in failures.Where(f => matched.TryGetValue(f, out var found) && !found))
            {
                observer.Warned($"No target that stage '{failure.StageName}' of REST API {failure.RestApiId} serves now matches the logged failure " +
                    $"({failure.Kind} {failure.HttpMethod} {failure.ResourcePath} → {failure.FunctionArn}): it may have been redeployed since it was logged.");
            }
        }

        /// <summary>Judges <paramref name="targets"/> into one judgement whose findings are in the targets' order (a route's: authorizer, then integration).</summary>
        private async Task<Judgement> JudgeInOrderAsync<T>(IReadOnlyList<IntegrationTarget> targets, List<RunError> errors, IRunObserver<T> observer)
        {
            var findings = new PermissionFinding[targets.Count];
            var evidence = new EvidenceSet();
            var judged = 0;
            await JudgeAsync(targets, errors, (indexes, judgement) =>
            {
                lock (findings)
                {
                    for (var i = 0; i < indexes.Count; i++)
                    {
                        findings[indexes[i]] = judgement.Findings[i];
                    }

                    evidence.Add(judgement.Evidence);
                    judged += indexes.Count;
                    observer.Progressed(judged, targets.Count, "function " + FunctionArn.NameOf(targets[indexes[0]].FunctionName));
                }
            }).ConfigureAwait(false);
            return new Judgement(findings, evidence);
        }

        /// <summary>
        /// Judges each function's targets as soon as that function's own policies are read (a target's verdict needs no other
        /// function's evidence) and hands them to <paramref name="judged"/> with their positions in <paramref name="targets"/>;
        /// starts its deeper diagnosis then too, instead of after every policy of the API: the diagnosis' list reads use
        /// another quota than GetPolicy and so run beside the other policy reads, where started at the end they form a tail
        /// of their own. Functions with a role-based target are judged last, together, on the whole API's evidence: a role
        /// read for some of the API's functions would be repeated for the rest. The whole API's read reports the errors.
        /// </summary>
        private Task JudgeAsync(IReadOnlyList<IntegrationTarget> targets, List<RunError> errors, Action<IReadOnlyList<int>, Judgement> judged)
        {
            // Not async, so that nothing holds the API's list: each function's targets go once that function is judged.
            var needs = EvidenceNeeds.For(targets);
            var early = Enumerable.Range(0, targets.Count).GroupBy(i => targets[i].FunctionName, StringComparer.Ordinal)
                .Select(g => JudgeFunctionAsync(g.Select(i => targets[i]).ToList(), g.ToList(), judged)).ToList();
            return JudgeRoleTargetsAsync(needs, early, errors, judged);
        }

        /// <summary>After the whole API's reads (which report its errors), the targets of functions with a role-based target, together.</summary>
        private async Task JudgeRoleTargetsAsync(EvidenceRequest needs, List<Task<FunctionTargets?>> early, List<RunError> errors, Action<IReadOnlyList<int>, Judgement> judged)
        {
            var evidence = await _evidence.CollectAsync(needs, errors).ConfigureAwait(false);
            var late = (await Task.WhenAll(early).ConfigureAwait(false)).Where(f => f != null).Select(f => f!).ToList();
            if (late.Count > 0)
            {
                await JudgeOnAsync(late.SelectMany(f => f.Targets).ToList(), late.SelectMany(f => f.Indexes).ToList(), evidence, judged).ConfigureAwait(false);
            }
        }

        /// <summary>One function's targets judged on its own policies (read once per run, shared); returned unjudged when a role decides one of them.</summary>
        private async Task<FunctionTargets?> JudgeFunctionAsync(List<IntegrationTarget> targets, List<int> indexes, Action<IReadOnlyList<int>, Judgement> judged)
        {
            var needs = EvidenceNeeds.For(targets);
            if (needs.Roles.Count > 0)
            {
                return new FunctionTargets(targets, indexes);
            }

            await JudgeOnAsync(targets, indexes, await _evidence.CollectAsync(needs, null).ConfigureAwait(false), judged).ConfigureAwait(false);
            return null;
        }

        /// <summary>
        /// Judges targets on <paramref name="evidence"/> and hands over at once every finding that needs no deeper diagnosis.
        /// The denied ones whose cause another qualifier may explain wait for it: their functions' other qualifiers' policies,
        /// then those targets judged again (a grant on an alias or another version is QualifierMismatch, docs/aws-rules.md
        /// §11.6), on a copy of the evidence, since the findings handed over already may be read while the diagnosis runs.
        /// </summary>
        private async Task JudgeOnAsync(IReadOnlyList<IntegrationTarget> targets, IReadOnlyList<int> indexes, EvidenceSet evidence, Action<IReadOnlyList<int>, Judgement> judged)
        {
            var waiting = HandOverJudged(targets, indexes, evidence, judged);
            if (waiting.Count == 0)
            {
                return;
            }

            var denied = waiting.Select(i => targets[i].FunctionName).Distinct(StringComparer.Ordinal).ToList();
            var deeper = new EvidenceSet();
            deeper.Add(evidence);
            var others = await Task.WhenAll(denied.Select(f => _evidence.OtherQualifiersAsync(f, deeper))).ConfigureAwait(false);
            for (var i = 0; i < denied.Count; i++)
            {
                if (others[i] == null)
                {
                    deeper.MarkQualifiersUnlisted(denied[i]);
                }

                foreach (var pair in others[i] ?? Array.Empty<KeyValuePair<string, PolicyLookup>>())
                {
                    deeper.AddPolicy(denied[i], pair.Key, pair.Value);
                }
            }

            judged(waiting.Select(i => indexes[i]).ToList(), new Judgement(waiting.Select(i => PermissionEvaluator.Evaluate(targets[i], deeper)).ToList(), deeper));
        }

        /// <summary>Judges the targets, hands over the findings that need no deeper diagnosis, and returns the positions of the rest (their findings are not kept: they are judged again).</summary>
        private static List<int> HandOverJudged(IReadOnlyList<IntegrationTarget> targets, IReadOnlyList<int> indexes, EvidenceSet evidence, Action<IReadOnlyList<int>, Judgement> judged)
        {
            var findings = targets.Select(t => PermissionEvaluator.Evaluate(t, evidence)).ToList();
            var waiting = Enumerable.Range(0, findings.Count).Where(i => NeedsDiagnosis(findings[i])).ToList();
            if (waiting.Count < findings.Count)
            {
                var now = Enumerable.Range(0, findings.Count).Except(waiting).ToList();
                judged(now.Select(i => indexes[i]).ToList(), new Judgement(now.Select(i => findings[i]).ToList(), evidence));
            }

            return waiting;
        }

        private static bool NeedsDiagnosis(PermissionFinding finding) =>
            finding.Status == PermissionStatus.Denied && (finding.Cause == PermissionCause.NoPolicy || finding.Cause == PermissionCause.NoMatchingStatement);

        /// <summary>One function's targets and their positions in the API's list.</summary>
        private sealed class FunctionTargets
        {
            public FunctionTargets(List<IntegrationTarget> targets, List<int> indexes)
            {
                Targets = targets;
                Indexes = indexes;
            }

            public List<IntegrationTarget> Targets { get; }
            public List<int> Indexes { get; }
        }
    }
}
