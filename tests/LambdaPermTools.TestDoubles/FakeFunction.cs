using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>
    /// A Lambda function with its aliases/versions. As in AWS (docs/aws-rules.md §3.1) every qualifier has its
    /// own resource policy and RevisionId; nothing is merged between them (moto merges them, AWS does not).
    /// </summary>
    public sealed class FakeFunction
    {
        private readonly Dictionary<string, QualifierState> _qualifiers = new Dictionary<string, QualifierState>(StringComparer.Ordinal);

        internal FakeFunction(string arn)
        {
            Arn = arn;
            var parts = arn.Split(':');
            Region = parts[3];
            Account = parts[4];
            _qualifiers[""] = new QualifierState();
        }

        /// <summary>The unqualified function ARN.</summary>
        public string Arn { get; }
        public string Region { get; }
        public string Account { get; }

        internal bool HasQualifier(string? qualifier) => _qualifiers.ContainsKey(qualifier ?? "");

        internal void AddQualifier(string qualifier) => _qualifiers[qualifier] = new QualifierState();

        internal QualifierState State(string? qualifier) => _qualifiers[qualifier ?? ""];

        internal sealed class QualifierState
        {
            public List<JsonObject> Statements { get; } = new List<JsonObject>();
            public string RevisionId { get; private set; } = Guid.NewGuid().ToString();

            public void Touch() => RevisionId = Guid.NewGuid().ToString();

            public bool HasSid(string sid) => Statements.Any(s => (string?)s["Sid"] == sid);
        }

        /// <summary>The policy document of one qualifier as GetPolicy returns it (unwrapped), or null when there is none.</summary>
        internal string? PolicyJson(string? qualifier)
        {
            var state = State(qualifier);
            if (state.Statements.Count == 0)
            {
                return null;
            }

            var statements = new JsonArray(state.Statements.Select(s => (JsonNode)s.DeepClone()).ToArray());
            return new JsonObject { ["Version"] = "2012-10-17", ["Id"] = "default", ["Statement"] = statements }.ToJsonString();
        }
    }
}
