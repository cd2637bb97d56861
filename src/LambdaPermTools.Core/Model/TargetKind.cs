namespace LambdaPermTools
{
    /// <summary>Whether a target is a method integration or a Lambda authorizer.</summary>
    public enum TargetKind
    {
        Integration,
        Authorizer,
    }
}
