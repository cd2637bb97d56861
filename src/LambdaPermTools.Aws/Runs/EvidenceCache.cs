using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Arns;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Lambda and IAM reads for one run, each done once however many APIs and targets need it:
    /// one GetPolicy per function and qualifier (a 404 followed by one GetFunction to tell NoPolicy from
    /// FunctionNotFound), one GetRole per role, SimulatePrincipalPolicy only for ARNs not yet simulated.
    /// Thread-safe: APIs are scanned concurrently and share the reads.
    /// </summary>
    internal sealed class EvidenceCache
    {
        private readonly RunContext _run;
        private readonly SemaphoreSlim _policyGate;
        private readonly SemaphoreSlim _otherGate;
        private readonly ConcurrentDictionary<string, Lazy<Task<Read<PolicyLookup>>>> _policies = new ConcurrentDictionary<string, Lazy<Task<Read<PolicyLookup>>>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Lazy<Task<Read<string>>>> _trustPolicies = new ConcurrentDictionary<string, Lazy<Task<Read<string>>>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, RoleDecisions> _decisions = new ConcurrentDictionary<string, RoleDecisions>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>?>>> _qualifiers = new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>?>>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, bool> _reported = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        public EvidenceCache(RunContext run, int maxConcurrentReads)
        {
            _run = run;
            _policyGate = new SemaphoreSlim(maxConcurrentReads);
            _otherGate = new SemaphoreSlim(maxConcurrentReads);
        }

        /// <summary>
        /// Reads what <paramref name="request"/> asks for. Failures become lookups with a status; each unexpected one is returned
        /// once per run as an error, unless <paramref name="errors"/> is null (a look ahead whose reads a later collect reports).
        /// </summary>
        public async Task<EvidenceSet> CollectAsync(EvidenceRequest request, List<RunError>? errors)
        {
            var policyReads = request.Policies.Select(p => (p.Key, p.Value, Task: PolicyAsync(p.Key, p.Value))).ToList();
            var roleReads = request.Roles.Select(r => (r.Key, Task: RoleAsync(r.Key, r.Value))).ToList();
            await Task.WhenAll(policyReads.Select(p => (Task)p.Task).Concat(roleReads.Select(r => (Task)r.Task))).ConfigureAwait(false);

            var evidence = new EvidenceSet();
            foreach (var (function, qualifier, task) in policyReads)
            {
                evidence.AddPolicy(function, qualifier, Report(task.Result, "policy:" + function + ":" + qualifier, errors));
            }

            foreach (var (role, task) in roleReads)
            {
                evidence.AddRole(role, Report(task.Result, "role:" + role, errors));
            }

            return evidence;
        }

        /// <summary>
        /// Deeper diagnosis for a function with a denied target (docs/aws-rules.md §11.6): the policies of its aliases and
        /// versions not read yet, so that a grant on another qualifier is found. One ListAliases and one
        /// ListVersionsByFunction per function and one GetPolicy per qualifier per run. Failed reads come back as such, and
        /// null means the qualifiers could not be listed: the verdict they would refine stays true for the target's own
        /// qualifier, and the finding says which part of the diagnosis is missing.
        /// </summary>
        public async Task<IReadOnlyList<KeyValuePair<string, PolicyLookup>>?> OtherQualifiersAsync(string functionArn, EvidenceSet known)
        {
            var qualifiers = await _qualifiers.GetOrAdd(functionArn, _ => new Lazy<Task<IReadOnlyList<string>?>>(() => ListQualifiersAsync(functionArn))).Value.ConfigureAwait(false);
            if (qualifiers == null)
            {
                return null;
            }

            var reads = qualifiers.Where(q => known.GetPolicy(functionArn, q) == null)
                .Select(q => (Qualifier: q, Task: _policies.GetOrAdd(functionArn + "\n" + q, _ => new Lazy<Task<Read<PolicyLookup>>>(() => Gated(_policyGate, () => ReadListedPolicyAsync(functionArn, q)))).Value))
                .ToList();
            await Task.WhenAll(reads.Select(r => r.Task)).ConfigureAwait(false);
            return reads.Select(r => new KeyValuePair<string, PolicyLookup>(r.Qualifier, r.Task.Result.Value)).ToList();
        }

        /// <summary>The function's aliases and versions, or null when Lambda would not list them.</summary>
        private async Task<IReadOnlyList<string>?> ListQualifiersAsync(string functionArn)
        {
            var lambda = _run.LambdaOf(functionArn);
            try
            {
                // Independent lists: one round trip for both.
                var aliases = Gated(_otherGate, () => lambda.ListAliasesAsync(functionArn, _run.Cancellation));
                var versions = Gated(_otherGate, () => lambda.ListVersionsAsync(functionArn, _run.Cancellation));
                await Task.WhenAll(aliases, versions).ConfigureAwait(false);
                return aliases.Result.Select(a => a.Name).Concat(versions.Result).ToList();
            }
            catch (AwsServiceException)
            {
                return null;
            }
        }

        /// <summary>GetPolicy of a qualifier Lambda just listed: a 404 is "no policy" (it exists), so no GetFunction follows.</summary>
        private async Task<Read<PolicyLookup>> ReadListedPolicyAsync(string functionArn, string qualifier)
        {
            try
            {
                var policy = await _run.LambdaOf(functionArn).GetPolicyAsync(functionArn, qualifier, _run.Cancellation).ConfigureAwait(false);
                return new Read<PolicyLookup>(new PolicyLookup { Status = LookupStatus.Found, PolicyJson = policy.PolicyJson, RevisionId = policy.RevisionId });
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                return new Read<PolicyLookup>(new PolicyLookup { Status = LookupStatus.NoPolicy, Message = e.Message });
            }
            catch (AwsServiceException e)
            {
                return PolicyFailure(e, functionArn, qualifier);
            }
        }

        private T Report<T>(Read<T> read, string key, List<RunError>? errors)
        {
            if (read.Error != null && errors != null && _reported.TryAdd(key, true))
            {
                errors.Add(read.Error);
            }

            return read.Value;
        }

        private Task<Read<PolicyLookup>> PolicyAsync(string functionArn, string? qualifier) =>
            _policies.GetOrAdd(functionArn + "\n" + qualifier, _ => new Lazy<Task<Read<PolicyLookup>>>(() => Gated(_policyGate, () => ReadPolicyAsync(functionArn, qualifier)))).Value;

        private async Task<Read<PolicyLookup>> ReadPolicyAsync(string functionArn, string? qualifier)
        {
            var lambda = _run.LambdaOf(functionArn);
            try
            {
                var policy = await lambda.GetPolicyAsync(functionArn, qualifier, _run.Cancellation).ConfigureAwait(false);
                return new Read<PolicyLookup>(new PolicyLookup { Status = LookupStatus.Found, PolicyJson = policy.PolicyJson, RevisionId = policy.RevisionId });
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                try
                {
                    var exists = await lambda.FunctionExistsAsync(functionArn, qualifier, _run.Cancellation).ConfigureAwait(false);
                    return new Read<PolicyLookup>(new PolicyLookup { Status = exists ? LookupStatus.NoPolicy : LookupStatus.NotFound, Message = e.Message });
                }
                catch (AwsServiceException inner)
                {
                    return PolicyFailure(inner, functionArn, qualifier);
                }
            }
            catch (AwsServiceException e)
            {
                return PolicyFailure(e, functionArn, qualifier);
            }
        }

        /// <summary>
        /// AccessDenied is a finding (Unknown), not an error: AWS's message goes into the Reason, which also names the
        /// function's account when it is not the API's (the evaluator compares the target's accounts).
        /// </summary>
        private static Read<PolicyLookup> PolicyFailure(AwsServiceException e, string functionArn, string? qualifier)
        {
            if (e.Kind == AwsErrorKind.AccessDenied)
            {
                return new Read<PolicyLookup>(new PolicyLookup { Status = LookupStatus.AccessDenied, Message = e.Message });
            }

            var shown = qualifier == null ? functionArn : functionArn + ":" + qualifier;
            return new Read<PolicyLookup>(new PolicyLookup { Status = LookupStatus.Failed, Message = e.Message }, RunError.FromAws(e, shown, $"function '{shown}'"));
        }

        private async Task<Read<RoleLookup>> RoleAsync(string roleArn, IReadOnlyList<string> functionArns)
        {
            var trust = await _trustPolicies.GetOrAdd(roleArn, _ => new Lazy<Task<Read<string>>>(() => Gated(_otherGate, () => ReadTrustAsync(roleArn)))).Value.ConfigureAwait(false);
            if (trust.Error != null || trust.Status != LookupStatus.Found)
            {
                return new Read<RoleLookup>(new RoleLookup { Status = trust.Status, Message = trust.Message }, trust.Error);
            }

            var decisions = _decisions.GetOrAdd(roleArn, _ => new RoleDecisions());
            var failure = await decisions.EnsureAsync(functionArns, missing => Gated(_otherGate, () => _run.Services.Iam.SimulatePrincipalPolicyAsync(roleArn, LambdaPermission.InvokeAction, missing, _run.Cancellation))).ConfigureAwait(false);
            if (failure != null)
            {
                var status = failure.Kind == AwsErrorKind.AccessDenied ? LookupStatus.AccessDenied : LookupStatus.Failed;
                var error = status == LookupStatus.Failed ? RunError.FromAws(failure, roleArn, $"role '{roleArn}'") : null;
                return new Read<RoleLookup>(new RoleLookup { Status = status, TrustPolicyJson = trust.Value, Message = failure.Message }, error);
            }

            var lookup = new RoleLookup { Status = LookupStatus.Found, TrustPolicyJson = trust.Value };
            foreach (var arn in functionArns)
            {
                if (decisions.TryGet(arn, out var decision))
                {
                    lookup.InvokeDecisions[arn] = decision;
                }
            }

            return new Read<RoleLookup>(lookup);
        }

        private async Task<Read<string>> ReadTrustAsync(string roleArn)
        {
            try
            {
                var trust = await _run.Services.Iam.GetRoleTrustPolicyAsync(CredentialsArn.Classify(roleArn).RoleName, _run.Cancellation).ConfigureAwait(false);
                return new Read<string>(trust);
            }
            catch (AwsServiceException e)
            {
                switch (e.Kind)
                {
                    case AwsErrorKind.NotFound:
                        return new Read<string>("", status: LookupStatus.NotFound, message: e.Message);
                    case AwsErrorKind.AccessDenied:
                        return new Read<string>("", status: LookupStatus.AccessDenied, message: $"The credentials may not read role {roleArn} (iam:GetRole denied): {e.Message}");
                    default:
                        return new Read<string>("", RunError.FromAws(e, roleArn, $"role '{roleArn}'"), LookupStatus.Failed, e.Message);
                }
            }
        }

        /// <summary>
        /// At most N reads in flight across all APIs per gate; their rate is the token buckets'. GetPolicy has a gate of its own
        /// (its own quota, docs/aws-rules.md §6.2): queued behind hundreds of policy reads, the diagnosis' ListAliases and
        /// ListVersionsByFunction would leave the rest of Lambda's control-plane quota idle until the policies end.
        /// </summary>
        private async Task<T> Gated<T>(SemaphoreSlim gate, Func<Task<T>> read)
        {
            await gate.WaitAsync(_run.Cancellation).ConfigureAwait(false);
            try
            {
                return await read().ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>A read's value, with the error to report when it failed unexpectedly.</summary>
        private sealed class Read<T>
        {
            public Read(T value, RunError? error = null, LookupStatus status = LookupStatus.Found, string? message = null)
            {
                Value = value;
                Error = error;
                Status = status;
                Message = message;
            }

            public T Value { get; }
            public RunError? Error { get; }
            public LookupStatus Status { get; }
            public string? Message { get; }
        }

        /// <summary>One role's SimulatePrincipalPolicy decisions, filled in only for ARNs not asked about before.</summary>
        private sealed class RoleDecisions
        {
            private readonly SemaphoreSlim _lock = new SemaphoreSlim(1);
            private readonly ConcurrentDictionary<string, string> _byArn = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

            public async Task<AwsServiceException?> EnsureAsync(IReadOnlyList<string> arns, Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, string>>> simulate)
            {
                await _lock.WaitAsync().ConfigureAwait(false);
                try
                {
                    var missing = arns.Where(a => !_byArn.ContainsKey(a)).Distinct().ToList();
                    if (missing.Count == 0)
                    {
                        return null;
                    }

                    foreach (var decision in await simulate(missing).ConfigureAwait(false))
                    {
                        _byArn[decision.Key] = decision.Value;
                    }

                    return null;
                }
                catch (AwsServiceException e)
                {
                    return e;
                }
                finally
                {
                    _lock.Release();
                }
            }

            public bool TryGet(string arn, out string decision) => _byArn.TryGetValue(arn, out decision!);
        }
    }
}
