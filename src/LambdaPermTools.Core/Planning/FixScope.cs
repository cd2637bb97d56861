namespace LambdaPermTools.Planning
{
    /// <summary>How wide a planned grant is.</summary>
    public enum FixScope
    {
        /// <summary>One grant per method, any stage: {api}/*/{METHOD or *}/{path, {param} as *}; authorizers {api}/authorizers/{id}.</summary>
        Method,
        /// <summary>As Method, but pinned to the finding's stage.</summary>
        Stage,
        /// <summary>One grant per function and API: {api}/* (keeps policies small).</summary>
        Api,
    }
}
