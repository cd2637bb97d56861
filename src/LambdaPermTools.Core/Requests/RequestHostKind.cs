namespace LambdaPermTools.Requests
{
    /// <summary>Whether a URL names an API by its execute-api host or through a custom domain name.</summary>
    public enum RequestHostKind
    {
        ExecuteApi,
        CustomDomain,
    }
}
