using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// An in-memory AWS account (API Gateway, Lambda, IAM, STS) that follows AWS's real semantics and records
    /// every call. Inject it through the documented hook:
    /// <code>
    /// $fake = [LambdaPermTools.TestDoubles.FakeAws]::new()
    /// [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory = $fake   # $null restores the real clients
    /// </code>
    /// Every port method is thread-safe: the cmdlets scan several APIs at once.
    /// </summary>
    public sealed class FakeAws : IAwsServicesFactory
    {
        private readonly object _sync = new object();
        private readonly List<FakeRestApi> _apis = new List<FakeRestApi>();
        private readonly Dictionary<FakeRestApi, string> _apiRegions = new Dictionary<FakeRestApi, string>();
        private readonly Dictionary<(string Region, string Name), FakeDomainName> _domains = new Dictionary<(string Region, string Name), FakeDomainName>();
        private readonly List<(FakeV2Api Api, string Region)> _v2Apis = new List<(FakeV2Api, string)>();
        private readonly Dictionary<string, FakeFunction> _functions = new Dictionary<string, FakeFunction>(StringComparer.Ordinal);
        private readonly Dictionary<string, FakeRole> _roles = new Dictionary<string, FakeRole>(StringComparer.Ordinal);
        private readonly List<FakeCall> _calls = new List<FakeCall>();
        private readonly List<ConnectionOptions> _connections = new List<ConnectionOptions>();
        private readonly List<Injection> _injections = new List<Injection>();
        private readonly HashSet<string> _crossAccountReadable = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _concurrentChanges = new Dictionary<string, int>(StringComparer.Ordinal);
        private ConnectionException? _connectionFailure;
        private bool _concurrentSameStatement;
        private readonly FakeTraffic _traffic = new FakeTraffic();
        private readonly FakeLogGroups _logs = new FakeLogGroups();
        private ConnectionException? _callFailure;
        private int _callsBeforeFailure;

        /// <summary>The account of the credentials (GetCallerIdentity), which owns the APIs.</summary>
        public string CallerAccount { get; set; } = "111122223333";

        /// <summary>The region used when the cmdlet passes none (as if from a profile); null = no region anywhere.</summary>
        public string? DefaultRegion { get; set; } = "us-east-1";

        /// <summary>How long every call takes (to test concurrency and Ctrl+C); a cancelled call ends at once.</summary>
        public int CallDelayMilliseconds { get; set; }

        /// <summary>Items per page for GetRestApis/GetResources/GetAuthorizers (small, so paging is exercised).</summary>
        public int PageSize { get; set; } = 2;

        /// <summary>Log events FilterLogEvents searches per page (matching or not), so that paging and empty pages are exercised.</summary>
        public int LogPageSize { get; set; } = 50;

        // ---- builder -------------------------------------------------------------------------------

        public FakeRestApi AddRestApi(string id, string name, string? region = null)
        {
            lock (_sync)
            {
                var api = new FakeRestApi(id, name, _sync);
                _apis.Add(api);
                _apiRegions[api] = Absent(region) ?? DefaultRegion ?? "us-east-1";
                return api;
            }
        }

        /// <summary>CreateDomainName: a custom domain name of this region (regional, or edge as its region's API Gateway keeps it), routing by <paramref name="routingMode"/> as GetDomainName spells it.</summary>
        public FakeDomainName AddDomainName(string name, string routingMode = "BASE_PATH_MAPPING_ONLY", string? region = null)
        {
            lock (_sync)
            {
                var domain = new FakeDomainName(name.ToLowerInvariant(), routingMode, _sync);
                _domains[(Absent(region) ?? DefaultRegion ?? "us-east-1", domain.Name)] = domain;
                return domain;
            }
        }

        /// <summary>An HTTP API (no routes or stages yet).</summary>
        public FakeV2Api AddHttpApi(string id, string name, string? region = null) => AddV2Api(id, name, ApiType.Http, region);

        /// <summary>A WebSocket API (no routes or stages yet).</summary>
        public FakeV2Api AddWebSocketApi(string id, string name, string? region = null) => AddV2Api(id, name, ApiType.WebSocket, region);

        /// <summary>As CreateApi with a Target: a $default route, an AWS_PROXY integration to the function and an auto-deploying $default stage.</summary>
        public FakeV2Api QuickCreateHttpApi(string id, string name, string functionArn, string? region = null) =>
            AddHttpApi(id, name, region).AddRoute("$default", functionArn).AddStage("$default", autoDeploy: true);

        /// <summary>Creates a function and returns its unqualified ARN.</summary>
        public string AddFunction(string name, string? region = null, string? account = null)
        {
            lock (_sync)
            {
                var arn = $"arn:aws:lambda:{Absent(region) ?? DefaultRegion ?? "us-east-1"}:{Absent(account) ?? CallerAccount}:function:{name}";
                _functions[arn] = new FakeFunction(arn);
                return arn;
            }
        }

        /// <summary>Deletes a function (with its aliases and policies), as if someone removed it after a scan.</summary>
        public void RemoveFunction(string functionArn)
        {
            lock (_sync)
            {
                _functions.Remove(functionArn);
            }
        }

        /// <summary>Creates an alias or published version of a function; it starts with no policy of its own.</summary>
        public void AddQualifier(string functionArn, string qualifier)
        {
            lock (_sync)
            {
                Function(functionArn).AddQualifier(qualifier);
            }
        }

        /// <summary>Creates an alias that points to a published version (ListAliases returns it with that version).</summary>
        public void AddAlias(string functionArn, string alias, string version)
        {
            lock (_sync)
            {
                var function = Function(functionArn);
                function.AddQualifier(alias);
                function.AliasVersions[alias] = version;
            }
        }

        /// <summary>Adds a statement as AddPermission would, without recording a call (test set-up).</summary>
        public string SeedPermission(string functionArn, string? qualifier, string statementId, string? sourceArn, string principal = "apigateway.amazonaws.com", string? sourceAccount = null)
        {
            lock (_sync)
            {
                var function = Function(functionArn);
                qualifier = Absent(qualifier);
                var state = function.State(qualifier);
                var statement = FakeStatements.Build(function.Arn, qualifier, statementId, "lambda:InvokeFunction", principal, Absent(sourceArn), Absent(sourceAccount));
                state.Statements.Add(statement);
                state.Touch();
                return statement.ToJsonString();
            }
        }

        /// <summary>Adds any statement JSON (e.g. with a condition AddPermission cannot express), without recording a call.</summary>
        public void SeedStatement(string functionArn, string? qualifier, string statementJson)
        {
            lock (_sync)
            {
                var state = Function(functionArn).State(Absent(qualifier));
                state.Statements.Add((JsonObject)JsonNode.Parse(statementJson)!);
                state.Touch();
            }
        }

        /// <summary>The policy document of one function and qualifier, or null when it has none.</summary>
        public string? PolicyOf(string functionArn, string? qualifier = null)
        {
            lock (_sync)
            {
                return Function(functionArn).PolicyJson(Absent(qualifier));
            }
        }

        /// <summary>The statement ids of one function and qualifier, in order.</summary>
        public string[] StatementIdsOf(string functionArn, string? qualifier = null)
        {
            lock (_sync)
            {
                return Function(functionArn).State(Absent(qualifier)).Statements.Select(s => (string?)s["Sid"] ?? "").ToArray();
            }
        }

        public string RevisionOf(string functionArn, string? qualifier = null)
        {
            lock (_sync)
            {
                return Function(functionArn).State(Absent(qualifier)).RevisionId;
            }
        }

        /// <summary>An IAM role for integration credentials: its trust policy and the functions it may invoke.</summary>
        public void AddRole(string roleArn, string trustPolicyJson, params string[] invocableFunctionArns)
        {
            lock (_sync)
            {
                _roles[roleArn] = new FakeRole(roleArn, trustPolicyJson, invocableFunctionArns);
            }
        }

        /// <summary>Creates an empty CloudWatch Logs group (as API Gateway does when a stage first logs).</summary>
        public void AddLogGroup(string logGroupName, string? region = null)
        {
            lock (_sync)
            {
                _logs.AddGroup(Absent(region) ?? DefaultRegion ?? "us-east-1", logGroupName);
            }
        }

        /// <summary>Puts log lines into a group (created if missing), one millisecond apart from <paramref name="time"/>.</summary>
        public void AddLogEvents(string logGroupName, DateTimeOffset time, string[] messages, string logStreamName = "stream-1", string? region = null)
        {
            lock (_sync)
            {
                var where = Absent(region) ?? DefaultRegion ?? "us-east-1";
                for (var i = 0; i < messages.Length; i++)
                {
                    _logs.Add(where, logGroupName, new LogEvent(time.AddMilliseconds(i), messages[i], logStreamName));
                }
            }
        }

        // ---- fault injection -----------------------------------------------------------------------

        /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> (optionally only about <paramref name="subject"/>: an API id or function ARN) fail with <paramref name="kind"/>.</summary>
        public void Inject(string operation, AwsErrorKind kind, int times = int.MaxValue, string? subject = null)
        {
            lock (_sync)
            {
                _injections.Add(new Injection(operation, kind, times, Absent(subject)));
            }
        }

        /// <summary>GetPolicy (and GetFunction) on this function is AccessDenied for the caller, forever.</summary>
        public void DenyPolicyRead(string functionArn)
        {
            Inject("GetPolicy", AwsErrorKind.AccessDenied, int.MaxValue, functionArn);
            Inject("GetFunction", AwsErrorKind.AccessDenied, int.MaxValue, functionArn);
        }

        /// <summary>Lets the caller read the policy of a function in another account (its policy grants lambda:GetPolicy).</summary>
        public void AllowCrossAccountRead(string functionArn)
        {
            lock (_sync)
            {
                _crossAccountReadable.Add(functionArn);
            }
        }

        /// <summary>
        /// Another writer changes this policy just before each of our next <paramref name="times"/> AddPermission
        /// calls on it, so a RevisionId read earlier is stale (412). It adds a foreign statement, or with
        /// <paramref name="sameStatement"/> the very statement we are adding (two people fixing at once: 409 without a RevisionId).
        /// </summary>
        public void ChangeConcurrentlyBeforeAddPermission(string functionArn, string? qualifier, int times = 1, bool sameStatement = false)
        {
            lock (_sync)
            {
                _concurrentChanges[PolicyKey(functionArn, Absent(qualifier))] = times;
                _concurrentSameStatement = sameStatement;
            }
        }

        /// <summary>Another writer changes this policy just before each of our next <paramref name="times"/> RemovePermission calls on it (a stale RevisionId: 412).</summary>
        public void ChangeConcurrentlyBeforeRemovePermission(string functionArn, string? qualifier, int times = 1) =>
            ChangeConcurrentlyBeforeAddPermission(functionArn, qualifier, times);

        internal bool ConcurrentWriterAddsSameStatement => _concurrentSameStatement;

        /// <summary>The next Create fails as the real factory does without credentials or region (terminating in the cmdlet).</summary>
        public void FailConnection(ErrorId errorId, string message)
        {
            lock (_sync)
            {
                _connectionFailure = new ConnectionException(errorId, message);
            }
        }

        /// <summary>Every later call (after the next <paramref name="afterCalls"/>) fails as credentials do that break only when used (e.g. an SSO token that expires mid-scan).</summary>
        public void FailCallsWithConnection(ErrorId errorId, string message, int afterCalls = 0)
        {
            lock (_sync)
            {
                _callFailure = new ConnectionException(errorId, message);
                _callsBeforeFailure = afterCalls;
            }
        }

        // ---- what happened -------------------------------------------------------------------------

        public FakeCall[] Calls
        {
            get
            {
                lock (_sync)
                {
                    return _calls.ToArray();
                }
            }
        }

        public FakeCall[] CallsOf(string operation) => Calls.Where(c => c.Operation == operation).ToArray();

        public int CallCount(string operation) => CallsOf(operation).Length;

        public void ClearCalls()
        {
            lock (_sync)
            {
                _calls.Clear();
            }
        }

        /// <summary>Raised on the calling thread as each call is recorded, before it may fail or be held.</summary>
        public event Action<FakeCall>? CallRecorded;

        /// <summary>
        /// Calls of <paramref name="operation"/> (only those about <paramref name="subject"/>, an API id or unqualified
        /// function ARN, if given) wait after being recorded until <see cref="Release"/> or cancellation.
        /// </summary>
        public void Hold(string operation, string? subject = null) => _traffic.Hold(operation, Absent(subject));

        public void Release(string operation, string? subject = null) => _traffic.Release(operation, Absent(subject));

        /// <summary>Calls of this operation started and not yet answered.</summary>
        public int InFlight(string operation) => _traffic.InFlight(operation);

        /// <summary>The most calls of these operations (of any, when none is named) that were in flight at the same time.</summary>
        public int MaxInFlight(params string[] operations) => _traffic.MaxInFlight(operations);

        /// <summary>The most calls of any operation that were in flight at the same time.</summary>
        public int MaxCallsInFlight => MaxInFlight();

        /// <summary>The connection options of every Create call (what the cmdlet resolved from its parameters and session).</summary>
        public ConnectionOptions[] Connections
        {
            get
            {
                lock (_sync)
                {
                    return _connections.ToArray();
                }
            }
        }

        public IAwsServices Create(ConnectionOptions options)
        {
            lock (_sync)
            {
                _connections.Add(options);
                if (_connectionFailure != null)
                {
                    var failure = _connectionFailure;
                    _connectionFailure = null;
                    throw failure;
                }
            }

            var region = options.Region ?? options.StoredRegion ?? DefaultRegion
                ?? throw new ConnectionException(ErrorId.NoRegion, "No region specified or obtained from persisted/shell defaults. Use -Region, Set-DefaultAWSRegion or AWS_REGION.");
            options.WriteDebug?.Invoke($"Region obtained from the fake AWS with value '{region}'");
            return new FakeServices(this, options, region);
        }

        // ---- used by the ports ---------------------------------------------------------------------

        internal object Sync => _sync;

        internal FakeLogGroups Logs => _logs;

        /// <summary>
        /// One call: waits <see cref="CallDelayMilliseconds"/> like a slow network (unless cancelled first), is recorded
        /// (and fails if a fault was injected for it), then waits while a test holds it. In flight from start to end.
        /// </summary>
        internal async Task CallAsync(ConnectionOptions options, string service, string operation, string region, string? subject, CancellationToken cancellationToken,
            params (string Key, string? Value)[] arguments)
        {
            await Task.Yield(); // a real call never completes synchronously
            _traffic.Started(operation);
            try
            {
                if (CallDelayMilliseconds > 0)
                {
                    cancellationToken.WaitHandle.WaitOne(CallDelayMilliseconds);
                }

                cancellationToken.ThrowIfCancellationRequested();
                Record(options, service, operation, region, subject, arguments);
                await _traffic.WhileHeldAsync(operation, subject, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _traffic.Ended(operation);
            }
        }

        /// <summary>Records a call, then throws if a fault was injected for it.</summary>
        private void Record(ConnectionOptions options, string service, string operation, string region, string? subject, (string Key, string? Value)[] arguments)
        {
            options.WriteVerbose?.Invoke($"Invoking {service} {operation} in {region} (fake)");
            FakeCall call;
            lock (_sync)
            {
                call = new FakeCall(service, operation, region, arguments.ToDictionary(a => a.Key, a => a.Value));
                _calls.Add(call);
            }

            CallRecorded?.Invoke(call);
            lock (_sync)
            {
                if (_callFailure != null && _callsBeforeFailure-- <= 0)
                {
                    throw _callFailure;
                }

                var injection = _injections.FirstOrDefault(i => i.Operation == operation && i.Times > 0 && (i.Subject == null || i.Subject == subject));
                if (injection != null)
                {
                    injection.Times--;
                    throw FakeErrors.For(injection.Kind, service, operation, subject);
                }
            }
        }

        internal IReadOnlyList<FakeV2Api> V2ApisIn(string region) => _v2Apis.Where(a => a.Region == region).Select(a => a.Api).ToList();

        internal FakeV2Api? FindV2Api(string region, string id) => V2ApisIn(region).FirstOrDefault(a => a.Id == id);

        private FakeV2Api AddV2Api(string id, string name, ApiType type, string? region)
        {
            lock (_sync)
            {
                var api = new FakeV2Api(id, name, type, _sync);
                _v2Apis.Add((api, Absent(region) ?? DefaultRegion ?? "us-east-1"));
                return api;
            }
        }

        internal IReadOnlyList<FakeRestApi> ApisIn(string region) => _apis.Where(a => _apiRegions[a] == region).ToList();

        internal FakeDomainName? FindDomain(string region, string name) => _domains.TryGetValue((region, name.ToLowerInvariant()), out var d) ? d : null;

        internal FakeRestApi? FindApi(string region, string id) => ApisIn(region).FirstOrDefault(a => a.Id == id);

        /// <summary>The functions of the caller's account in one region, in ARN order (as ListFunctions sees them).</summary>
        internal IReadOnlyList<FakeFunction> FunctionsIn(string region) =>
            _functions.Values.Where(f => f.Region == region && f.Account == CallerAccount).OrderBy(f => f.Arn, StringComparer.Ordinal).ToList();

        internal FakeFunction? FindFunction(string unqualifiedArn) => _functions.TryGetValue(unqualifiedArn, out var f) ? f : null;

        internal bool CanReadAcrossAccounts(string functionArn) => _crossAccountReadable.Contains(functionArn);

        internal FakeRole? FindRoleByName(string roleName) => _roles.Values.FirstOrDefault(r => r.Name == roleName);

        internal FakeRole? FindRole(string roleArn) => _roles.TryGetValue(roleArn, out var r) ? r : null;

        /// <summary>Consumes one pending concurrent change for this policy; true when one was pending.</summary>
        internal bool TakeConcurrentChange(string functionArn, string? qualifier)
        {
            var key = PolicyKey(functionArn, qualifier);
            if (!_concurrentChanges.TryGetValue(key, out var left) || left <= 0)
            {
                return false;
            }

            _concurrentChanges[key] = left - 1;
            return true;
        }

        /// <summary>PowerShell passes $null to a string argument as "": both mean "no qualifier" / "none".</summary>
        internal static string? Absent(string? value) => string.IsNullOrEmpty(value) ? null : value;

        private static string PolicyKey(string functionArn, string? qualifier) => functionArn + "#" + (qualifier ?? "");

        private FakeFunction Function(string functionArn) =>
            FindFunction(functionArn) ?? throw new ArgumentException($"No fake function {functionArn}; call AddFunction first.", nameof(functionArn));

        private sealed class Injection
        {
            public Injection(string operation, AwsErrorKind kind, int times, string? subject)
            {
                Operation = operation;
                Kind = kind;
                Times = times;
                Subject = subject;
            }

            public string Operation { get; }
            public AwsErrorKind Kind { get; }
            public int Times { get; set; }
            public string? Subject { get; }
        }
    }
}
