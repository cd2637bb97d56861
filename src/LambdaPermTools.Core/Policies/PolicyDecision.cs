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
            // A matching Deny wins, then a Deny that cannot be evaluated, then a matching Allow, then an Allow that cannot be
            // evaluated; each the first of its kind in the document. Only the deciding statement is judged with its phrases.
            PolicyStatement? uncertainDeny = null, allow = null, uncertainAllow = null;
            foreach (var statement in policy.Statements)
            {
                switch (StatementMatcher.OutcomeOf(statement, request))
                {
                    case MatchOutcome.Matches when statement.IsDeny:
                        return Decided(DecisionKind.ExplicitlyDenied, statement, request);
                    case MatchOutcome.CannotEvaluate when statement.IsDeny:
                        uncertainDeny ??= statement;
                        break;
                    case MatchOutcome.Matches:
                        allow ??= statement;
                        break;
                    case MatchOutcome.CannotEvaluate:
                        uncertainAllow ??= statement;
                        break;
                }
            }

            if (uncertainDeny != null)
            {
                return Decided(DecisionKind.Uncertain, uncertainDeny, request);
            }

            if (allow != null)
            {
                return Decided(DecisionKind.Granted, allow, request);
            }

            if (uncertainAllow != null)
            {
                return Decided(DecisionKind.Uncertain, uncertainAllow, request);
            }

            // Nearest: fewest (weighted) differences; ties go to the earlier statement. Explaining is the costly part,
            // so it happens only here.
            var nearest = explainNearest
                ? policy.Statements.Where(s => s.IsAllow).Select(s => StatementMatcher.Match(s, request)).OrderBy(m => m.Distance).ThenBy(m => m.Statement.Index).FirstOrDefault()
                : null;
            return new PolicyDecision(DecisionKind.NotGranted, nearest);
        }

        private static PolicyDecision Decided(DecisionKind kind, PolicyStatement statement, InvokeRequest request) =>
            new PolicyDecision(kind, StatementMatcher.Match(statement, request, explain: false));
    }
}
