namespace LambdaPermTools.Requests
{
    /// <summary>A routing rule's header condition: the header name (case-insensitive) and a glob value (case-sensitive).</summary>
    public sealed class HeaderCondition
    {
        public string Header { get; set; } = "";
        /// <summary>A literal, or one with a <c>*</c> prefix, suffix or both ("*beta", "v2*", "*canary*").</summary>
        public string ValueGlob { get; set; } = "";
    }
}
