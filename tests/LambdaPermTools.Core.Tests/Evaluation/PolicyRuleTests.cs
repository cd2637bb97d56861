using System.Text.Json.Nodes;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.Judge;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Evaluation
{
    /// <summary>docs/aws-rules.md §3 and §11.5–§11.7: when a resource-policy statement grants API Gateway.</summary>
    public class PolicyRuleTests
    {
        private static JsonObject With(JsonObject statement, string key, JsonNode? value)
        {
            statement[key] = value;
            return statement;
        }

        private static void AssertAllowed(PermissionFinding finding, string sid = "s1")
        {
            Assert.True(finding.Status == PermissionStatus.Allowed, finding.Reason);
            Assert.Equal(PermissionCause.GrantedByPolicy, finding.Cause);
            Assert.Equal(sid, finding.MatchedStatementId);
        }

        [Fact] // §3.2 the statement shape AddPermission writes grants its source ARN
        public void AddPermissionStatementGrants() => AssertAllowed(Statements(Grant(ApiPrefix + "/*/GET/pets/*")));

        [Fact] // §3.2 Statement may be a single object instead of an array
        public void SingleStatementObject()
        {
            var policy = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = Grant(ApiPrefix + "/*/GET/pets/*") }.ToJsonString();
            AssertAllowed(Method(policy));
        }

        [Theory] // §3.2 ArnLike, ArnEquals and StringLike are evaluated; StringEquals compares literally
        [InlineData("ArnLike", ApiPrefix + "/*/GET/pets/*", true)]
        [InlineData("ArnEquals", ApiPrefix + "/*/GET/pets/*", true)]
        [InlineData("StringLike", ApiPrefix + "/*/GET/pets/*", true)]
        [InlineData("StringEquals", ApiPrefix + "/*/GET/pets/*", false)]
        [InlineData("StringEquals", Presented, true)]
        public void SourceArnOperators(string op, string pattern, bool allowed) =>
            Assert.Equal(allowed, Method(Policy.Of(Policy.Grant("s1", pattern, Fn("f"), op: op))).Status == PermissionStatus.Allowed);

        [Fact] // §3.6, §11.5 Deny (a whole-document policy) wins over a matching Allow: ExplicitDeny, no grant is planned
        public void DenyWins()
        {
            var deny = With(Grant(ApiPrefix + "/*", "no"), "Effect", "Deny");
            var finding = Statements(Grant(ApiPrefix + "/*/GET/pets/*"), deny);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.ExplicitDeny), (finding.Status, finding.Cause));
            Assert.Contains("'no' of", finding.Reason);
            Assert.Contains("explicitly denies", finding.Reason);
            Assert.Null(finding.SourceArn);
        }

        [Fact] // §3.6 a granting statement without Sid is named by its position, and the Reason says so
        public void GrantWithoutSidIsNamedByPosition()
        {
            var noSid = Grant(ApiPrefix + "/*/GET/pets/*");
            noSid.Remove("Sid");
            var finding = Statements(Grant(ApiPrefix + "/*/POST/other", "other"), noSid);
            AssertAllowed(finding, "statement #2");
            Assert.Contains("no Sid", finding.Reason);
        }

        [Theory] // §3.3 principal forms that grant the service: Service string or array, "*", {"AWS":"*"}
        [InlineData("{\"Service\":\"apigateway.amazonaws.com\"}")]
        [InlineData("{\"Service\":[\"s3.amazonaws.com\",\"apigateway.amazonaws.com\"]}")]
        [InlineData("\"*\"")]
        [InlineData("{\"AWS\":\"*\"}")]
        [InlineData("{\"AWS\":[\"*\"]}")]
        public void PrincipalFormsThatGrant(string principal) =>
            AssertAllowed(Statements(With(Grant(ApiPrefix + "/*/GET/pets/*"), "Principal", JsonNode.Parse(principal))));

        [Theory] // §3.3 an account or role principal, or another service, does not grant the API Gateway service principal
        [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:root\"}")]
        [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:role/r\"}")]
        [InlineData("{\"Service\":\"s3.amazonaws.com\"}")]
        public void PrincipalFormsThatDoNotGrant(string principal)
        {
            var finding = Statements(With(Grant(ApiPrefix + "/*/GET/pets/*"), "Principal", JsonNode.Parse(principal)));
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            Assert.Contains("the principal", finding.Reason);
        }

        [Fact] // §3.3 whether service principals fold case is UNCONFIRMED: say Unknown rather than guess
        public void ServicePrincipalCaseIsUnknown()
        {
            var finding = Statements(With(Grant(ApiPrefix + "/*/GET/pets/*"), "Principal", JsonNode.Parse("{\"Service\":\"APIGateway.amazonaws.com\"}")));
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (finding.Status, finding.Cause));
        }

        [Theory] // §3.4 actions: case-insensitive glob, string or array
        [InlineData("\"lambda:invokeFunction\"", true)]
        [InlineData("\"lambda:*\"", true)]
        [InlineData("\"*\"", true)]
        [InlineData("\"lambda:Invoke*\"", true)]
        [InlineData("[\"lambda:GetFunction\",\"LAMBDA:INVOKEFUNCTION\"]", true)]
        [InlineData("\"lambda:InvokeAsync\"", false)]
        [InlineData("\"lambda:InvokeFunctionUrl\"", false)]
        [InlineData("\"lambda:Invoke\"", false)]
        [InlineData("\"lambda:Invoke?unction\"", true)]
        [InlineData("\"lambda:GetFunction\"", false)]
        public void ActionForms(string action, bool allowed)
        {
            var finding = Statements(With(Grant(ApiPrefix + "/*/GET/pets/*"), "Action", JsonNode.Parse(action)));
            Assert.Equal(allowed, finding.Status == PermissionStatus.Allowed);
            if (!allowed)
            {
                Assert.Contains("the action", finding.Reason);
            }
        }

        [Theory] // §3.4 NotAction, NotPrincipal, NotResource cannot be evaluated
        [InlineData("NotAction", "\"lambda:GetFunction\"", "Action")]
        [InlineData("NotPrincipal", "{\"Service\":\"s3.amazonaws.com\"}", "Principal")]
        [InlineData("NotResource", "\"arn:aws:lambda:us-east-1:111122223333:function:other\"", "Resource")]
        public void NegatedElementsAreUnknown(string element, string value, string replaces)
        {
            var statement = Grant(ApiPrefix + "/*/GET/pets/*");
            statement.Remove(replaces);
            var finding = Statements(With(statement, element, JsonNode.Parse(value)));
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (finding.Status, finding.Cause));
            Assert.Contains(element, finding.Reason);
        }

        [Theory] // §3.5 condition key names are case-insensitive
        [InlineData("AWS:SourceArn")]
        [InlineData("aws:sourcearn")]
        [InlineData("Aws:SourceARN")]
        public void ConditionKeysIgnoreCase(string key)
        {
            var statement = Grant(ApiPrefix + "/*/GET/pets/*");
            statement["Condition"] = new JsonObject { ["ArnLike"] = new JsonObject { [key] = ApiPrefix + "/*/GET/pets/*" } };
            AssertAllowed(Statements(statement));
        }

        [Fact] // §3.5 condition value arrays are ORed
        public void ValueArraysAreOred()
        {
            var statement = Grant("unused");
            statement["Condition"] = JsonNode.Parse($"{{\"ArnLike\":{{\"AWS:SourceArn\":[\"{ApiPrefix}/*/POST/*\",\"{ApiPrefix}/prod/GET/pets/*\"]}}}}");
            AssertAllowed(Statements(statement));
        }

        [Fact] // §3.5 AWS:SourceAccount must equal the API owner's account
        public void SourceAccountMustBeTheApiOwner()
        {
            AssertAllowed(Method(Policy.Of(Policy.Grant("s1", ApiPrefix + "/*/GET/pets/*", Fn("f"), sourceAccount: Account))));
            var other = Method(Policy.Of(Policy.Grant("s1", ApiPrefix + "/*/GET/pets/*", Fn("f"), sourceAccount: OtherAccount)));
            Assert.Equal(PermissionCause.NoMatchingStatement, other.Cause);
            Assert.Contains("the source account", other.Reason);
        }

        [Theory] // §3.5 other condition keys and operators → UnsupportedCondition (Unknown) when nothing else grants
        [InlineData("StringEquals", "aws:PrincipalOrgID", "o-123")]
        [InlineData("StringEquals", "lambda:EventSourceToken", "t")]
        [InlineData("ArnNotLike", "AWS:SourceArn", "arn:aws:execute-api:us-east-1:111122223333:zzz/*")]
        [InlineData("ArnLikeIfExists", "AWS:SourceArn", ApiPrefix + "/*")]
        [InlineData("ForAnyValue:ArnLike", "AWS:SourceArn", ApiPrefix + "/*")]
        [InlineData("StringNotEquals", "lambda:FunctionUrlAuthType", "NONE")]
        public void UnknownConditionsAreUnknown(string op, string key, string value)
        {
            var statement = Grant(ApiPrefix + "/*/GET/pets/*");
            ((JsonObject)statement["Condition"]!)[op] = new JsonObject { [key] = value };
            var finding = Statements(statement);
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (finding.Status, finding.Cause));
            Assert.Contains(key, finding.Reason);
        }

        [Theory] // §3.5 function-URL conditions (lambda:FunctionUrlAuthType, lambda:InvokedViaFunctionUrl) never match API Gateway:
        // such a statement (the shape Lambda writes for a public function URL: Principal *, lambda:InvokeFunction) does not grant
        [InlineData("StringEquals", "lambda:FunctionUrlAuthType", "NONE")]
        [InlineData("StringEquals", "lambda:FunctionUrlAuthType", "AWS_IAM")]
        [InlineData("Bool", "lambda:InvokedViaFunctionUrl", "true")]
        public void FunctionUrlGrantsNeverMatchApiGateway(string op, string key, string value)
        {
            var statement = With(Policy.Grant("url", null, Fn("f")), "Principal", "*");
            statement["Condition"] = new JsonObject { [op] = new JsonObject { [key] = value } };
            var finding = Statements(statement);
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement), (finding.Status, finding.Cause));
            Assert.Contains("function URL", finding.Reason);
            Assert.NotNull(finding.SourceArn);

            var deny = With(Policy.Grant("url-deny", null, Fn("f")), "Effect", "Deny");
            deny["Condition"] = new JsonObject { [op] = new JsonObject { [key] = value } };
            AssertAllowed(Statements(Grant(ApiPrefix + "/*/GET/pets/*"), deny));
        }

        [Theory] // §3.5 operator names are not documented as case-insensitive (only key names are): another spelling → Unknown
        [InlineData("arnLike", "AWS:SourceArn", ApiPrefix + "/*/GET/pets/*")]
        [InlineData("ARNLIKE", "AWS:SourceArn", ApiPrefix + "/*/GET/pets/*")]
        [InlineData("stringlike", "AWS:SourceArn", ApiPrefix + "/*/GET/pets/*")]
        [InlineData("Stringequals", "AWS:SourceAccount", Account)]
        public void OperatorNamesAreExact(string op, string key, string value)
        {
            var statement = Grant(ApiPrefix + "/*/GET/pets/*");
            statement["Condition"] = new JsonObject { [op] = new JsonObject { [key] = value } };
            var finding = Statements(statement);
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (finding.Status, finding.Cause));
            Assert.Contains(op, finding.Reason);
        }

        [Theory] // §11.5 Resource "*" (string or in an array) covers the policy's own function (IAM-UG Resource element)
        [InlineData("\"*\"")]
        [InlineData("[\"arn:aws:lambda:us-east-1:111122223333:function:other\",\"*\"]")]
        [InlineData("\"arn:aws:lambda:*:*:function:*\"")]
        public void ResourceWildcardCoversTheFunction(string resource) =>
            AssertAllowed(Statements(With(Grant(ApiPrefix + "/*/GET/pets/*"), "Resource", JsonNode.Parse(resource))));

        [Fact] // §3.5 StringEquals has no wildcards: the Reason says the pattern is compared literally, not that some part differs
        public void StringEqualsNearMissSaysLiteral()
        {
            var finding = Method(Policy.Of(Policy.Grant("s1", ApiPrefix + "/*/GET/pets/*", Fn("f"), op: "StringEquals")));
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            Assert.Contains("StringEquals", finding.Reason);
            Assert.Contains("'*'", finding.Reason);
        }

        [Fact] // §3.5 an unsupported condition does not hide another statement that grants
        public void UnsupportedConditionYieldsToAGrant()
        {
            var odd = Grant(ApiPrefix + "/*", "odd");
            ((JsonObject)odd["Condition"]!)["StringEquals"] = new JsonObject { ["aws:PrincipalOrgID"] = "o-1" };
            AssertAllowed(Statements(odd, Grant(ApiPrefix + "/*/GET/pets/*", "good")), "good");
        }

        [Fact] // §3.5 a statement that certainly fails on SourceArn is not "uncertain" because of an extra condition
        public void CertainMismatchBeatsUnsupportedCondition()
        {
            var statement = Grant("arn:aws:execute-api:us-east-1:111122223333:other/*");
            ((JsonObject)statement["Condition"]!)["StringEquals"] = new JsonObject { ["aws:PrincipalOrgID"] = "o-1" };
            Assert.Equal(PermissionCause.NoMatchingStatement, Statements(statement).Cause);
        }

        [Fact] // §11.5 Resource must be the policy's own function/qualifier ARN
        public void ResourceMustCoverTheFunction()
        {
            var finding = Statements(With(Grant(ApiPrefix + "/*/GET/pets/*"), "Resource", Fn("other")));
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            Assert.Contains("the resource", finding.Reason);
        }

        [Theory] // §3.1, §11.5 on an alias's policy, a statement whose Resource is the bare function or another alias does not grant
        [InlineData("")]
        [InlineData(":blue")]
        public void ResourceOfAnotherQualifierDoesNotGrant(string resourceQualifier)
        {
            var finding = Method(Policy.Of(Policy.Grant("s1", ApiPrefix + "/*/GET/pets/*", Fn("f") + resourceQualifier)), qualifier: "live");
            Assert.Equal((PermissionStatus.Denied, PermissionCause.NoMatchingStatement), (finding.Status, finding.Cause));
            Assert.Contains($"differs in the resource (it applies to '{Fn("f") + resourceQualifier}', not '{Fn("f")}:live')", finding.Reason);
        }

        [Fact] // §11.5 no SourceArn condition at all grants any source
        public void NoSourceArnGrants() => AssertAllowed(Method(Policy.Of(Policy.Grant("s1", null, Fn("f")))));

        [Theory] // §11.7 overly broad: no SourceArn, Principal *, {apiId}/* or broader; a method-scoped grant is not
        [InlineData(null, "{\"Service\":\"apigateway.amazonaws.com\"}", true)]
        [InlineData(ApiPrefix + "/*/GET/pets/*", "\"*\"", true)]
        [InlineData(ApiPrefix + "/*", "{\"Service\":\"apigateway.amazonaws.com\"}", true)]
        [InlineData(ApiPrefix + "/*/*", "{\"Service\":\"apigateway.amazonaws.com\"}", true)]
        [InlineData("arn:aws:execute-api:*:*:*", "{\"Service\":\"apigateway.amazonaws.com\"}", true)]
        [InlineData(ApiPrefix + "/*/*/*", "{\"Service\":\"apigateway.amazonaws.com\"}", false)]
        [InlineData(ApiPrefix + "/*/GET/pets/*", "{\"Service\":\"apigateway.amazonaws.com\"}", false)]
        [InlineData(ApiPrefix + "/prod/*", "{\"Service\":\"apigateway.amazonaws.com\"}", false)]
        [InlineData(AccountPrefix + ":*/*/*/*", "{\"Service\":\"apigateway.amazonaws.com\"}", true)]
        [InlineData(AccountPrefix + ":*/*/GET/pets/*", "{\"Service\":\"apigateway.amazonaws.com\"}", true)]
        [InlineData(AccountPrefix + ":a1b2c?/*/GET/pets/*", "{\"Service\":\"apigateway.amazonaws.com\"}", true)]
        [InlineData(AccountPrefix + ":*b2c3/*/GET/pets/*", "{\"Service\":\"apigateway.amazonaws.com\"}", true)]
        public void OverlyBroadGrants(string? sourceArn, string principal, bool broad)
        {
            var finding = Statements(With(Policy.Grant("s1", sourceArn, Fn("f")), "Principal", JsonNode.Parse(principal)));
            AssertAllowed(finding);
            Assert.Equal(broad, finding.OverlyBroad);
        }

        [Theory] // §11.7 the Reason of an overly broad grant says why it is broad
        [InlineData(AccountPrefix + ":*/*/GET/pets/*", "also matches APIs other than 'a1b2c3'")]
        [InlineData(ApiPrefix + "/*", "covers every method and authorizer of API 'a1b2c3'")]
        [InlineData(null, "has no SourceArn")]
        [InlineData("arn:aws:execute-api:us-east-1:*:a1b2c3/*/GET/pets/*", "an API of another account may invoke")]
        public void OverlyBroadGrantSaysWhy(string? sourceArn, string why)
        {
            var finding = Statements(Policy.Grant("s1", sourceArn, Fn("f")));
            Assert.True(finding.OverlyBroad);
            Assert.Contains(why, finding.Reason);
        }

        [Fact] // §11.7 an account wildcard that SourceAccount pins names this account's API only: not broad
        public void AnAccountWildcardPinnedBySourceAccountIsNarrow() =>
            Assert.False(Statements(Policy.Grant("s1", "arn:aws:execute-api:us-east-1:*:a1b2c3/*/GET/pets/*", Fn("f"), sourceAccount: "111122223333")).OverlyBroad);

        [Fact] // §11.7 a narrow grant's Reason says nothing about breadth
        public void NarrowGrantSaysNothingAboutBreadth() =>
            Assert.DoesNotContain("more than API Gateway needs", Statements(Grant(ApiPrefix + "/*/GET/pets/*")).Reason);

        [Fact] // §11.6 the nearest statement is named, by Sid, with the part that differs
        public void NearestStatementIsNamed()
        {
            var finding = Statements(
                Grant("arn:aws:execute-api:us-east-1:111122223333:zzz999/*/POST/orders", "far"),
                Grant(ApiPrefix + "/dev/GET/pets/*", "near"));
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            Assert.Contains("the nearest, 'near', differs in the stage (it allows 'dev', this is 'prod')", finding.Reason);
            Assert.Contains("source ARN '" + ApiPrefix + "/*/GET/pets/*'", finding.Reason);
        }

        [Theory] // §11.6 the Reason names the part that differs, for each part of the source ARN
        [InlineData("arn:aws:execute-api:us-east-1:444455556666:a1b2c3/*/GET/pets/*", "the account (it allows '444455556666', this is '111122223333' (the API owner's account))")]
        [InlineData("arn:aws-cn:execute-api:us-east-1:111122223333:a1b2c3/*/GET/pets/*", "the partition (it allows 'aws-cn', this is 'aws')")]
        [InlineData("arn:aws:lambda:us-east-1:111122223333:a1b2c3/*/GET/pets/*", "the service (it allows 'lambda', this is 'execute-api'; the source ARN has the form")]
        [InlineData("arn:aws:execute-api:us-west-2:111122223333:a1b2c3/*/GET/pets/*", "the region (it allows 'us-west-2', this is 'us-east-1' (the function's region))")]
        [InlineData(ApiPrefix + "/Prod/GET/pets/*", "the stage (it allows 'Prod', this is 'prod'; ARN matching is case-sensitive)")]
        [InlineData(ApiPrefix + "/*/get/pets/*", "the method (it allows 'get', this is 'GET'; ARN matching is case-sensitive)")]
        [InlineData(ApiPrefix + "/authorizers/au1", "the authorizer form (it allows the authorizer ARN 'authorizers/au1', this method integration presents 'prod/GET/pets/{id}')")]
        [InlineData(ApiPrefix + "/prod", "it stops after the stage 'prod'")]
        [InlineData(ApiPrefix + "/*/GET", "it stops after the method")]
        [InlineData(ApiPrefix + "/*/GET/", "the path (it allows '/', this is the resource template '/pets/{id}')")]
        [InlineData("not-an-arn", "is not a complete six-part ARN")]
        public void NearMissNamesThePart(string sourceArn, string fragment)
        {
            var finding = Statements(Grant(sourceArn));
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            Assert.Contains("the nearest, 's1', differs in " + (fragment.StartsWith("it ") || fragment.StartsWith("is ") ? "the source ARN" : fragment), finding.Reason);
            Assert.Contains(fragment, finding.Reason);
        }

        [Fact] // §10 row 9: an execution ARN that already ends in '/' plus '/*/…' leaves an empty stage ('//'); the Reason says so
        public void NearMissEmptyStageNamesTheDoubleSlash()
        {
            var finding = Statements(Grant(ApiPrefix + "//GET/pets/*"));
            Assert.Contains("differs in the stage (it allows '', this is 'prod'", finding.Reason);
            Assert.Contains("'//'", finding.Reason);
        }

        [Fact] // §1.1 a stage's execution ARN plus '/*/GET/…' puts one segment too many before the path: the Reason names the
        // shape, not a path difference
        public void NearMissExtraSegmentNamesTheShape()
        {
            var finding = Statements(Grant(ApiPrefix + "/prod/*/GET/pets/*"));
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            Assert.Contains("differs in the source ARN (it has one segment too many", finding.Reason);
            Assert.DoesNotContain("the path (", finding.Reason);
        }

        [Fact] // §1.1 an API Gateway resource ARN (service apigateway, '/restapis/…') in place of the execute-api ARN: the Reason names
        // the service and the execute-api form, and does not compare '/restapis/…' segment by segment as if it were a stage and method
        public void NearMissApigatewayArnNamesTheService()
        {
            var finding = Statements(Grant("arn:aws:apigateway:us-east-1::/restapis/a1b2c3/*"));
            Assert.Contains("differs in the service (it allows 'apigateway', this is 'execute-api'", finding.Reason);
            Assert.Contains("{apiId}/{stage}/{METHOD}/{path}", finding.Reason);
            Assert.DoesNotContain("the stage", finding.Reason);
            Assert.DoesNotContain("the API id", finding.Reason);
        }

        [Theory] // §1.6 an authorizer pattern with the id missing or a trailing slash is named as a malformed authorizer ARN, not as "method-style"
        [InlineData(ApiPrefix + "/authorizers")]
        [InlineData(ApiPrefix + "/authorizers/")]
        [InlineData(ApiPrefix + "/authorizers/au1/")]
        public void NearMissMalformedAuthorizerPattern(string sourceArn)
        {
            var api = new TestApi().Authorizer("au1", "tok", Uri(Fn("f")));
            var finding = Only(api, Policy.Of(Grant(sourceArn)));
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            Assert.DoesNotContain("method-style", finding.Reason);
            Assert.Contains("'authorizers/au1'", finding.Reason);
        }

        [Fact] // §11.6 several differing parts are all named
        public void NearMissNamesEveryDifferingPart()
        {
            var finding = Statements(Grant("arn:aws:execute-api:us-west-2:111122223333:a1b2c3/dev/POST/pets/*"));
            Assert.Contains("differs in the region (it allows 'us-west-2', this is 'us-east-1' (the function's region)), the stage (it allows 'dev', this is 'prod') and the method (it allows 'POST', this is 'GET')", finding.Reason);
        }

        [Fact] // §11.6 a policy with no Allow statement says so
        public void NoAllowStatementAtAll()
        {
            var finding = Statements(With(Grant(ApiPrefix + "/*/POST/*", "d"), "Effect", "Deny"));
            Assert.Equal(PermissionCause.NoMatchingStatement, finding.Cause);
            Assert.Contains("none of its 1 statement(s) is an Allow", finding.Reason);
        }

        [Fact] // malformed policy text is reported as Unknown, never a crash
        public void MalformedPolicyIsUnknown()
        {
            var finding = Method("{\"Statement\": 42");
            Assert.Equal((PermissionStatus.Unknown, PermissionCause.UnsupportedCondition), (finding.Status, finding.Cause));
        }
    }
}
