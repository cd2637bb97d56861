namespace LambdaPermTools
{
    /// <summary>What Add-ApiLambdaPermission did with one planned grant.</summary>
    public enum ChangeResult
    {
        Added,
        AlreadyPresent,
        Skipped,
    }
}
