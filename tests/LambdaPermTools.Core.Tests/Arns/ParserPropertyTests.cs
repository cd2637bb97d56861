using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using LambdaPermTools.Arns;
using LambdaPermTools.Evaluation;
using LambdaPermTools.Policies;
using LambdaPermTools.Tests.Support;

namespace LambdaPermTools.Tests.Arns
{
    /// <summary>
    /// Property tests: parsers, the ArnLike matcher and the whole resolve/evaluate path survive random and hostile
    /// strings with no exception other than the typed ones, and the matcher agrees with a regex reference.
    /// </summary>
    public class ParserPropertyTests
    {
        private const long Iterations = 3000;

        // Pieces of real ARNs, URIs and policies glued at random: hostile input that gets deep into the parsers.
        private static readonly string[] Tokens =
        {
            "arn", ":", "aws", "aws-cn", "aws-us-gov", "lambda", "apigateway", "execute-api", "iam", "function", "role/", "user/*",
            "us-east-1", "111122223333", "*", "?", "/", "path/2015-03-31/functions/", "/invocations", "${stageVariables.", "}", "fn",
            "$LATEST", ".PUBLISHED", "{proxy+}", "{id}", "authorizers", "GET", "ANY", "", " ", "\t", "\n", "\u0000", "\uD800", "é", "::::::", "//",
        };

        private static readonly Gen<string> Hostile = Gen.OneOf(
            Gen.String,
            Gen.OneOf(Tokens).Array[0, 24].Select(parts => string.Concat(parts)),
            Gen.Char["arn:aws*?/{}$.-_0123456789abcdef "].Array[0, 60].Select(chars => new string(chars)));

        // Six components without wildcards (the resource component may hold colons).
        private static readonly Gen<string> SixComponents = Gen.Select(
            Gen.Char["arnws-/{}$._0123456789éX "].Array[0, 8].Select(c => new string(c)).Array[5],
            Gen.Char["arnws-/{}$._0123456789:é "].Array[0, 20].Select(c => new string(c)),
            (first, resource) => string.Join(":", first) + ":" + resource);

        private static readonly FunctionDefaults Defaults = new("aws", "us-east-1", "111122223333");

        [Fact]
        public void FunctionArnThrowsOnlyTypedErrorsAndRoundTrips() => Hostile.Sample(text =>
        {
            foreach (var defaults in new[] { null, Defaults })
            {
                FunctionArn parsed;
                try
                {
                    parsed = FunctionArn.Parse(text, defaults);
                }
                catch (ArnFormatException)
                {
                    continue;
                }

                Assert.Equal(parsed.Qualified, FunctionArn.Parse(parsed.Qualified).Qualified);
            }
        }, iter: Iterations);

        [Fact]
        public void LambdaUriThrowsOnlyTypedErrors() => Hostile.Sample(text =>
        {
            Assert.Equal(LambdaUri.TryParse(text, out _), Succeeds(() => LambdaUri.Parse(text)));
            var wrapped = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{text}/invocations";
            Assert.Equal(text.Length > 0, LambdaUri.TryParse(wrapped, out var uri));
            Assert.Equal(text, uri?.FunctionReference ?? "");
        }, iter: Iterations);

        [Fact]
        public void StageVariablesAndCredentialsNeverThrow() => Gen.Select(Hostile, Hostile).Sample((text, value) =>
        {
            var unresolved = new List<string>();
            var result = StageVariables.Substitute(text, new Dictionary<string, string> { ["fn"] = value }, unresolved);
            Assert.DoesNotContain("fn", unresolved);
            CredentialsArn.Classify(text);
            Assert.NotNull(result);
        }, iter: Iterations);

        [Fact] // §2 ArnLike agrees with a regex reference: six components, * within one component, ? one character
        public void ArnLikeAgreesWithReference() => Gen.Select(Hostile, Hostile).Sample((pattern, value) =>
        {
            Assert.Equal(Reference(pattern, value), ArnPattern.ArnLike(pattern, value));
            Assert.Equal(ComponentRegex(pattern).IsMatch(value), ArnPattern.StringLike(pattern, value));
        }, iter: Iterations);

        [Fact] // §2 wildcarding a value (? for a character, * for a run, never across ':') keeps it matching; a changed character does not
        public void WildcardedValuesStillMatch() => Gen.Select(SixComponents, Gen.Int).Sample((value, seed) =>
        {
            var random = new Random(seed);
            var pattern = new System.Text.StringBuilder();
            for (var i = 0; i < value.Length; i++)
            {
                var roll = random.Next(6);
                if (value[i] == ':' || roll > 1)
                {
                    pattern.Append(value[i]);
                }
                else if (roll == 0)
                {
                    pattern.Append('?');
                }
                else
                {
                    // Swallow a run of characters up to (not across) the next colon.
                    var end = value.IndexOf(':', i);
                    var run = random.Next(0, (end < 0 ? value.Length : end) - i + 1);
                    pattern.Append('*');
                    i += run - 1;
                }
            }

            Assert.True(ArnPattern.ArnLike(pattern.ToString(), value), $"'{pattern}' should match '{value}'");
            var changed = value + "x";
            Assert.False(ArnPattern.ArnLike(value, changed));
        }, iter: Iterations);

