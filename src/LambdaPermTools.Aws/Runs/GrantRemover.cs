using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Aws.Runs
{
    /// <summary>
    /// Removes statements with Lambda's optimistic concurrency (docs/aws-rules.md §6.2): reads the policy and its RevisionId,
    /// passes it to RemovePermission, and on a 412 re-reads and retries a bounded number of times. Idempotent: a statement
    /// (or policy, or function) that is gone is Skipped (NotFound). Refuses a statement in use unless forced, and one of a
    /// policy written as one document (§3.6), which RemovePermission cannot remove for good.
    /// </summary>
    internal sealed class GrantRemover
    {
        public const int MaxAttempts = GrantApplier.MaxAttempts;
        private const string NotFound = "NotFound: the statement is no longer in the policy.";
        private readonly RunContext _run;

        public GrantRemover(RunContext run)
        {
            _run = run;
        }

        /// <summary>Checks the statement against what the caller allows and the function's current policy. Read-only.</summary>
        public Task<RemovalOutcome> PrepareAsync(PermissionGrant grant, bool force)
        {
            var shown = Shown(grant);
            if (grant.StatementId.Length == 0 || grant.WholeDocumentReason.Length > 0)
            {
                return Task.FromResult(RemovalOutcome.Failed(WholeDocument(grant, shown)));
            }

            if (grant.Usage == GrantUsage.InUse && !force)
            {
                return Task.FromResult(RemovalOutcome.Failed(new RunError(ErrorId.GrantInUse,
                    $"Statement '{grant.StatementId}' of {shown} is in use: removing it would break {string.Join("; ", grant.UsedBy)}.",
                    grant, "Leave it, or pass -Force to remove it anyway (-WhatIf first lists what would break).")));
            }

            return ReadAsync(grant);
        }

        /// <summary>RemovePermission with the pending RevisionId; on 412 re-read and retry; a statement already gone is Skipped.</summary>
        public async Task<RemovalOutcome> RemoveAsync(PendingRemoval pending)
        {
            for (var attempt = 1; ; attempt++)
            {
                var grant = pending.Grant;
                try
                {
                    await _run.Services.Lambda(grant.Region).RemovePermissionAsync(grant.FunctionName, Qualifier(grant), grant.StatementId, pending.RevisionId, _run.Cancellation).ConfigureAwait(false);
                    return RemovalOutcome.Changed(Change(grant, ChangeResult.Removed, pending.StatementJson, null));
                }
                catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
                {
                    return RemovalOutcome.Changed(Change(grant, ChangeResult.Skipped, null, NotFound));
                }
                catch (AwsServiceException e) when (e.Kind == AwsErrorKind.PreconditionFailed)
                {
                    var reread = await ReadAsync(grant).ConfigureAwait(false);
                    if (reread.Pending == null)
                    {
                        return reread;
                    }

                    if (attempt == MaxAttempts)
                    {
                        return RemovalOutcome.Failed(new RunError(ErrorId.PolicyChangedConcurrently,
                            $"The policy of {Shown(grant)} kept changing while removing '{grant.StatementId}' ({attempt} attempts; last: {e.ErrorCode}).",
                            grant, "Run Remove-ApiLambdaPermission again when no other change is in progress.", e));
                    }

                    pending = reread.Pending;
                }
                catch (AwsServiceException e)
                {
                    return RemovalOutcome.Failed(RunError.ForFunction(e, Shown(grant)));
                }
            }
        }

        /// <summary>The statement as it stands in the current policy: gone (Skipped), of a whole document (refused), or pending with the RevisionId.</summary>
        private async Task<RemovalOutcome> ReadAsync(PermissionGrant grant)
        {
            LambdaPolicy policy;
            try
            {
                policy = await _run.Services.Lambda(grant.Region).GetPolicyAsync(grant.FunctionName, Qualifier(grant), _run.Cancellation).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                return RemovalOutcome.Changed(Change(grant, ChangeResult.Skipped, null, NotFound));
            }
            catch (AwsServiceException e)
            {
                return RemovalOutcome.Failed(RunError.ForFunction(e, Shown(grant)));
            }

            var statement = ReadStatements(policy.PolicyJson).FirstOrDefault(s => s.Sid == grant.StatementId);
            return statement == null
                ? RemovalOutcome.Changed(Change(grant, ChangeResult.Skipped, null, NotFound))
                : RemovalOutcome.Present(new PendingRemoval(grant, policy.RevisionId, statement.Json));
        }

        /// <summary>The policy's statements; none when Lambda returned text that is not a policy (then nothing can be matched to remove).</summary>
        private static IReadOnlyList<PolicyStatement> ReadStatements(string policyJson)
        {
            try
            {
                return PolicyDocument.Parse(policyJson).Statements;
            }
            catch (PolicyFormatException)
            {
                return new PolicyStatement[0];
            }
        }

        private static RunError WholeDocument(PermissionGrant grant, string shown)
        {
            var which = grant.StatementId.Length == 0 ? "A statement without Sid" : $"Statement '{grant.StatementId}'";
            var why = grant.WholeDocumentReason.Length == 0 ? "no Sid" : grant.WholeDocumentReason;
            return new RunError(ErrorId.WholeDocumentPolicy,
                $"{which} of {shown} belongs to a policy written as one document ({why}): RemovePermission cannot remove it for good, the next whole-document write brings it back.",
                grant, "Remove the statement from the policy document where it is managed (AWS::Lambda::ResourcePolicy, aws_lambda_resource_policy, or put-resource-policy) and write the document again.");
        }

        private static string? Qualifier(PermissionGrant grant) => grant.Qualifier.Length == 0 ? null : grant.Qualifier;

        private static string Shown(PermissionGrant grant) => grant.Qualifier.Length == 0 ? grant.FunctionName : grant.FunctionName + ":" + grant.Qualifier;

        private static PermissionChange Change(PermissionGrant grant, ChangeResult result, string? statement, string? reason) => new PermissionChange
        {
            FunctionName = grant.FunctionName,
            Qualifier = Qualifier(grant),
            StatementId = grant.StatementId,
            SourceArn = grant.SourceArn,
            Action = grant.Action,
            Principal = grant.Principal,
            Result = result,
            Statement = statement,
            Reason = reason,
        };
    }
}
