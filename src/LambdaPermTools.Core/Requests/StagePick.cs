using System.Collections.Generic;

namespace LambdaPermTools.Requests
{
    /// <summary>One stage a request reaches (or could reach, when a header decides it), the path the API sees, and why.</summary>
    public sealed class StagePick
    {
        internal StagePick(string restApiId, string stage, IReadOnlyList<string> segments, IReadOnlyList<string> trace)
        {
            RestApiId = restApiId;
            Stage = stage;
            Segments = segments;
            Trace = trace;
        }

        public string RestApiId { get; }
        public string Stage { get; }

        /// <summary>The path segments matched against the stage's resources (base path and stage removed).</summary>
        public IReadOnlyList<string> Segments { get; }

        public IReadOnlyList<string> Trace { get; }
    }
}
