using System.Text.Json;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Planning;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Aws.Scanning
{
    /// <summary>The state of one planned grant before it is added: an outcome already (present, refused, failed), or the RevisionId to add it with.</summary>
    public sealed class GrantCheck
    {
        internal GrantCheck(GrantOutcome? outcome, string? revisionId)
        {
            Outcome = outcome;
            RevisionId = revisionId;
        }

        /// <summary>Null when the grant still has to be added.</summary>
        public GrantOutcome? Outcome { get; }
        /// <summary>The policy's current RevisionId (null when the function has no policy yet).</summary>
        public string? RevisionId { get; }
    }

    /// <summary>A change to emit, or an error to write.</summary>
    public sealed class GrantOutcome
    {
        internal GrantOutcome(PermissionChange? change, ScanError? error)
        {
            Change = change;
            Error = error;
        }

        public PermissionChange? Change { get; }
        public ScanError? Error { get; }
    }

    /// <summary>
    /// Adds planned grants with Lambda's optimistic concurrency (aws-semantics.md §6.2, §11 step 8): reads the
    /// policy and its RevisionId, adds nothing when an equivalent grant exists, passes the RevisionId, and on a
    /// 412 (stale revision) or 409 (statement id taken) re-reads, re-checks and retries a bounded number of times.
    /// Never removes or rewrites a statement; refuses anything but a SourceArn-bound grant to API Gateway, and
    /// functions of another account than the credentials'.
    /// </summary>
    public sealed class GrantApplier
    {
        public const int MaxAttempts = 3;
        private readonly ScanSession _session;

        public GrantApplier(ScanSession session)
        {
            _session = session;
        }

        /// <summary>Checks the grant against the credentials and the function's current policy. Read-only.</summary>
        public async Task<GrantCheck> CheckAsync(PlannedGrant grant)
        {
            if (grant.Principal != LambdaPermission.ApiGatewayPrincipal || grant.Action != LambdaPermission.InvokeAction || !grant.SourceArn.StartsWith("arn:") || !grant.SourceArn.Contains(":execute-api:"))
            {
                return Done(null, new ScanError("UnsafeGrant", ScanErrorCategory.InvalidArgument,
                    $"Refusing to add a grant to {Shown(grant)} that is not '{LambdaPermission.InvokeAction}' for '{LambdaPermission.ApiGatewayPrincipal}' bound to an execute-api SourceArn.",
                    Shown(grant), "Report this as a bug: the planner only produces API Gateway grants with a SourceArn."));
            }

            string caller;
            try
            {
                caller = await _session.CallerAccountAsync().ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                // A per-grant failure like any other read: the cmdlet writes it and goes on (never a terminating error).
                return Done(null, ScanError.Generic(e, Shown(grant), $"the credentials' account (needed to change {Shown(grant)})"));
            }

            if (grant.FunctionAccountId != caller)
            {
                return Done(null, new ScanError("CrossAccountFunction", ScanErrorCategory.PermissionDenied,
                    $"{Shown(grant)} belongs to account {grant.FunctionAccountId}, but the credentials are of account {caller}; only the function's account can change its policy.",
                    Shown(grant), $"Run Add-ApiLambdaPermission with credentials of account {grant.FunctionAccountId}, or apply ConvertTo-ApiLambdaPermissionTemplate output there."));
            }

            return await ReadAsync(grant).ConfigureAwait(false);
        }

        /// <summary>AddPermission with the RevisionId from <see cref="CheckAsync"/>; on 412/409 re-read, re-check and retry.</summary>
        public async Task<GrantOutcome> AddAsync(PlannedGrant grant, string? revisionId)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var statement = await Lambda(grant).AddPermissionAsync(Request(grant, revisionId), _session.Cancellation).ConfigureAwait(false);
                    return new GrantOutcome(Change(grant, ChangeResult.Added, statement), null);
                }
                catch (AwsServiceException e) when (e.Kind == AwsErrorKind.PreconditionFailed || e.Kind == AwsErrorKind.Conflict)
                {
                    var check = await ReadAsync(grant).ConfigureAwait(false);
                    if (check.Outcome != null)
                    {
                        return check.Outcome;
                    }

                    if (attempt == MaxAttempts)
                    {
                        return new GrantOutcome(null, new ScanError("PolicyChangedConcurrently", ScanErrorCategory.InvalidOperation,
                            $"The policy of {Shown(grant)} kept changing while adding '{grant.StatementId}' ({attempt} attempts; last: {e.ErrorCode}).",
                            Shown(grant), "Run Add-ApiLambdaPermission again when no other change is in progress.", e));
                    }

                    revisionId = check.RevisionId;
                }
                catch (AwsServiceException e)
                {
                    return new GrantOutcome(null, ScanError.ForFunction(e, Shown(grant)));
                }
            }
        }

        private async Task<GrantCheck> ReadAsync(PlannedGrant grant)
        {
            string? policy = null;
            string? revision = null;
            try
            {
                var current = await Lambda(grant).GetPolicyAsync(grant.FunctionName, grant.Qualifier, _session.Cancellation).ConfigureAwait(false);
                policy = current.PolicyJson;
                revision = current.RevisionId;
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                // No policy yet (or no function: AddPermission will say so). Add without a RevisionId.
            }
            catch (AwsServiceException e)
            {
                return Done(null, ScanError.ForFunction(e, Shown(grant)));
            }

            if (FixPlanner.IsSatisfied(grant, policy, out var existing))
            {
                return Done(Change(grant, ChangeResult.AlreadyPresent, existing), null);
            }

            return new GrantCheck(null, revision);
        }

        private ILambdaPort Lambda(PlannedGrant grant) =>
            _session.Services.Lambda(string.IsNullOrEmpty(grant.Region) ? FunctionArns.RegionOf(grant.FunctionName) ?? _session.Services.Region : grant.Region);

        private static AddPermissionRequest Request(PlannedGrant grant, string? revisionId) => new AddPermissionRequest
        {
            FunctionName = grant.FunctionName,
            Qualifier = grant.Qualifier,
            StatementId = grant.StatementId,
            Action = grant.Action,
            Principal = grant.Principal,
            SourceArn = grant.SourceArn,
            SourceAccount = grant.SourceAccount,
            RevisionId = revisionId,
        };

        /// <summary>The Sid of an existing statement that already grants what was planned (it may be someone else's id).</summary>
        private static string? SidOf(string? statementJson)
        {
            try
            {
                using (var document = JsonDocument.Parse(statementJson ?? ""))
                {
                    return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Sid", out var sid) && sid.ValueKind == JsonValueKind.String
                        ? sid.GetString()
                        : null;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static GrantCheck Done(PermissionChange? change, ScanError? error) => new GrantCheck(new GrantOutcome(change, error), null);

        /// <summary>The function ARN with its qualifier: what ShouldProcess and errors name.</summary>
        public static string Shown(PlannedGrant grant) => grant.QualifiedFunctionArn;

        private static PermissionChange Change(PlannedGrant grant, ChangeResult result, string? statement) => new PermissionChange
        {
            FunctionName = grant.FunctionName,
            Qualifier = grant.Qualifier,
            StatementId = (result == ChangeResult.AlreadyPresent ? SidOf(statement) : null) ?? grant.StatementId,
            SourceArn = grant.SourceArn,
            Action = grant.Action,
            Principal = grant.Principal,
            Result = result,
            Statement = statement,
        };
    }
}
