using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Policies;

namespace LambdaPermTools.Evaluation
{
    /// <summary>
    /// The one plain sentence per finding (contract: "Reason"): what is wrong, and what fixes it.
    /// Names the function, the stage, the source ARN and, for a near miss, exactly which part differs.
    /// </summary>
    internal sealed class ReasonWriter
    {
        private readonly IntegrationTarget _target;
        private readonly string[] _grantSourceArns;

        /// <param name="target">The target the sentences are about.</param>
        /// <param name="grantSourceArns">The least-privilege grant(s) that fix a fixable finding; empty when none can.</param>
        public ReasonWriter(IntegrationTarget target, string[] grantSourceArns)
        {
            _target = target;
            _grantSourceArns = grantSourceArns;
        }

        private string Subject => _target.Kind == TargetKind.Authorizer
            ? $"authorizer '{_target.AuthorizerName}' ({_target.AuthorizerId})"
            : _target.RouteKey.Length > 0
                ? $"the route '{_target.RouteKey}' in stage '{_target.StageName}'"
                : $"the {_target.HttpMethod} {_target.ResourcePath} integration in stage '{_target.StageName}'";

        private string Function => $"'{_target.FunctionArn}'";

        private string PolicyOwner => _target.Qualifier == null
            ? $"the unqualified function '{_target.FunctionName}'"
            : $"'{_target.FunctionName}' at qualifier '{_target.Qualifier}'";

        private string FixClause => _grantSourceArns.Length == 0 ? ""
            : _grantSourceArns.Length == 1 ? $"; add a {LambdaPermission.InvokeAction} grant for {LambdaPermission.ApiGatewayPrincipal} with source ARN '{_grantSourceArns[0]}'{InFunctionAccount}"
            : $"; add {LambdaPermission.InvokeAction} grants for {LambdaPermission.ApiGatewayPrincipal} with source ARNs {Join(_grantSourceArns.Select(a => $"'{a}'").ToArray())}{InFunctionAccount}";

        // A cross-account function is granted by its own account (§1.1, §9).
        private string InFunctionAccount => _target.FunctionAccountId.Length > 0 && _target.FunctionAccountId != _target.ApiAccountId
            ? $" (in account {_target.FunctionAccountId}, with that account's credentials)"
            : "";

        private string OtherAccountHint => InFunctionAccount.Length > 0
            ? $"; the function is in account {_target.FunctionAccountId}, not the API's account {_target.ApiAccountId}, so use credentials of account {_target.FunctionAccountId} to read or fix it"
            : "";

        public string Unresolved() => _target.StageName == Arns.ExecuteApiArn.TestInvokeStage
            ? $"{Cap(Subject)} uses the stage variable(s) {StatementMatcher.List(_target.UnresolvedVariables)}, which the console's Test button, running outside any deployed stage, has only when they are entered in its form; enter them there, and grant every function or alias they can name."
            : $"Stage '{_target.StageName}' does not define the stage variable(s) {StatementMatcher.List(_target.UnresolvedVariables)} that {Subject} uses, so API Gateway cannot tell which function to invoke; define them on the stage and grant every function or alias they can name.";

        public string AuthorizerIdUnknown() =>
            $"The deployment '{_target.DeploymentId}' that stage '{_target.StageName}' serves uses authorizer '{_target.AuthorizerName}', which no longer exists in the API's current configuration (deleted or renamed), so its id and the source ARN '…/authorizers/{{id}}' it presents cannot be read; redeploy the stage, or check the authorizer by hand.";

        public string CallerCredentials() =>
            $"{Cap(Subject)} passes the caller's identity through (credentials '{_target.CredentialsArn}'), so every caller needs {LambdaPermission.InvokeAction} on {Function}; a resource-policy grant for API Gateway does not help.";

        public string InvalidCredentials() =>
            $"The credentials '{_target.CredentialsArn}' of {Subject} are neither an IAM role ARN nor 'arn:aws:iam::*:user/*', so API Gateway cannot use them; set a role that trusts {LambdaPermission.ApiGatewayPrincipal}, or remove them to use the function's resource policy.";

