namespace LambdaPermTools.Policies
{
    public enum MatchOutcome
    {
        /// <summary>Every element of the statement applies to the request.</summary>
        Matches,
        /// <summary>At least one element certainly does not apply.</summary>
        DoesNotMatch,
        /// <summary>Nothing certainly fails, but some element cannot be evaluated (unknown condition, NotAction, …).</summary>
        CannotEvaluate,
    }
}
