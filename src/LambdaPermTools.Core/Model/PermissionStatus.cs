namespace LambdaPermTools
{
    /// <summary>Would AWS let API Gateway invoke the function?</summary>
    public enum PermissionStatus
    {
        Allowed,
        Denied,
        Unknown,
    }
}
