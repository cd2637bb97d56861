namespace LambdaPermTools.Policies
{
    /// <summary>The part of a statement that keeps it from granting a request.</summary>
    public enum DifferencePart
    {
        Effect,
        Principal,
        Action,
        Resource,
        SourceAccount,
        Partition,
        Service,
        Region,
        Account,
        ApiId,
        Stage,
        Method,
        Path,
        TrailingSlash,
        AuthorizerForm,
        AuthorizerId,
        SourceArnShape,
        /// <summary>A condition that only calls through the function URL satisfy (§3.5).</summary>
        FunctionUrl,
    }
}
