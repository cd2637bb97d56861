using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Grants;
using LambdaPermTools.Planning;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Evaluation
{
    /// <summary>Status and Cause per contract, the role path (§4.4, §11.2) and the lookup outcomes (§11.3).</summary>
    public class VerdictTests
    {
        private const string Role = "arn:aws:iam::111122223333:role/apigw-invoke";
        private const string OtherRole = "arn:aws:iam::444455556666:role/apigw-invoke";
        private const string Trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

        private static PermissionFinding Evaluate(TestApi api, EvidenceSet evidence) => Run.Findings(api.Build(), evidence).Single();

        [Fact] // §11.3 a function without a policy → NoPolicy, with the planned grant filled (default Method scope)
        public void NoPolicyIsDeniedWithPlannedGrant()
        {
            var finding = Evaluate(new TestApi().Method("/pets/{id}", "GET", Uri(Fn("f"))), Run.Evidence((Fn("f"), null, null)));
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoPolicy), (finding.Status, finding.Cause));
            Assert.Equal(("lambda:InvokeFunction", "apigateway.amazonaws.com"), (finding.Action, finding.Principal));
            Assert.Equal("arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/GET/pets/*", finding.SourceArn);
            Assert.Equal(StatementIds.For(finding.SourceArn!), finding.StatementId);
            Assert.Contains("has no resource policy", finding.Reason);
        }

        [Theory] // the finding always carries the least-privilege grant; only the plan follows FixOptions.Scope, derived from the target
        [InlineData(FixScope.Stage, "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/pets/*")]
        [InlineData(FixScope.Api, "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*")]
        public void PlannedGrantFollowsScopeButTheFindingDoesNot(FixScope scope, string sourceArn)
        {
            var evidence = Run.Evidence((Fn("f"), null, null));
            var finding = Evaluate(new TestApi().Method("/pets/{id}", "GET", Uri(Fn("f"))), evidence);
            Assert.Equal("arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/GET/pets/*", finding.SourceArn);
            Assert.Equal(StatementIds.For(finding.SourceArn!), finding.StatementId);
            Assert.Contains($"with source ARN '{finding.SourceArn}'", finding.Reason);

            var grant = Assert.Single(FixPlanner.Plan(new[] { finding }, new FixOptions { Scope = scope }, evidence).Grants);
            Assert.Equal(sourceArn, grant.SourceArn);
            Assert.Equal(StatementIds.For(sourceArn), grant.StatementId);
        }

        [Fact] // §3.1 a grant on the alias does not cover the unqualified function → QualifierMismatch
        public void AliasGrantDoesNotCoverUnqualified()
        {
            var evidence = Run.Evidence((Fn("f"), null, null), (Fn("f"), "live", Policy.Of(Policy.Grant("alias-grant", Judge.ApiPrefix + "/*", Fn("f") + ":live"))));
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f"))), evidence);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.QualifierMismatch), (finding.Status, finding.Cause));
            Assert.Contains("'alias-grant' grants", finding.Reason);
            Assert.Contains("qualifier 'live'", finding.Reason);
            Assert.NotNull(finding.SourceArn);
        }

        [Fact] // §3.1 a grant on the unqualified function does not cover an alias → QualifierMismatch (unqualified policy requested, §EvidenceNeeds)
        public void UnqualifiedGrantDoesNotCoverAlias()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f") + ":live"));
            var request = EvidenceNeeds.For(Run.Targets(api.Build()));
            Assert.Contains(new System.Collections.Generic.KeyValuePair<string, string?>(Fn("f"), null), request.Policies);
            var evidence = Run.Evidence((Fn("f"), "live", Policy.Of(Policy.Grant("other", Judge.ApiPrefix + "/*/POST/*", Fn("f") + ":live"))),
                (Fn("f"), null, Policy.Of(Policy.Grant("bare", Judge.ApiPrefix + "/*/GET/x", Fn("f")))));
            var finding = Evaluate(api, evidence);
            Assert.Equal(PermissionCause.QualifierMismatch, finding.Cause);
            Assert.Contains("the unqualified function", finding.Reason);
        }

        [Fact] // §11.6 another qualifier's policy that failed to read leaves QualifierMismatch open: the denial stands and says so
        public void UnreadPolicyOfAnotherQualifierIsNamedInTheDenial()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f") + ":live"));
            var evidence = Run.Evidence((Fn("f"), "live", Policy.Of(Policy.Grant("other", Judge.ApiPrefix + "/*/POST/*", Fn("f") + ":live"))));
            evidence.AddPolicy(Fn("f"), null, new PolicyLookup { Status = LookupStatus.Failed, Message = "Rate exceeded" });
            evidence.AddPolicy(Fn("f"), "2", new PolicyLookup { Status = LookupStatus.AccessDenied, Message = "not authorized" });
            var finding = Evaluate(api, evidence);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement), (finding.Status, finding.Cause));
            Assert.EndsWith(" A grant on another qualifier (QualifierMismatch) is not ruled out: the policy of the unqualified function could not be read and the policy of qualifier '2' could not be read.", finding.Reason);
        }

        [Fact] // §11.6 qualifiers that could not be listed leave QualifierMismatch open; a complete diagnosis adds no note
        public void UnlistedQualifiersAreNamedInTheDenialAndOnlyThen()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f")));
            var evidence = Run.Evidence((Fn("f"), null, null), (Fn("f"), "live", null));
            Assert.DoesNotContain("not ruled out", Evaluate(api, evidence).Reason);

            evidence.MarkQualifiersUnlisted(Fn("f"));
            var finding = Evaluate(api, evidence);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoPolicy), (finding.Status, finding.Cause));
            Assert.EndsWith(" A grant on another qualifier (QualifierMismatch) is not ruled out: its aliases and versions could not be listed.", finding.Reason);
        }

        [Fact] // §3.1 $LATEST.PUBLISHED's policy rules are unconfirmed: judged by its own policy, like any qualifier, not as $LATEST
        public void LatestPublishedIsJudgedByItsOwnPolicy()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f") + ":$LATEST.PUBLISHED"));
            Assert.Contains(new KeyValuePair<string, string?>(Fn("f"), "$LATEST.PUBLISHED"), EvidenceNeeds.For(Run.Targets(api.Build())).Policies);
            var granted = Run.Evidence((Fn("f"), "$LATEST.PUBLISHED", Policy.Of(Policy.Grant("pub", Judge.ApiPrefix + "/*/GET/x", Fn("f") + ":$LATEST.PUBLISHED"))));
            Assert.Equal((PermissionStatus.Allowed, PermissionCause.GrantedByPolicy), (Evaluate(api, granted).Status, Evaluate(api, granted).Cause));
            var finding = Evaluate(api, Run.Evidence((Fn("f"), "$LATEST.PUBLISHED", null)));
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoPolicy), (finding.Status, finding.Cause));
            Assert.NotNull(finding.SourceArn);
        }

        [Fact] // §3.1 $LATEST cannot carry a resource policy → LatestQualifier, nothing to plan
        public void LatestIsDenied()
        {
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f") + ":$LATEST")), new EvidenceSet());
            Assert.Equal((PermissionStatus.Denied, PermissionCause.LatestQualifier), (finding.Status, finding.Cause));
            Assert.Null(finding.SourceArn);
        }

        [Fact] // §11.1 an undefined stage variable → UnresolvedStageVariable naming it
        public void UnresolvedVariableIsDenied()
        {
            var finding = Evaluate(new TestApi().Stage("dev").Method("/x", "GET", Uri(Fn("${stageVariables.fn}"))), new EvidenceSet());
            Assert.Equal((PermissionStatus.Denied, PermissionCause.UnresolvedStageVariable), (finding.Status, finding.Cause));
            Assert.Contains("'fn'", finding.Reason);
            Assert.Null(finding.SourceArn);
        }

        [Fact] // §1.5 the console's Test button runs outside any stage: its Reason does not ask to define the variable on a stage
        public void UnresolvedVariableInTestInvokeNamesTheConsole()
        {
            var api = new TestApi().Stage("dev", ("fn", "f")).Method("/x", "GET", Uri(Fn("${stageVariables.fn}"))).Build();
            var finding = Assert.Single(Run.Findings(api, new EvidenceSet(), testInvoke: true), f => f.StageName == "test-invoke-stage");
            Assert.Equal((PermissionStatus.Denied, PermissionCause.UnresolvedStageVariable), (finding.Status, finding.Cause));
            Assert.Contains("console's Test button", finding.Reason);
            Assert.DoesNotContain("define them on the stage", finding.Reason);
        }

        [Fact] // §4.4 caller passthrough → Unknown / CallerCredentials
        public void CallerPassthroughIsUnknown()
        {
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: "arn:aws:iam::*:user/*"), new EvidenceSet());
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.CallerCredentials), (finding.Status, finding.Cause));
            Assert.Empty(EvidenceNeeds.For(Run.Targets(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: "arn:aws:iam::*:user/*").Build())).Policies);
        }

        [Fact] // §11.3 GetPolicy on a missing function or alias → FunctionNotFound
        public void MissingFunctionIsDenied()
        {
            var evidence = new EvidenceSet();
            evidence.AddPolicy(Fn("gone"), "live", new PolicyLookup { Status = LookupStatus.NotFound });
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("gone") + ":live")), evidence);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.FunctionNotFound), (finding.Status, finding.Cause));
            Assert.Contains("'live'", finding.Reason);
        }

        [Fact] // §11.3 access denied → Unknown / AccessDenied, naming the function's account when it is not the API's
        public void AccessDeniedNamesTheFunctionsAccount()
        {
            var evidence = new EvidenceSet();
            evidence.AddPolicy(Fn("f", account: OtherAccount), null, new PolicyLookup { Status = LookupStatus.AccessDenied, Message = "User is not authorized to perform lambda:GetPolicy" });
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f", account: OtherAccount))), evidence);
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.AccessDenied), (finding.Status, finding.Cause));
            Assert.Contains($"use credentials of account {OtherAccount}", finding.Reason);
            Assert.Contains("not authorized to perform lambda:GetPolicy", finding.Reason);
        }

        [Fact] // any other read failure → Unknown with the service's message
        public void FailedLookupIsUnknownWithMessage()
        {
            var evidence = new EvidenceSet();
            evidence.AddPolicy(Fn("f"), null, new PolicyLookup { Status = LookupStatus.Failed, Message = "Rate exceeded" });
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f"))), evidence);
            Assert.Equal(PermissionStatus.Unknown, finding.Status);
            Assert.Contains("Rate exceeded", finding.Reason);
        }

        [Fact] // evidence that was never read is Unknown, not Denied
        public void UnreadPolicyIsUnknown() =>
            Assert.Equal(PermissionStatus.Unknown, Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f"))), new EvidenceSet()).Status);

        [Fact] // §4.4 same-account role that trusts API Gateway and may invoke the exact ARN → GrantedByRole, no policy needed
        public void SameAccountRoleGrants()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f") + ":live"), credentials: Role);
            var request = EvidenceNeeds.For(Run.Targets(api.Build()));
            Assert.Equal(new[] { Fn("f") + ":live" }, request.Roles[Role]);
            // Only the alias's own policy, read to learn that the function exists; not the unqualified one.
            Assert.Equal(new[] { new KeyValuePair<string, string?>(Fn("f"), "live") }, request.Policies);
            var finding = Evaluate(api, Run.WithRole(Role, Run.Role(Trust, Fn("f") + ":live", "allowed")));
            Assert.Equal((PermissionStatus.Allowed, PermissionCause.GrantedByRole), (finding.Status, finding.Cause));
        }

        [Fact] // §11 step 1 names $LATEST → LatestQualifier before the paths split; only the resource-policy path needs a policy on
        // $LATEST, so a same-account role that may invoke it exactly is GrantedByRole (a deliberate reading, said in the closing note)
        public void SameAccountRoleMayInvokeLatest()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f") + ":$LATEST"), credentials: Role);
            var finding = Evaluate(api, Run.WithRole(Role, Run.Role(Trust, Fn("f") + ":$LATEST", "allowed")));
            Assert.Equal((PermissionStatus.Allowed, PermissionCause.GrantedByRole), (finding.Status, finding.Cause));
        }

        [Fact] // §10 row 12: IAM lets a role invoke a deleted function; API Gateway still fails → FunctionNotFound, not GrantedByRole
        public void SameAccountRoleOnDeletedFunctionIsDenied()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("gone") + ":live"), credentials: Role);
            var evidence = Run.WithRole(Role, Run.Role(Trust, Fn("gone") + ":live", "allowed"));
            evidence.AddPolicy(Fn("gone"), "live", new PolicyLookup { Status = LookupStatus.NotFound });
            var finding = Evaluate(api, evidence);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.FunctionNotFound), (finding.Status, finding.Cause));
            Assert.Null(finding.SourceArn); // no resource-policy grant can fix a missing function
        }

        [Fact] // §4.4 the existence read does not decide a role target: no policy on the function still leaves the role in charge
        public void SameAccountRoleWithoutPolicyStillGrants()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role);
            var evidence = Run.WithRole(Role, Run.Role(Trust, Fn("f"), "allowed"));
            evidence.AddPolicy(Fn("f"), null, new PolicyLookup { Status = LookupStatus.NoPolicy });
            Assert.Equal(PermissionCause.GrantedByRole, Evaluate(api, evidence).Cause);
        }

        [Fact] // §6.3 the trust policy is accepted URL-encoded as GetRole returns it
        public void UrlEncodedTrustPolicyIsRead()
        {
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role), Run.WithRole(Role, Run.Role(System.Uri.EscapeDataString(Trust), Fn("f"), "allowed")));
            Assert.Equal(PermissionCause.GrantedByRole, finding.Cause);
        }

        [Fact] // §4.4 a trust statement with conditions cannot be judged → Unknown
        public void ConditionalTrustIsUnknown()
        {
            var trust = Trust.Replace("\"Action\":\"sts:AssumeRole\"", "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}");
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role), Run.WithRole(Role, Run.Role(trust, Fn("f"), "allowed")));
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (finding.Status, finding.Cause));
        }

        [Fact] // §4.4 a Deny in the trust policy wins; a conditional Deny leaves it open
        public void TrustDenyWins()
        {
            const string allow = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}";
            const string deny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\"}";
            const string conditionalDeny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}";
            PermissionFinding With(string statements) =>
                Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role), Run.WithRole(Role, Run.Role("{\"Statement\":[" + statements + "]}", Fn("f"), "allowed")));
            Assert.Equal(PermissionCause.RoleCannotBeAssumed, With(allow + "," + deny).Cause);
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (With(allow + "," + conditionalDeny).Status, With(allow + "," + conditionalDeny).Cause));
            Assert.Equal(PermissionCause.GrantedByRole, With(allow).Cause);
        }

        [Fact] // §3.3 whether service principals fold case is UNCONFIRMED: a trust statement spelling the service in another case → Unknown
        public void TrustServicePrincipalCaseIsUnknown()
        {
            var trust = Trust.Replace("apigateway.amazonaws.com", "APIGateway.amazonaws.com");
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role), Run.WithRole(Role, Run.Role(trust, Fn("f"), "allowed")));
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (finding.Status, finding.Cause));
        }

        [Fact] // §4.4 a role that does not trust apigateway.amazonaws.com → RoleCannotBeAssumed
        public void UntrustedRoleCannotBeAssumed()
        {
            var trust = Trust.Replace("apigateway.amazonaws.com", "lambda.amazonaws.com");
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role), Run.WithRole(Role, Run.Role(trust, Fn("f"), "allowed")));
            Assert.Equal((PermissionStatus.Denied, PermissionCause.RoleCannotBeAssumed), (finding.Status, finding.Cause));
            Assert.Null(finding.SourceArn);
        }

        [Fact] // §4.4 a missing role cannot be assumed either
        public void MissingRoleCannotBeAssumed()
        {
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role), Run.WithRole(Role, new RoleLookup { Status = LookupStatus.NotFound }));
            Assert.Equal(PermissionCause.RoleCannotBeAssumed, finding.Cause);
            Assert.Contains("does not exist", finding.Reason);
        }

        [Fact] // §4.4 the role's decision for the exact qualified ARN must be "allowed" → else RoleLacksInvoke
        public void RoleWithoutInvokeIsDenied()
        {
            var lookup = Run.Role(Trust, Fn("f"), "allowed");
            lookup.InvokeDecisions[Fn("f") + ":live"] = "implicitDeny";
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f") + ":live"), credentials: Role), Run.WithRole(Role, lookup));
            Assert.Equal((PermissionStatus.Denied, PermissionCause.RoleLacksInvoke), (finding.Status, finding.Cause));
            Assert.Contains("implicitDeny", finding.Reason);
        }

        [Fact] // §4.4 role in another account: the function's policy must also name the role or its account
        public void CrossAccountRoleNeedsResourcePolicy()
        {
            var api = new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: OtherRole);
            Assert.Single(EvidenceNeeds.For(Run.Targets(api.Build())).Policies);

            var serviceOnly = Run.Evidence((Fn("f"), null, Policy.Of(Policy.Grant("svc", Judge.ApiPrefix + "/*", Fn("f")))));
            var denied = Evaluate(api, Run.WithRole(OtherRole, Run.Role(Trust, Fn("f"), "allowed"), serviceOnly));
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement), (denied.Status, denied.Cause));
            Assert.Contains("the role or its account", denied.Reason);
            Assert.Null(denied.SourceArn);
            Assert.Empty(FixPlanner.Plan(new[] { denied }, new FixOptions(), serviceOnly).Grants);

            foreach (var principal in new[] { OtherRole, OtherAccount, $"arn:aws:iam::{OtherAccount}:root" })
            {
                var statement = Policy.Grant("role", null, Fn("f"));
                statement["Principal"] = new System.Text.Json.Nodes.JsonObject { ["AWS"] = principal };
                var evidence = Run.WithRole(OtherRole, Run.Role(Trust, Fn("f"), "allowed"), Run.Evidence((Fn("f"), null, Policy.Of(statement))));
                var allowed = Evaluate(api, evidence);
                Assert.Equal((PermissionStatus.Allowed, PermissionCause.GrantedByPolicy, "role"), (allowed.Status, allowed.Cause, allowed.MatchedStatementId));
            }
        }

        [Fact] // §11.7 a statement naming the cross-account role cannot carry a SourceArn (the role calls, not the service): not overly broad
        public void CrossAccountRoleGrantIsNotOverlyBroad()
        {
            PermissionFinding GrantedTo(System.Text.Json.Nodes.JsonNode principal)
            {
                var statement = Policy.Grant("role", null, Fn("f"));
                statement["Principal"] = principal;
                var evidence = Run.WithRole(OtherRole, Run.Role(Trust, Fn("f"), "allowed"), Run.Evidence((Fn("f"), null, Policy.Of(statement))));
                return Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: OtherRole), evidence);
            }

            var role = GrantedTo(new System.Text.Json.Nodes.JsonObject { ["AWS"] = OtherRole });
            Assert.Equal((PermissionStatus.Allowed, false), (role.Status, role.OverlyBroad));
            var everyone = GrantedTo("*");
            Assert.Equal((PermissionStatus.Allowed, true), (everyone.Status, everyone.OverlyBroad));
        }

        [Theory] // §4.3 "Stage variables don't support cross-account Lambda functions": a stage variable that names a function in
        // another account never works, whatever that function's policy says; no grant can fix it
        [InlineData("${stageVariables.fn}", "arn:aws:lambda:us-east-1:444455556666:function:g")]
        [InlineData("arn:aws:lambda:us-east-1:444455556666:function:${stageVariables.fn}", "g")]
        public void CrossAccountFunctionThroughStageVariableIsDenied(string functionReference, string value)
        {
            var api = new TestApi().Stage("prod", ("fn", value)).Method("/x", "GET", Uri(functionReference));
            var policy = Policy.Of(Policy.Grant("s", Judge.ApiPrefix + "/*", Fn("g", account: OtherAccount)));
            var finding = Evaluate(api, Run.Evidence((Fn("g", account: OtherAccount), null, policy)));
            Assert.Equal(PermissionStatus.Denied, finding.Status);
            Assert.Contains("cross-account", finding.Reason);
            Assert.Null(finding.SourceArn);
            Assert.Empty(EvidenceNeeds.For(Run.Targets(api.Build())).Policies);
        }

        [Fact] // §4.3 a stage variable naming a function in the API's own account is fine (same account)
        public void SameAccountFunctionThroughStageVariableIsEvaluated()
        {
            var api = new TestApi().Stage("prod", ("fn", Fn("g"))).Method("/x", "GET", Uri("${stageVariables.fn}"));
            var finding = Evaluate(api, Run.Evidence((Fn("g"), null, Policy.Of(Policy.Grant("s", Judge.ApiPrefix + "/*/GET/x", Fn("g"))))));
            Assert.Equal(PermissionCause.GrantedByPolicy, finding.Cause);
        }

        [Fact] // credentials that are neither a role nor the passthrough value cannot be used
        public void InvalidCredentialsCannotBeAssumed() =>
            Assert.Equal(PermissionCause.RoleCannotBeAssumed, Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: "arn:aws:iam::111122223333:user/bob"), new EvidenceSet()).Cause);

        [Fact] // an Allowed finding carries no planned grant
        public void AllowedHasNoGrant()
        {
            var finding = Evaluate(new TestApi().Method("/x", "GET", Uri(Fn("f"))), Run.Evidence((Fn("f"), null, Policy.Of(Policy.Grant("s", Judge.ApiPrefix + "/*/GET/x", Fn("f"))))));
            Assert.Equal(PermissionStatus.Allowed, finding.Status);
            Assert.Null(finding.Action);
            Assert.Null(finding.StatementId);
        }

        [Fact] // EvidenceNeeds: each (function, qualifier) once across targets; nothing for unresolved or $LATEST
        public void EvidenceNeedsDeduplicates()
        {
            var api = new TestApi().Stage("dev").Stage("prod", ("fn", "g"))
                .Method("/a", "GET", Uri(Fn("f"))).Method("/b", "POST", Uri(Fn("f")))
                .Method("/c", "GET", Uri(Fn("${stageVariables.fn}"))).Method("/d", "GET", Uri(Fn("h") + ":$LATEST"))
                .Authorizer("au1", "a", Uri(Fn("f"))).Build();
            var request = EvidenceNeeds.For(Run.Targets(api, testInvoke: true));
            Assert.Equal(new[] { (Fn("f"), (string?)null), (Fn("g"), null) }, request.Policies.Select(p => (p.Key, p.Value)));
            Assert.Empty(request.Roles);
        }
    }
}
