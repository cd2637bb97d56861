namespace LambdaPermTools.Policies
{
    public enum DecisionKind
    {
        /// <summary>An Allow statement matches and no Deny can apply.</summary>
        Granted,
        /// <summary>A Deny statement matches (deny wins, §3.2).</summary>
        ExplicitlyDenied,
        /// <summary>No statement certainly decides, but one that could cannot be evaluated.</summary>
        Uncertain,
        /// <summary>No statement grants.</summary>
        NotGranted,
    }
}