        public string NoFunction() =>
            $"The URI of {Subject} ('{_target.IntegrationUri}') does not name a valid Lambda function, so API Gateway cannot invoke anything; correct the URI or the stage variables.";

        public string CrossAccountStageVariable() =>
            $"{Cap(Subject)} names {Function} in account {_target.FunctionAccountId} through a stage variable, but stage variables don't support cross-account Lambda functions (the function must be in the API's account {_target.ApiAccountId}), so API Gateway cannot invoke it; use a function in the API's account, or write the cross-account function's ARN literally in the URI.";

        public string Latest() =>
            $"{Cap(Subject)} invokes {Function}, and $LATEST cannot carry a resource policy; point the URI at the unqualified function, a version or an alias, and grant that.";

        public string PolicyNotRead() =>
            $"The resource policy of {PolicyOwner} was not read, so the tool cannot tell whether API Gateway may invoke it.";

        public string FunctionNotFound() =>
            $"Function {Function} does not exist{(_target.Qualifier == null ? "" : " (or has no alias or version '" + _target.Qualifier + "')")}, so API Gateway cannot invoke it from {Subject}; deploy it, or point the URI at an existing function and deploy the API.";

        public string PolicyAccessDenied(string? message) =>
            $"The tool may not read the resource policy of {PolicyOwner} (lambda:GetPolicy){Detail(message)}{OtherAccountHint}.";

        public string PolicyReadFailed(string? message) =>
            $"Reading the resource policy of {PolicyOwner} failed{Detail(message)}, so the tool cannot tell whether API Gateway may invoke it.";

        public string PolicyUnreadable(string message) =>
            $"The resource policy of {PolicyOwner} cannot be evaluated ({message}); check it by hand.";

        public string NoPolicy() =>
            $"{Cap(PolicyOwner)} has no resource policy, so API Gateway may not invoke it from '{_target.PresentedSourceArn}'{FixClause}.";

        public string NoPolicyForRole(string role) =>
            $"{Cap(PolicyOwner)} has no resource policy, but the credentials role '{role}' is in another account, so the function's policy must also allow that role or its account to call {LambdaPermission.InvokeAction}; add such a statement.";

        // broad: why the statement is overly broad (§11.7), said so that the warning explains itself; null when it is not.
        public string GrantedByPolicy(StatementMatch granting, string? role, string? broad) =>
            $"Statement {granting.Statement.Label} of {PolicyOwner} lets {(role == null ? "API Gateway" : $"the role '{role}'")} invoke it from '{_target.PresentedSourceArn}'{(string.IsNullOrEmpty(granting.Statement.Sid) ? $"; it has no Sid, so MatchedStatementId names it by its position ('{granting.Statement.Name}')" : "")}."
            + (broad == null ? "" : $" It grants more than API Gateway needs: {broad}.");

        public string ExplicitDeny(StatementMatch deny) =>
            $"Statement {deny.Statement.Label} of {PolicyOwner} explicitly denies '{_target.PresentedSourceArn}', and a Deny overrides every grant; remove that statement.";

        public string Uncertain(StatementMatch statement) =>
            $"Statement {statement.Statement.Label} of {PolicyOwner} could decide '{_target.PresentedSourceArn}' but uses {string.Join(" and ", statement.Unsupported)}, which the tool cannot evaluate; check it by hand.";

        public string NoMatchingStatement(StatementMatch? nearest, int statementCount, string? role)
        {
            var who = role == null ? "API Gateway" : $"the credentials role '{role}' (another account)";
            var start = $"No statement of {PolicyOwner} lets {who} invoke it from '{_target.PresentedSourceArn}'";
            var nearestText = nearest == null
                ? $"; none of its {statementCount} statement(s) is an Allow"
                : $"; the nearest, {nearest.Statement.Label}, differs in {Join(nearest.Differences.Select(d => d.Text).ToArray())}";
            var fix = role == null ? FixClause : "; add a statement that allows the role or its account";
            return start + nearestText + fix + ".";
        }

