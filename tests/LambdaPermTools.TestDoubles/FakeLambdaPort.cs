using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// Lambda of the fake account in one region, with AWS's rules (docs/aws-rules.md §3.1, §6.2): one policy per
    /// qualifier, 404 without a policy, 409 on a duplicate Sid, 412 on a stale RevisionId (a new one after each
    /// change), $LATEST rejected, functions of another region unreachable, other accounts' policies unreadable.
    /// </summary>
    internal sealed class FakeLambdaPort : ILambdaPort
    {
        private const string Service = "lambda";
        private static readonly Regex StatementIdPattern = new Regex("^[a-zA-Z0-9_-]{1,100}$");
        private readonly FakeAws _fake;
        private readonly ConnectionOptions _options;
        private readonly string _region;

        public FakeLambdaPort(FakeAws fake, ConnectionOptions options, string region)
        {
            _fake = fake;
            _options = options;
            _region = region;
        }

        public async Task<LambdaPolicy> GetPolicyAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
        {
            const string operation = "GetPolicy";
            var (arn, q) = await BeginAsync(operation, functionName, qualifier, cancellationToken, ("FunctionName", functionName), ("Qualifier", qualifier)).ConfigureAwait(false);
            lock (_fake.Sync)
            {
                var function = Existing(arn, q, operation, readOnly: true);
                var policy = function.PolicyJson(q)
                    ?? throw FakeErrors.NotFound(Service, operation, "The resource you requested does not exist.");
                return new LambdaPolicy(policy, function.State(q).RevisionId);
            }
        }

        public async Task<bool> FunctionExistsAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
        {
            const string operation = "GetFunction";
            var (arn, q) = await BeginAsync(operation, functionName, qualifier, cancellationToken, ("FunctionName", functionName), ("Qualifier", qualifier)).ConfigureAwait(false);
            lock (_fake.Sync)
            {
                var function = _fake.FindFunction(arn);
                if (function != null)
                {
                    CheckAccount(function, operation, readOnly: true);
                }

                return function != null && function.HasQualifier(q);
            }
        }

        public async Task<string> AddPermissionAsync(AddPermissionRequest request, CancellationToken cancellationToken)
        {
            const string operation = "AddPermission";
            var (arn, qualifier) = await BeginAsync(operation, request.FunctionName, request.Qualifier, cancellationToken,
                ("FunctionName", request.FunctionName), ("Qualifier", request.Qualifier), ("StatementId", request.StatementId),
                ("Action", request.Action), ("Principal", request.Principal), ("SourceArn", request.SourceArn),
                ("SourceAccount", request.SourceAccount), ("RevisionId", request.RevisionId)).ConfigureAwait(false);
            if (qualifier == "$LATEST")
            {
                throw FakeErrors.Invalid(Service, operation, "We currently do not support adding policies for $LATEST.");
            }

            if (!StatementIdPattern.IsMatch(request.StatementId))
            {
                throw new AwsServiceException(AwsErrorKind.Validation, Service, operation, "ValidationException", 400,
                    $"1 validation error detected: Value '{request.StatementId}' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
            }

            lock (_fake.Sync)
            {
                var function = Existing(arn, qualifier, operation, readOnly: false);
                var state = function.State(qualifier);
                if (_fake.TakeConcurrentChange(arn, qualifier))
                {
                    state.Statements.Add(_fake.ConcurrentWriterAddsSameStatement
                        ? FakeStatements.Build(arn, qualifier, request.StatementId, request.Action, request.Principal, request.SourceArn, request.SourceAccount)
                        : FakeStatements.Build(arn, qualifier, "concurrent-" + state.Statements.Count, "lambda:GetFunction", CallerRoot(), null, null));
                    state.Touch();
                }

                if (request.RevisionId != null && request.RevisionId != state.RevisionId)
                {
                    throw FakeErrors.StaleRevision(Service, operation);
                }

                if (state.HasSid(request.StatementId))
                {
                    throw FakeErrors.DuplicateSid(Service, operation, request.StatementId);
                }

                var statement = FakeStatements.Build(arn, qualifier, request.StatementId, request.Action, request.Principal,
                    string.IsNullOrEmpty(request.SourceArn) ? null : request.SourceArn, request.SourceAccount);
                state.Statements.Add(statement);
                state.Touch();
                return statement.ToJsonString();
            }
        }

        /// <summary>
        /// Makes the call (also one that AWS rejects for its function name or region, which is recorded before it fails)
        /// and returns the unqualified ARN with the qualifier, taken from the name when it carries one.
        /// </summary>
        private async Task<(string Arn, string? Qualifier)> BeginAsync(string operation, string functionName, string? qualifier, CancellationToken cancellationToken,
            params (string Key, string? Value)[] arguments)
        {
            string? arn = null;
            AwsServiceException? rejected = null;
            try
            {
                arn = Resolve(functionName, ref qualifier, operation);
            }
            catch (AwsServiceException e)
            {
                rejected = e;
            }

            await _fake.CallAsync(_options, Service, operation, _region, arn ?? functionName, cancellationToken, arguments).ConfigureAwait(false);
            return (arn ?? throw rejected!, qualifier);
        }

        /// <summary>The unqualified ARN of a name or (qualified) ARN; a qualifier inside the name must equal <paramref name="qualifier"/>.</summary>
        private string Resolve(string functionName, ref string? qualifier, string operation)
        {
            if (!functionName.StartsWith("arn:"))
            {
                return $"arn:aws:lambda:{_region}:{_fake.CallerAccount}:function:{functionName}";
            }

            var parts = functionName.Split(':');
            if (parts.Length < 7 || parts[2] != "lambda" || parts[5] != "function")
            {
                throw FakeErrors.Invalid(Service, operation, $"Invalid function name: {functionName}");
            }

            if (parts[3] != _region)
            {
                throw FakeErrors.Invalid(Service, operation, $"Functions from '{parts[3]}' are not reachable in this region ('{_region}')");
            }

            if (parts.Length > 7)
            {
                if (qualifier != null && qualifier != parts[7])
                {
                    throw FakeErrors.Invalid(Service, operation, "The derived qualifier from the function name does not match the specified qualifier.");
                }

                qualifier = parts[7];
            }

            return string.Join(":", parts.Take(7));
        }

        private FakeFunction Existing(string arn, string? qualifier, string operation, bool readOnly)
        {
            var function = _fake.FindFunction(arn)
                ?? throw FakeErrors.NotFound(Service, operation, $"Function not found: {arn}");
            CheckAccount(function, operation, readOnly);
            if (!function.HasQualifier(qualifier))
            {
                throw FakeErrors.NotFound(Service, operation, $"Function not found: {arn}:{qualifier}");
            }

            return function;
        }

        private void CheckAccount(FakeFunction function, string operation, bool readOnly)
        {
            if (function.Account != _fake.CallerAccount && !(readOnly && _fake.CanReadAcrossAccounts(function.Arn)))
            {
                throw new AwsServiceException(AwsErrorKind.AccessDenied, Service, operation, "AccessDeniedException", 403,
                    $"User: arn:aws:iam::{_fake.CallerAccount}:user/tester is not authorized to perform: lambda:{operation} on resource: {function.Arn}");
            }
        }

        private string CallerRoot() => $"arn:aws:iam::{_fake.CallerAccount}:root";
    }
}
