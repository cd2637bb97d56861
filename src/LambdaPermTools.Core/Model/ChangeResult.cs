namespace LambdaPermTools
{
    /// <summary>What Add-ApiLambdaPermission did with one planned grant, or Remove-ApiLambdaPermission with one statement.</summary>
    public enum ChangeResult
    {
        Added,
        AlreadyPresent,
        Skipped,
        Removed,
    }
}
