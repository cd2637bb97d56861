using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Apis;
using LambdaPermTools.Arns;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Hygiene;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Lists the API Gateway statements of functions' resource policies with what each is still used for, frugally: one
    /// GetRestApis and one GetApis listing of the region answer "does this API exist" for every statement (REST, HTTP and
    /// WebSocket APIs share the execute-api ARN); per function one ListAliases (unless a qualifier was named) and one
    /// GetPolicy per qualifier that can have a policy (unqualified, aliases, versions that are aliased or invoked); per API
    /// that a statement names and that exists, the reads of a scan (ApiScanner), once.
    /// </summary>
    internal sealed class GrantLister
    {
        private readonly RunContext _run;
        private readonly ApiScanner _scanner;
        private readonly SemaphoreSlim _gate;

        public GrantLister(RunContext run, ApiScanner scanner, int maxConcurrentReads)
        {
            _run = run;
            _scanner = scanner;
            _gate = new SemaphoreSlim(maxConcurrentReads);
        }

        public async Task ListAsync(RunRequest request, IRunObserver<IReadOnlyList<PermissionGrant>> observer)
        {
            var region = _run.Services.Region;
            var restApis = await ListRestApisAsync(_run.Services, observer).ConfigureAwait(false);
            var v2Apis = await ListV2ApisAsync(_run.Services, observer).ConfigureAwait(false);
            var elsewhere = ApisElsewhereAsync(request.ApiRegions, observer);
            var existing = restApis == null || v2Apis == null ? null : new HashSet<string>(restApis.Keys.Concat(v2Apis.Keys), StringComparer.Ordinal);
            string caller;
            try
            {
                caller = await _run.CallerAccountAsync().ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                // Without the account no statement can be told this account's from another's: nothing is judged, said once.
                observer.Failed(RunError.FromAws(e, region, "the credentials' account"));
                return;
            }

            var targets = new ConcurrentBag<IntegrationTarget>();
            var read = new HashSet<string>(StringComparer.Ordinal);

            // The selected APIs: their targets name the functions to read, and answer the usage of their own grants.
            var selected = request.Apis.Select(a => a.Id).ToList();
            if (request.AllApis && restApis != null)
            {
                selected.AddRange(restApis.Keys);
            }

            var selectedV2 = v2Apis?.Values.Where(a => request.AllV2Types.Contains(a.Type) || request.V2ApiIds.Contains(a.Id)).ToList() ?? new List<V2ApiSummary>();
            foreach (var missing in v2Apis == null ? new string[0] : request.V2ApiIds.Distinct(StringComparer.Ordinal).Where(id => !v2Apis.ContainsKey(id)))
            {
                observer.Failed(RunError.V2ApiNotFound(missing, region));
            }

            await ScanAsync(selected, restApis, selectedV2, read, targets, observer).ConfigureAwait(false);

            var functions = new Dictionary<string, SortedSet<string>?>(StringComparer.Ordinal);
            foreach (var target in targets.Where(t => t.FunctionName.Length > 0 && t.FunctionAccountId == caller))
            {
                Want(functions, target.FunctionName, null);
            }

            foreach (var name in request.Functions)
            {
                if (FunctionArn.TryParse(name, new FunctionDefaults(_run.Services.Partition, region, caller), out var arn, out var problem))
                {
                    Want(functions, arn!.Unqualified, arn.Qualifier);
                }
                else
                {
                    observer.Failed(new RunError(ErrorId.FunctionNotFound, $"'{name}' names no function: {problem}", name, "Pass a function name or ARN, or pipe Get-LMFunctionList output."));
                }
            }

            if (request.AllFunctions)
            {
                foreach (var arn in await ListFunctionsAsync(observer).ConfigureAwait(false))
                {
                    Want(functions, arn, null);
                }
            }

            var invoked = targets.Where(t => !string.IsNullOrEmpty(t.Qualifier)).ToLookup(t => t.FunctionName, t => t.Qualifier!, StringComparer.Ordinal);
            var done = 0;
            var policies = (await Task.WhenAll(functions.Select(async f =>
                {
                    var read = await ReadPoliciesAsync(f.Key, f.Value, invoked[f.Key], observer).ConfigureAwait(false);
                    observer.Progressed(Interlocked.Increment(ref done), functions.Count, "function " + FunctionArn.NameOf(f.Key));
                    return read;
                })).ConfigureAwait(false))
                .SelectMany(p => p).ToList();

            // The APIs the statements name that exist and were not read yet: read each once, for every policy.
            var named = policies.SelectMany(p => GrantClassifier.ApisNamed(p.PolicyJson, caller, p.Region))
                .Where(id => existing?.Contains(id) == true && !read.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
            var namedV2 = named.Where(id => v2Apis?.ContainsKey(id) == true).Select(id => v2Apis![id]).ToList();
            await ScanAsync(named.Except(namedV2.Select(a => a.Id)).ToList(), restApis, namedV2, read, targets, observer).ConfigureAwait(false);

            var all = targets.ToList();
            var apiIdsElsewhere = await elsewhere.ConfigureAwait(false);
            foreach (var policy in policies)
            {
                policy.CallerAccountId = caller;
                policy.ExistingApiIds = policy.Region == region ? existing : null;
                policy.ApiRegions = request.ApiRegions;
                policy.ApiIdsElsewhere = apiIdsElsewhere;
                policy.ReadApiIds = read;
                policy.Targets = all;
                observer.Delivered(GrantClassifier.Classify(policy));
            }
        }

        /// <summary>A function to read: every qualifier (null), or only the ones named ("" = unqualified).</summary>
        private static void Want(Dictionary<string, SortedSet<string>?> functions, string arn, string? qualifier)
        {
            if (!functions.TryGetValue(arn, out var qualifiers))
            {
                functions[arn] = qualifier == null ? null : new SortedSet<string>(StringComparer.Ordinal) { qualifier };
            }
            else if (qualifier == null)
            {
                functions[arn] = null;
            }
            else
            {
                qualifiers?.Add(qualifier);
            }
        }

        /// <summary>The region's REST APIs by id; their names spare the scan a GetRestApi per API.</summary>
        private async Task<IReadOnlyDictionary<string, RestApiSummary>?> ListRestApisAsync<T>(IAwsServices services, IRunObserver<T> observer)
        {
            try
            {
                var apis = await services.ApiGateway.GetRestApisAsync(_run.Cancellation).ConfigureAwait(false);
                return apis.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            }
            catch (AwsServiceException e)
            {
                observer.Failed(RunError.FromAws(e, services.Region, $"the REST APIs of region {services.Region}"));
                return null;
            }
        }

        private async Task<IReadOnlyDictionary<string, V2ApiSummary>?> ListV2ApisAsync<T>(IAwsServices services, IRunObserver<T> observer)
        {
            try
            {
                var apis = await services.ApiGatewayV2.GetApisAsync(_run.Cancellation).ConfigureAwait(false);
                return apis.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            }
            catch (AwsServiceException e)
            {
                observer.Failed(RunError.FromAws(e, services.Region, $"the HTTP and WebSocket APIs of region {services.Region}"));
                return null;
            }
        }

        /// <summary>The API ids of the other regions named by -ApiRegion, with their region (each region's two listings at once); null when one failed.</summary>
        private async Task<IReadOnlyDictionary<string, string>?> ApisElsewhereAsync<T>(IReadOnlyList<string> regions, IRunObserver<T> observer)
        {
            var others = regions.Where(r => r != _run.Services.Region).Distinct(StringComparer.Ordinal).ToList();
            var listings = await Task.WhenAll(others.Select(async region =>
            {
                var services = _run.ServicesIn(region);
                var rest = ListRestApisAsync(services, observer);
                var v2 = ListV2ApisAsync(services, observer);
                return (Region: region, RestApis: await rest.ConfigureAwait(false), V2Apis: await v2.ConfigureAwait(false));
            })).ConfigureAwait(false);
            if (listings.Any(l => l.RestApis == null || l.V2Apis == null))
            {
                return null;
            }

            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var listing in listings)
            {
                foreach (var id in listing.RestApis!.Keys.Concat(listing.V2Apis!.Keys))
                {
                    found[id] = listing.Region;
                }
            }

            return found;
        }

        private async Task<IReadOnlyList<string>> ListFunctionsAsync<T>(IRunObserver<T> observer)
        {
            try
            {
                return await _run.Services.Lambda(_run.Services.Region).ListFunctionsAsync(_run.Cancellation).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                observer.Failed(RunError.FromAws(e, _run.Services.Region, $"the functions of region {_run.Services.Region}"));
                return new string[0];
            }
        }

        /// <summary>Reads REST APIs by id (named from the listing where it has them) and HTTP and WebSocket APIs as listed (so the scan needs no listing of its own).</summary>
        private async Task ScanAsync<T>(IReadOnlyCollection<string> apiIds, IReadOnlyDictionary<string, RestApiSummary>? restApis, IReadOnlyCollection<V2ApiSummary> v2Apis,
            HashSet<string> read, ConcurrentBag<IntegrationTarget> targets, IRunObserver<T> observer)
        {
            if (apiIds.Count == 0 && v2Apis.Count == 0)
            {
                return;
            }

            var scan = new RunRequest();
            scan.Apis.AddRange(apiIds.Select(id => restApis != null && restApis.TryGetValue(id, out var api) ? api : new RestApiSummary(id, "")));
            scan.V2Apis.AddRange(v2Apis);
            var collector = new Collector<T>(observer);
            await _scanner.ScanTargetsAsync(scan, collector).ConfigureAwait(false);
            foreach (var list in collector.Results)
            {
                foreach (var target in list)
                {
                    targets.Add(target);
                }

                read.UnionWith(list.Select(t => t.ApiId));
            }

            // An API without targets was read too; only the ones that failed are missing from Failed's targets.
            read.UnionWith(apiIds.Concat(v2Apis.Select(a => a.Id)).Except(collector.FailedApis, StringComparer.Ordinal));
        }

        /// <summary>Every policy the function has at the wanted qualifiers; a 404 is "no policy" (or no such qualifier).</summary>
        private async Task<IReadOnlyList<GrantPolicy>> ReadPoliciesAsync<T>(string functionArn, SortedSet<string>? wanted, IEnumerable<string> invoked, IRunObserver<T> observer)
        {
            var lambda = _run.LambdaOf(functionArn);
            var qualifiers = wanted;
            if (qualifiers == null)
            {
                qualifiers = new SortedSet<string>(StringComparer.Ordinal) { "" };
                qualifiers.UnionWith(invoked.Where(q => !FunctionArn.IsLatestQualifier(q)));
                try
                {
                    var aliases = await Gated(() => lambda.ListAliasesAsync(functionArn, _run.Cancellation)).ConfigureAwait(false);
                    qualifiers.UnionWith(aliases.Select(a => a.Name));
                    qualifiers.UnionWith(aliases.Select(a => a.FunctionVersion).Where(v => v.Length > 0 && !FunctionArn.IsLatestQualifier(v)));
                }
                catch (AwsServiceException e)
                {
                    observer.Failed(RunError.ForFunction(e, functionArn));
                    return new GrantPolicy[0];
                }
            }

            var reads = await Task.WhenAll(qualifiers.Select(q => ReadPolicyAsync(lambda, functionArn, q, observer))).ConfigureAwait(false);
            return reads.Where(p => p != null).Select(p => p!).ToList();
        }

        private async Task<GrantPolicy?> ReadPolicyAsync<T>(ILambdaPort lambda, string functionArn, string qualifier, IRunObserver<T> observer)
        {
            try
            {
                var policy = await Gated(() => lambda.GetPolicyAsync(functionArn, qualifier.Length == 0 ? null : qualifier, _run.Cancellation)).ConfigureAwait(false);
                return new GrantPolicy
                {
                    FunctionArn = functionArn,
                    Qualifier = qualifier,
                    Region = FunctionArn.Parse(functionArn).Region,
                    PolicyJson = policy.PolicyJson,
                };
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                return null;
            }
            catch (AwsServiceException e)
            {
                observer.Failed(RunError.ForFunction(e, qualifier.Length == 0 ? functionArn : functionArn + ":" + qualifier));
                return null;
            }
        }

        private async Task<TResult> Gated<TResult>(Func<Task<TResult>> read)
        {
            await _gate.WaitAsync(_run.Cancellation).ConfigureAwait(false);
            try
            {
                return await read().ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Keeps a scan's target lists and passes its errors and progress on to the listing's observer.</summary>
        private sealed class Collector<T> : IRunObserver<IReadOnlyList<IntegrationTarget>>
        {
            private readonly IRunObserver<T> _outer;

            public Collector(IRunObserver<T> outer)
            {
                _outer = outer;
            }

            public ConcurrentBag<IReadOnlyList<IntegrationTarget>> Results { get; } = new ConcurrentBag<IReadOnlyList<IntegrationTarget>>();

            public ConcurrentBag<string> FailedApis { get; } = new ConcurrentBag<string>();

            public void Delivered(IReadOnlyList<IntegrationTarget> result) => Results.Add(result);

            public void Failed(RunError error)
            {
                if (error.Target is string api)
                {
                    FailedApis.Add(api);
                }

                _outer.Failed(error);
            }

            public void Progressed(int completed, int total, string restApiId) => _outer.Progressed(completed, total, "API " + restApiId);

            public void Warned(string warning) => _outer.Warned(warning);
        }
    }
}