        /// <summary>The policy decides one form API Gateway may present one way and another form the other way (docs/aws-rules.md §8 UNCONFIRMED).</summary>
        public string FormUncertain(string granted, string notGranted)
        {
            var why = _target.Kind == TargetKind.Authorizer
                ? "a WebSocket authorizer on $connect presents its authorizer ARN or the $connect route's ARN"
                : $"the route '{_target.RouteKey}' presents path parameters as the template or as the request's values, and ANY as the literal or the request's method";
            return $"{Cap(PolicyOwner)} lets API Gateway invoke it from '{granted}' but not from '{notGranted}', and AWS does not document whether {why} (uncertain), "
                + $"so the tool cannot tell whether {Subject} works{(_grantSourceArns.Length == 0 ? "" : $"; grant {Join(_grantSourceArns.Select(a => $"'{a}'").ToArray())} to cover every form")}.";
        }

        public string QualifierMismatch(PolicyStatement statement, string? grantedQualifier)
        {
            var where = grantedQualifier == null ? "the unqualified function" : $"qualifier '{grantedQualifier}'";
            var called = _target.Qualifier == null ? "the unqualified function" : $"qualifier '{_target.Qualifier}'";
            return $"Statement {statement.Label} grants '{_target.PresentedSourceArn}' on the policy of {where}, but {Subject} invokes {called}, and each qualifier has its own policy{FixClause} on {called}.";
        }

        /// <summary>Appended to a denial whose other qualifiers were not all read: the verdict stands, only its cause is open.</summary>
        public string OtherQualifiersUnread(IReadOnlyList<string?> unread, bool unlisted)
        {
            var causes = unread.Select(q => $"the policy of {(q == null ? "the unqualified function" : $"qualifier '{q}'")} could not be read").ToList();
            if (unlisted)
            {
                causes.Add("its aliases and versions could not be listed");
            }

            return $" A grant on another qualifier (QualifierMismatch) is not ruled out: {Join(causes.ToArray())}.";
        }

        public string RoleNotRead(string role) =>
            $"The credentials role '{role}' was not read, so the tool cannot tell whether API Gateway may use it to invoke {Function}.";

        public string RoleMissing(string role) =>
            $"The credentials role '{role}' of {Subject} does not exist, so API Gateway cannot assume it; create it or point the credentials at an existing role.";

        public string RoleReadFailed(string role, string? message) =>
            $"The tool could not read the credentials role '{role}' (iam:GetRole, iam:SimulatePrincipalPolicy){Detail(message)}.";

        public string RoleNotTrusted(string role) =>
            $"The trust policy of the credentials role '{role}' does not let {LambdaPermission.ApiGatewayPrincipal} call sts:AssumeRole, so API Gateway cannot assume it for {Subject}; add that trust statement.";

        public string RoleTrustUncertain(string role, string? detail) =>
            $"The trust policy of the credentials role '{role}' cannot be evaluated{Detail(detail)}; check by hand that {LambdaPermission.ApiGatewayPrincipal} may call sts:AssumeRole.";

        public string RoleNotSimulated(string role) =>
            $"IAM was not asked whether the credentials role '{role}' may invoke exactly {Function}, so the tool cannot tell.";

        public string RoleLacksInvoke(string role, string decision) =>
            $"The credentials role '{role}' may not call {LambdaPermission.InvokeAction} on exactly {Function} (IAM simulation: {decision}); allow that ARN in the role's policy (a qualified call needs the qualified ARN or '…:function:name:*').";

        public string GrantedByRole(string role) =>
            $"API Gateway assumes the credentials role '{role}', which trusts it and may call {LambdaPermission.InvokeAction} on {Function}.";

        private static string Detail(string? message) => string.IsNullOrEmpty(message) ? "" : $" ({message!.TrimEnd('.')})";

        private static string Join(string[] parts) =>
            parts.Length <= 1 ? string.Concat(parts) : string.Join(", ", parts, 0, parts.Length - 1) + " and " + parts[parts.Length - 1];

        private static string Cap(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
