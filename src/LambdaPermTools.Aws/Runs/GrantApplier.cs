using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;
using LambdaPermTools.Policies;
using LambdaPermTools.Rendering;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Adds planned grants with Lambda's optimistic concurrency (docs/aws-rules.md §6.2, §11 step 8): reads the policy
    /// and its RevisionId, adds nothing when an equivalent grant exists, passes the RevisionId, and on a 412 (stale
    /// revision) or 409 (statement id taken) re-reads, re-checks and retries a bounded number of times. Never removes or
    /// rewrites a statement; refuses anything but a grant to API Gateway whose SourceArn passes SafeSourceArn, and functions of another
    /// account than the credentials'.
    /// </summary>
    internal sealed class GrantApplier
    {
        public const int MaxAttempts = 3;
        private readonly RunContext _run;

        public GrantApplier(RunContext run)
        {
            _run = run;
        }

        /// <summary>Checks the grant against the credentials and the function's current policy. Read-only.</summary>
        public async Task<GrantOutcome> PrepareAsync(PlannedGrant grant)
        {
            var shown = grant.QualifiedFunctionArn;
            if (grant.Principal != LambdaPermission.ApiGatewayPrincipal || grant.Action != LambdaPermission.InvokeAction)
            {
                return GrantOutcome.Failed(new RunError(ErrorId.UnsafeGrant,
                    $"Refusing to add a grant to {shown} that is not '{LambdaPermission.InvokeAction}' for '{LambdaPermission.ApiGatewayPrincipal}'.",
                    grant, "Report this as a bug: the planner only produces API Gateway grants."));
            }

            // The same rule the plan was built with, on the very SourceArn AddPermission would send: nothing bypasses it.
            var refusal = SafeSourceArn.CheckSourceArn(grant.SourceArn);
            if (refusal != null)
            {
                return GrantOutcome.Failed(new RunError(ErrorId.UnsafeGrant, $"Refusing to add the grant '{grant.SourceArn}' to {shown}: {refusal}", grant,
                    $"A grant names one API literally; plan it with Run.Plan from unedited findings (the {refusal.Field} is wrong)."));
            }

            string caller;
            try
            {
                caller = await _run.CallerAccountAsync().ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                // A per-grant failure like any other read: the cmdlet writes it and goes on (never a terminating error).
                return GrantOutcome.Failed(RunError.FromAws(e, shown, $"the credentials' account (needed to change {shown})"));
            }

            if (grant.FunctionAccountId != caller)
            {
                return GrantOutcome.Failed(new RunError(ErrorId.CrossAccountFunction,
                    $"{shown} belongs to account {grant.FunctionAccountId}, but the credentials are of account {caller}; only the function's account can change its policy.",
                    shown, $"Run Add-ApiLambdaPermission with credentials of account {grant.FunctionAccountId}, or apply ConvertTo-ApiLambdaPermissionTemplate output there."));
            }

            return await ReadAsync(grant).ConfigureAwait(false);
        }

        /// <summary>AddPermission with the pending grant's RevisionId; on 412/409 re-read, re-check and retry.</summary>
        public async Task<GrantOutcome> ApplyAsync(PendingGrant pending)
        {
            for (var attempt = 1; ; attempt++)
            {
                var grant = pending.Grant;
                try
                {
                    var statement = await Lambda(grant).AddPermissionAsync(Request(pending), _run.Cancellation).ConfigureAwait(false);
                    return GrantOutcome.Changed(Change(grant, ChangeResult.Added, statement));
                }
                catch (AwsServiceException e) when (e.Kind == AwsErrorKind.PreconditionFailed || e.Kind == AwsErrorKind.Conflict)
                {
                    var reread = await ReadAsync(grant).ConfigureAwait(false);
                    if (reread.Pending == null)
                    {
                        return reread;
                    }

                    if (attempt == MaxAttempts)
                    {
                        return GrantOutcome.Failed(new RunError(ErrorId.PolicyChangedConcurrently,
                            $"The policy of {grant.QualifiedFunctionArn} kept changing while adding '{grant.StatementId}' ({attempt} attempts; last: {e.ErrorCode}).",
                            grant.QualifiedFunctionArn, "Run Add-ApiLambdaPermission again when no other change is in progress.", e));
                    }

                    pending = reread.Pending;
                }
                catch (AwsServiceException e) when (e.ErrorCode == "PolicyLengthExceededException")
                {
                    return GrantOutcome.Failed(PolicyTooLarge(e, grant, pending.PolicyBytes));
                }
                catch (AwsServiceException e)
                {
                    return GrantOutcome.Failed(RunError.ForFunction(e, grant.QualifiedFunctionArn));
                }
            }
        }

        /// <summary>Lambda refused the grant: the policy would pass its 20,480-byte limit (docs/aws-rules.md §6.2).</summary>
        private static RunError PolicyTooLarge(AwsServiceException e, PlannedGrant grant, int policyBytes) =>
            new RunError(ErrorId.PolicyTooLarge,
                $"Lambda refused to add '{grant.StatementId}' to the policy of {grant.QualifiedFunctionArn}: the policy is {policyBytes:N0} bytes and would pass the {LambdaPermission.PolicyMaxBytes:N0}-byte limit. {e.Message}",
                grant.QualifiedFunctionArn,
                "Use a broader -Scope (Api or Stage: one statement serves many methods), or remove stale grants with Remove-ApiLambdaPermission, then run again.", e);

        /// <summary>The grant as it stands in the function's current policy: present already, or pending with the policy's RevisionId.</summary>
        private async Task<GrantOutcome> ReadAsync(PlannedGrant grant)
        {
            string? policy = null;
            string? revision = null;
            try
            {
                var current = await Lambda(grant).GetPolicyAsync(grant.FunctionName, grant.Qualifier, _run.Cancellation).ConfigureAwait(false);
                policy = current.PolicyJson;
                revision = current.RevisionId;
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                // No policy yet: the function's (or alias's) RevisionId guards the first statement too, so two writers
                // racing on a function without a policy leave one statement (the second gets a 412 and re-reads).
                try
                {
                    revision = await Lambda(grant).GetRevisionIdAsync(grant.FunctionName, grant.Qualifier, _run.Cancellation).ConfigureAwait(false);
                }
                catch (AwsServiceException inner)
                {
                    return GrantOutcome.Failed(RunError.ForFunction(inner, grant.QualifiedFunctionArn));
                }
            }
            catch (AwsServiceException e)
            {
                return GrantOutcome.Failed(RunError.ForFunction(e, grant.QualifiedFunctionArn));
            }

            return FixPlanner.IsSatisfied(grant, policy, out var existing)
                ? GrantOutcome.Changed(Change(grant, ChangeResult.AlreadyPresent, existing))
                : GrantOutcome.Missing(new PendingGrant(grant, revision, policy == null ? 0 : Encoding.UTF8.GetByteCount(policy), WholeDocumentWarning(grant, policy)));
        }

        /// <summary>The grant's function's current policy (null when it has none) with its RevisionId, for a whole-document merge. Read-only.</summary>
        public async Task<CurrentPolicy?> ReadPolicyAsync(PlannedGrant grant, Action<RunError> failed)
        {
            try
            {
                var current = await Lambda(grant).GetPolicyAsync(grant.FunctionName, grant.Qualifier, _run.Cancellation).ConfigureAwait(false);
                return new CurrentPolicy(current.PolicyJson, current.RevisionId);
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                return new CurrentPolicy(null, null);
            }
            catch (AwsServiceException e)
            {
                failed(RunError.ForFunction(e, grant.QualifiedFunctionArn));
                return null;
            }
        }

        /// <summary>
        /// The warning for a grant added to a policy that shows signs of being written as one document (docs/aws-rules.md §3.6),
        /// or null when it shows none.
        /// </summary>
        private static string? WholeDocumentWarning(PlannedGrant grant, string? policy)
        {
            var signs = WholeDocumentSigns.Find(policy);
            return signs.Count == 0
                ? null
                : $"The policy of {grant.QualifiedFunctionArn} looks written as one document ({string.Join("; ", signs.Take(3))}{(signs.Count > 3 ? $"; {signs.Count - 3} more" : "")}): "
                  + "a grant added to it is removed by the next whole-document write (PutResourcePolicy, AWS::Lambda::ResourcePolicy, aws_lambda_resource_policy). "
                  + "Merge the grant into that document instead: ConvertTo-ApiLambdaPermissionTemplate -Format ResourcePolicy writes it merged.";
        }

        private ILambdaPort Lambda(PlannedGrant grant) =>
            string.IsNullOrEmpty(grant.Region) ? _run.LambdaOf(grant.FunctionName) : _run.Services.Lambda(grant.Region);

        private static AddPermissionRequest Request(PendingGrant pending) => new AddPermissionRequest
        {
            FunctionName = pending.Grant.FunctionName,
            Qualifier = pending.Grant.Qualifier,
            StatementId = pending.Grant.StatementId,
            Action = pending.Grant.Action,
            Principal = pending.Grant.Principal,
            SourceArn = pending.Grant.SourceArn,
            SourceAccount = pending.Grant.SourceAccount,
            RevisionId = pending.RevisionId,
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