        [Fact] // §2 every six-component value matches itself when it has no wildcards, and *:*:*:*:*:* matches it
        public void ArnLikeIsReflexive() => Hostile.Where(v => v.IndexOfAny(new[] { '*', '?' }) < 0).Sample(value =>
        {
            var isArn = ArnPattern.SplitComponents(value) != null;
            Assert.Equal(isArn, ArnPattern.ArnLike(value, value));
            Assert.Equal(isArn, ArnPattern.ArnLike("*:*:*:*:*:*", value));
        }, iter: Iterations);

        [Fact]
        public void PolicyParserThrowsOnlyTypedErrors() => Gen.OneOf(Hostile, Gen.OneOf(PolicyFragments).Array[0, 12].Select(p => string.Concat(p))).Sample(text =>
        {
            try
            {
                PolicyDocument.Parse(text);
            }
            catch (PolicyFormatException)
            {
            }
        }, iter: Iterations);

        private static readonly string[] PolicyKeys = { "Sid", "Effect", "Principal", "Action", "Resource", "Condition", "NotAction", "NotPrincipal", "NotResource" };

        private static readonly string[] PolicyWords =
        {
            "Allow", "Deny", "*", "apigateway.amazonaws.com", "lambda:InvokeFunction", "lambda:*", "ArnLike", "StringLike", "AWS:SourceArn",
            "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*", "arn:aws:lambda:us-east-1:111122223333:function:f", "111122223333",
        };

        // Structurally valid JSON with policy-like keys and values of every JSON kind in every place.
        private static readonly Gen<JsonNode?> Value = Gen.OneOf<JsonNode?>(
            Hostile.Select(v => (JsonNode?)JsonValue.Create(v)),
            Gen.OneOf(PolicyWords).Select(v => (JsonNode?)JsonValue.Create(v)),
            Gen.Int.Select(v => (JsonNode?)JsonValue.Create(v)),
            Gen.Bool.Select(_ => (JsonNode?)null),
            Gen.OneOf(PolicyWords).Array[0, 3].Select(a => (JsonNode?)new JsonArray(a.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray())));

        private static readonly Gen<JsonObject> Statement = Gen.Select(Gen.OneOf(PolicyKeys), Value).Array[0, 7].Select(pairs =>
        {
            var statement = new JsonObject();
            foreach (var (key, value) in pairs)
            {
                statement[key] = key == "Condition" || key == "Principal"
                    ? new JsonObject { [value?.ToJsonString() ?? "StringEquals"] = new JsonObject { ["aws:SourceArn"] = value?.DeepClone() } }
                    : value?.DeepClone();
            }

            return statement;
        });

        [Fact] // structurally valid but odd policies: a finding or the typed error, never a crash
        public void OddPoliciesGiveFindings() => Statement.Array[0, 4].Sample(statements =>
        {
            var json = new JsonObject { ["Statement"] = new JsonArray(statements.Select(s => (JsonNode?)s).ToArray()) }.ToJsonString();
            var target = Run.Targets(new TestApi().Method("/p", "GET", TestApi.Uri(TestApi.Fn("f"))).Build()).Single();
            var evidence = Run.Evidence((TestApi.Fn("f"), null, json));
            var finding = PermissionEvaluator.Evaluate(target, evidence);
            Assert.False(string.IsNullOrEmpty(finding.Reason));
            foreach (var grant in LambdaPermTools.Planning.FixPlanner.Plan(new[] { finding }, new LambdaPermTools.Planning.FixOptions(), evidence).Grants)
            {
                LambdaPermTools.Planning.FixPlanner.IsSatisfied(grant, json, out _);
            }
        }, iter: Iterations);

        [Fact] // the matcher's outcome-only path (no phrases, stops at the first difference) agrees with the full match
        public void OutcomeOnlyAgreesWithFullMatch() => Statement.Array[1, 4].Sample(statements =>
        {
            var json = new JsonObject { ["Statement"] = new JsonArray(statements.Select(s => (JsonNode?)s).ToArray()) }.ToJsonString();
            PolicyDocument policy;
            try
            {
                policy = PolicyDocument.Parse(json);
            }
            catch (PolicyFormatException)
            {
                return;
            }

            foreach (var request in Requests)
            {
                var matches = policy.Statements.Select(st => StatementMatcher.Match(st, request, explain: false)).ToList();
                Assert.Equal(matches.Select(m => m.Outcome), policy.Statements.Select(st => StatementMatcher.OutcomeOf(st, request)));
                Assert.Equal(ReferenceDecision(matches), PolicyDecision.Evaluate(policy, request).Kind);
            }
        }, iter: Iterations);

