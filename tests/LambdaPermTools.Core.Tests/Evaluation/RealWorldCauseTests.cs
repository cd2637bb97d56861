using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Apis;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Planning;
using LambdaPermTools.Tests.Support;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Evaluation
{
    /// <summary>
    /// Whole configurations (API snapshot + evidence) → Status, Cause, a Reason fragment and the planned fix, for every
    /// real-world cause of "Invalid permissions on Lambda function" in docs/aws-rules.md §10 that applies to REST APIs
    /// (row 16 is an HTTP API route and out of scope; row 18 is a plan warning, tested below the table).
    /// </summary>
    public class RealWorldCauseTests
    {
        private const string P = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3";
        private const string Role = "arn:aws:iam::111122223333:role/apigw";
        private const string Trust = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}";

        private sealed record Case(
            ApiSnapshot Api,
            EvidenceSet Evidence,
            Func<PermissionFinding, bool> Which,
            PermissionStatus Status,
            PermissionCause Cause,
            string ReasonFragment,
            string? Fix,
            bool TestInvoke = false);

        private static string Grants(string sourceArn, string? functionArn = null, string? qualifier = null, string sid = "s1") =>
            Policy.Of(Policy.Grant(sid, sourceArn, (functionArn ?? Fn("f")) + (qualifier == null ? "" : ":" + qualifier)));

        private static TestApi Pets(string verb = "GET", string path = "/pets/{id}", string? function = null) =>
            new TestApi().Method(path, verb, Uri(function ?? Fn("f")));

        private static readonly Func<PermissionFinding, bool> Any = _ => true;

        private static readonly Dictionary<string, Case> Cases = new()
        {
            ["01 no grant at all"] = new(Pets().Build(), Run.Evidence((Fn("f"), null, null)), Any,
                PermissionStatus.Denied, PermissionCause.NoPolicy, "has no resource policy", P + "/*/GET/pets/*"),
            ["02a stage variable names a function without a grant"] = new(
                new TestApi().Stage("v1", ("fn", "orders-v1")).Stage("v2", ("fn", "orders-v2")).Method("/o", "POST", Uri(Fn("${stageVariables.fn}"))).Build(),
                Run.Evidence((Fn("orders-v1"), null, Grants(P + "/*/POST/o", Fn("orders-v1"))), (Fn("orders-v2"), null, null)), f => f.StageName == "v2",
                PermissionStatus.Denied, PermissionCause.NoPolicy, "'" + Fn("orders-v2") + "' has no resource policy", P + "/*/POST/o"),
            ["02b stage variable the stage does not define"] = new(
                new TestApi().Stage("v3").Method("/o", "POST", Uri(Fn("${stageVariables.fn}"))).Build(), new EvidenceSet(), Any,
                PermissionStatus.Denied, PermissionCause.UnresolvedStageVariable, "does not define the stage variable(s) 'fn'", null),
            ["03a grant on the alias, integration unqualified"] = new(Pets().Build(),
                Run.Evidence((Fn("f"), null, null), (Fn("f"), "live", Grants(P + "/*/GET/pets/*", qualifier: "live"))), Any,
                PermissionStatus.Denied, PermissionCause.QualifierMismatch, "on the policy of qualifier 'live'", P + "/*/GET/pets/*"),
            ["03b grant on the function, integration on the alias"] = new(Pets(function: Fn("f") + ":live").Build(),
                Run.Evidence((Fn("f"), "live", null), (Fn("f"), null, Grants(P + "/*/GET/pets/*"))), Any,
                PermissionStatus.Denied, PermissionCause.QualifierMismatch, "invokes qualifier 'live'", P + "/*/GET/pets/*"),
            ["04 console Test fails, deployed stage works"] = new(Pets().Build(), Run.Evidence((Fn("f"), null, Grants(P + "/prod/GET/pets/*"))),
                f => f.StageName == "test-invoke-stage",
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "the stage (it allows 'prod', this is 'test-invoke-stage' (the console's Test button))", P + "/*/GET/pets/*", TestInvoke: true),
            ["05 a stage the grant does not cover"] = new(new TestApi().Stage("beta").Method("/pets/{id}", "GET", Uri(Fn("f"))).Build(),
                Run.Evidence((Fn("f"), null, Grants(P + "/prod/GET/pets/*"))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "differs in the stage (it allows 'prod', this is 'beta')", P + "/*/GET/pets/*"),
            ["06 path parameter written differently"] = new(Pets().Build(), Run.Evidence((Fn("f"), null, Grants(P + "/*/GET/pets/{petId}"))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "the path (it allows '/pets/{petId}', this is the resource template '/pets/{id}'; path parameters must be written exactly as in the template, or as '*')", P + "/*/GET/pets/*"),
            ["06b greedy path written without +"] = new(Pets("ANY", "/{proxy+}").Build(), Run.Evidence((Fn("f"), null, Grants(P + "/*/*/{proxy}"))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "the path (it allows '/{proxy}', this is the resource template '/{proxy+}'", P + "/*/*/*"),
            ["07 ANY method granted only for GET"] = new(Pets("ANY", "/items").Build(), Run.Evidence((Fn("f"), null, Grants(P + "/*/GET/items"))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "the method (it allows 'GET', this is 'ANY' (an ANY method presents the literal ANY", P + "/*/*/items"),
            ["08 trailing slash"] = new(Pets("GET", "/pets").Build(), Run.Evidence((Fn("f"), null, Grants(P + "/*/GET/pets/"))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "a trailing slash (it allows '/pets/', the resource is '/pets'", P + "/*/GET/pets"),
            ["09 wrong API id (logical id)"] = new(Pets().Build(), Run.Evidence((Fn("f"), null, Grants("arn:aws:execute-api:us-east-1:111122223333:MyRestApi/*/GET/pets/*"))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "the API id (it allows 'MyRestApi', this is 'a1b2c3' (this API))", P + "/*/GET/pets/*"),
            ["10 authorizer function not granted"] = new(new TestApi().Authorizer("au1", "tok", Uri(Fn("auth"))).Build(), Run.Evidence((Fn("auth"), null, null)), Any,
                PermissionStatus.Denied, PermissionCause.NoPolicy, "'" + Fn("auth") + "' has no resource policy", P + "/authorizers/au1"),
            ["11 authorizer granted with /*/*/*"] = new(new TestApi().Authorizer("au1", "tok", Uri(Fn("auth"))).Build(), Run.Evidence((Fn("auth"), null, Grants(P + "/*/*/*", Fn("auth")))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "the authorizer form (it allows the method-style '*/*/*', an authorizer presents 'authorizers/au1')", P + "/authorizers/au1"),
            ["12 function replaced or deleted"] = new(Pets(function: Fn("old")).Build(), NotFound(Fn("old")), Any,
                PermissionStatus.Denied, PermissionCause.FunctionNotFound, "does not exist", null),
            ["13 cross-region: SourceArn in the API's region"] = new(Pets(function: Fn("f", region: "eu-west-1")).Build(),
                Run.Evidence((Fn("f", region: "eu-west-1"), null, Grants(P + "/*/GET/pets/*", Fn("f", region: "eu-west-1")))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "the region (it allows 'us-east-1', this is 'eu-west-1' (the function's region))",
                "arn:aws:execute-api:eu-west-1:111122223333:a1b2c3/*/GET/pets/*"),
            ["14a caller credentials passthrough"] = new(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: "arn:aws:iam::*:user/*").Build(), new EvidenceSet(), Any,
                PermissionStatus.Unknown, PermissionCause.CallerCredentials, "every caller needs lambda:InvokeFunction", null),
            ["14b credentials role without lambda:InvokeFunction"] = new(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role).Build(), Run.WithRole(Role, Run.Role(Trust, Fn("f"), "implicitDeny")), Any,
                PermissionStatus.Denied, PermissionCause.RoleLacksInvoke, "may not call lambda:InvokeFunction on exactly", null),
            ["14c credentials role without the API Gateway trust"] = new(new TestApi().Method("/x", "GET", Uri(Fn("f")), credentials: Role).Build(),
                Run.WithRole(Role, Run.Role(Trust.Replace("apigateway", "ec2"), Fn("f"), "allowed")), Any,
                PermissionStatus.Denied, PermissionCause.RoleCannotBeAssumed, "does not let apigateway.amazonaws.com call sts:AssumeRole", null),
            ["15 permission from another stack names another API"] = new(Pets().Build(),
                Run.Evidence((Fn("f"), null, Grants("arn:aws:execute-api:us-east-1:111122223333:zz9yy8/*/GET/pets/*"))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "the API id (it allows 'zz9yy8'", P + "/*/GET/pets/*"),
            ["17 imported function in another account, never granted"] = new(Pets(function: Fn("f", account: OtherAccount)).Build(),
                Run.Evidence((Fn("f", account: OtherAccount), null, null)), Any,
                PermissionStatus.Denied, PermissionCause.NoPolicy, "(in account 444455556666, with that account's credentials)", P + "/*/GET/pets/*"),
            ["19 URI names $LATEST"] = new(Pets(function: Fn("f") + ":$LATEST").Build(), new EvidenceSet(), Any,
                PermissionStatus.Denied, PermissionCause.LatestQualifier, "$LATEST cannot carry a resource policy", null),
            ["KC-STAGEVAR sample: SourceArn without a resource part"] = new(Pets().Build(), Run.Evidence((Fn("f"), null, Grants(P))), Any,
                PermissionStatus.Denied, PermissionCause.NoMatchingStatement, "it ends at the API id 'a1b2c3' with no '/…' part", P + "/*/GET/pets/*"),
            ["control: the console's own grant works"] = new(Pets().Build(), Run.Evidence((Fn("f"), null, Grants(P + "/*/GET/pets/{id}"))), Any,
                PermissionStatus.Allowed, PermissionCause.GrantedByPolicy, "Statement 's1'", null),
        };

        public static TheoryData<string> Rows => new(Cases.Keys);

        [Theory]
        [MemberData(nameof(Rows))]
        public void Row(string name)
        {
            var c = Cases[name];
            var finding = Run.Findings(c.Api, c.Evidence, c.TestInvoke).Single(c.Which);
            Assert.True((c.Status, c.Cause) == (finding.Status, finding.Cause), $"{finding.Status}/{finding.Cause}: {finding.Reason}");
            Assert.Contains(c.ReasonFragment, finding.Reason);
            Assert.DoesNotContain("the resource (", finding.Reason);
            Assert.Equal(c.Fix, finding.SourceArn);
            var plan = FixPlanner.Plan(new[] { finding }, new FixOptions(), c.Evidence);
            Assert.Equal(c.Fix, plan.Grants.SingleOrDefault()?.SourceArn);
        }

        [Fact] // §10 row 18: one grant per method pushes the policy towards 20 KB → the plan warns and names the Api scope
        public void Row18PolicyNearTheSizeLimitWarns()
        {
            var api = new TestApi();
            for (var i = 0; i < 60; i++)
            {
                api.Method($"/resource-number-{i}/{{id}}", "GET", Uri(Fn("f")));
            }

            var filler = Policy.Of(Enumerable.Range(0, 40).Select(i => Policy.Grant($"old-{i}", $"{P}/*/POST/legacy-{i}", Fn("f"))).ToArray());
            var evidence = Run.Evidence((Fn("f"), null, filler));
            var findings = Run.Findings(api.Build(), evidence);
            var plan = FixPlanner.Plan(findings, new FixOptions(), evidence);
            Assert.Equal(60, plan.Grants.Count);
            var warning = Assert.Single(plan.Warnings);
            Assert.Contains($"'{Fn("f")}' has ", warning);
            Assert.Contains("bytes left of Lambda's 20,480-byte limit", warning);
            Assert.Contains("Api scope", warning);
            Assert.Empty(FixPlanner.Plan(findings, new FixOptions { Scope = FixScope.Api }, evidence).Warnings);
        }

        private static EvidenceSet NotFound(string function)
        {
            var evidence = new EvidenceSet();
            evidence.AddPolicy(function, null, new PolicyLookup { Status = LookupStatus.NotFound });
            return evidence;
        }
    }
}
