using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.Policies
{
    /// <summary>What a whole policy decides for one request, with the statement that decided it or came nearest.</summary>
    public sealed class PolicyDecision
    {
        private PolicyDecision(DecisionKind kind, StatementMatch? deciding)
        {
            Kind = kind;
            Deciding = deciding;
        }

        public DecisionKind Kind { get; }

        /// <summary>
        /// Granted/ExplicitlyDenied: the deciding statement; Uncertain: the statement that cannot be evaluated;
        /// NotGranted: the nearest Allow statement, or null when the policy has none.
        /// </summary>
        public StatementMatch? Deciding { get; }

        /// <summary>The decision; when nothing grants and <paramref name="explainNearest"/> is set, also the nearest Allow statement, explained.</summary>
        public static PolicyDecision Evaluate(PolicyDocument policy, InvokeRequest request, bool explainNearest = true)
        {
            var matches = policy.Statements.Select(s => StatementMatcher.Match(s, request, explain: false)).ToList();
            var denies = matches.Where(m => m.Statement.IsDeny).ToList();
            var allows = matches.Where(m => !m.Statement.IsDeny).ToList();

            var deny = First(denies, MatchOutcome.Matches);
            if (deny != null)
            {
                return new PolicyDecision(DecisionKind.ExplicitlyDenied, deny);
            }

            var uncertainDeny = First(denies, MatchOutcome.CannotEvaluate);
            if (uncertainDeny != null)
            {
                return new PolicyDecision(DecisionKind.Uncertain, uncertainDeny);
            }

            var allow = First(allows, MatchOutcome.Matches);
            if (allow != null)
            {
                return new PolicyDecision(DecisionKind.Granted, allow);
            }

            var uncertainAllow = First(allows, MatchOutcome.CannotEvaluate);
            if (uncertainAllow != null)
            {
                return new PolicyDecision(DecisionKind.Uncertain, uncertainAllow);
            }

            // Nearest: fewest (weighted) differences; ties go to the earlier statement. Explaining is the costly part,
            // so it happens only here.
            var nearest = explainNearest
                ? allows.Where(m => m.Statement.IsAllow).Select(m => StatementMatcher.Match(m.Statement, request)).OrderBy(m => m.Distance).ThenBy(m => m.Statement.Index).FirstOrDefault()
                : null;
            return new PolicyDecision(DecisionKind.NotGranted, nearest);
        }

        private static StatementMatch? First(IEnumerable<StatementMatch> matches, MatchOutcome outcome) =>
            matches.FirstOrDefault(m => m.Outcome == outcome);
    }
}