        private static readonly InvokeRequest[] Requests =
        {
            new() { FunctionArn = "arn:aws:lambda:us-east-1:111122223333:function:f", PresentedSourceArn = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/p", ApiAccountId = "111122223333" },
            new() { FunctionArn = "arn:aws:lambda:us-east-1:111122223333:function:f", PresentedSourceArn = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/authorizers/au1", ApiAccountId = "111122223333" },
            new() { FunctionArn = "arn:aws:lambda:us-east-1:111122223333:function:f", PresentedSourceArn = "", ApiAccountId = "111122223333", RoleArn = "arn:aws:iam::444455556666:role/r", RoleAccountId = "444455556666" },
        };

        /// <summary>docs/aws-rules.md §3.6 and §11.5 from the statements' outcomes: a matching Deny, an uncertain Deny, a matching Allow, an uncertain Allow.</summary>
        private static DecisionKind ReferenceDecision(IReadOnlyList<StatementMatch> matches) =>
            matches.Any(m => m.Statement.IsDeny && m.Outcome == MatchOutcome.Matches) ? DecisionKind.ExplicitlyDenied
            : matches.Any(m => m.Statement.IsDeny && m.Outcome == MatchOutcome.CannotEvaluate) ? DecisionKind.Uncertain
            : matches.Any(m => !m.Statement.IsDeny && m.Outcome == MatchOutcome.Matches) ? DecisionKind.Granted
            : matches.Any(m => !m.Statement.IsDeny && m.Outcome == MatchOutcome.CannotEvaluate) ? DecisionKind.Uncertain
            : DecisionKind.NotGranted;

        [Fact] // the whole path: hostile URIs, credentials, variables and policies give findings, never crashes
        public void ResolveAndEvaluateNeverThrow() => Gen.Select(Hostile, Hostile, Hostile, Gen.OneOf(PolicyFragments).Array[0, 10]).Sample((fn, credentials, variable, policy) =>
        {
            var api = new TestApi()
                .Stage("prod", ("fn", variable))
                .Method("/p/{id}", "ANY", TestApi.Uri(fn), credentials: credentials)
                .Method("/q", "GET", TestApi.Uri("arn:aws:lambda:us-east-1:111122223333:function:${stageVariables.fn}"))
                .Authorizer("au1", "a", TestApi.Uri(fn))
                .Build();
            var targets = Run.Targets(api, testInvoke: true);
            var evidence = new EvidenceSet();
            foreach (var need in EvidenceNeeds.For(targets).Policies)
            {
                evidence.AddPolicy(need.Key, need.Value, new PolicyLookup { Status = LookupStatus.Found, PolicyJson = string.Concat(policy) });
            }

            foreach (var target in targets)
            {
                var finding = PermissionEvaluator.Evaluate(target, evidence);
                Assert.False(string.IsNullOrEmpty(finding.Reason));
            }

            LambdaPermTools.Planning.FixPlanner.Plan(targets.Select(t => PermissionEvaluator.Evaluate(t, evidence)), new LambdaPermTools.Planning.FixOptions(), evidence);
        }, iter: 1000);

        private static readonly string[] PolicyFragments =
        {
            "{", "}", "[", "]", ",", ":", "\"Statement\"", "\"Effect\"", "\"Allow\"", "\"Deny\"", "\"Principal\"", "\"*\"", "\"Service\"",
            "\"apigateway.amazonaws.com\"", "\"AWS\"", "\"Action\"", "\"lambda:*\"", "\"Resource\"", "\"Condition\"", "\"ArnLike\"",
            "\"AWS:SourceArn\"", "\"arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*\"", "\"NotAction\"", "1", "true", "null", "\"Sid\"",
            "{\"Statement\":[", "{\"Statement\":", "]}", "\"Policy\"",
        };

        private static bool Reference(string pattern, string value)
        {
            var p = pattern.Split(new[] { ':' }, 6);
            var v = value.Split(new[] { ':' }, 6);
            return p.Length == 6 && v.Length == 6 && p.Zip(v, (a, b) => ComponentRegex(a).IsMatch(b)).All(ok => ok);
        }

        private static Regex ComponentRegex(string glob) =>
            new("\\A" + Regex.Escape(glob).Replace("\\*", ".*").Replace("\\?", ".") + "\\z", RegexOptions.Singleline | RegexOptions.CultureInvariant);

        private static bool Succeeds(Action action)
        {
            try
            {
                action();
                return true;
            }
            catch (ArnFormatException)
            {
                return false;
            }
        }
    }
}
