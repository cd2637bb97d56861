using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Policies
{
    /// <summary>How one statement relates to one Invoke request.</summary>
    public sealed class StatementMatch
    {
        public StatementMatch(PolicyStatement statement, IReadOnlyList<Difference> differences, IReadOnlyList<string> unsupported, bool hasSourceArn)
        {
            Statement = statement;
            Differences = differences;
            Unsupported = unsupported;
            HasSourceArnCondition = hasSourceArn;
        }

        public PolicyStatement Statement { get; }
        public IReadOnlyList<Difference> Differences { get; }

        /// <summary>Elements the tool cannot evaluate, as phrases ("the condition StringEquals aws:PrincipalOrgID").</summary>
        public IReadOnlyList<string> Unsupported { get; }

        public bool HasSourceArnCondition { get; }

        public MatchOutcome Outcome =>
            Differences.Count > 0 ? MatchOutcome.DoesNotMatch : Unsupported.Count > 0 ? MatchOutcome.CannotEvaluate : MatchOutcome.Matches;

        /// <summary>Smaller = closer to granting.</summary>
        internal int Distance => Differences.Sum(d => d.Weight);
    }
}
