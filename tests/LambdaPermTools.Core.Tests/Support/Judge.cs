using System.Linq;
using System.Text.Json.Nodes;
using LambdaPermTools.Evaluation;
using static LambdaPermTools.Tests.Support.TestApi;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>One method integration (GET /pets/{id} on function f, stage prod unless given) judged against one policy.</summary>
    internal static class Judge
    {
        public const string Presented = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/pets/{id}";
        public const string AccountPrefix = "arn:aws:execute-api:us-east-1:111122223333";
        public const string ApiPrefix = AccountPrefix + ":a1b2c3";

        public static PermissionFinding Method(string? policyJson, string path = "/pets/{id}", string verb = "GET", string? qualifier = null) =>
            Only(new TestApi().Method(path, verb, Uri(Fn("f") + (qualifier == null ? "" : ":" + qualifier))), policyJson, qualifier);

        public static PermissionFinding Statements(params JsonObject[] statements) => Method(Policy.Of(statements));

        /// <summary>A statement as AddPermission writes it for the default function, with a source ARN pattern.</summary>
        public static JsonObject Grant(string sourceArn, string sid = "s1") => Policy.Grant(sid, sourceArn, Fn("f"));

        public static PermissionFinding Only(TestApi api, string? policyJson, string? qualifier = null)
        {
            var evidence = Run.Evidence((Fn("f"), qualifier, policyJson));
            return Run.Findings(api.Build(), evidence).Single();
        }
    }
}
