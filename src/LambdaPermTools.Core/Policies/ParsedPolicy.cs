namespace LambdaPermTools.Policies
{
    /// <summary>A policy text with its parse result: the document, or why it could not be read.</summary>
    internal sealed class ParsedPolicy
    {
        private ParsedPolicy(string? json, PolicyDocument? document, string? error)
        {
            Json = json;
            Document = document;
            Error = error;
        }

        public string? Json { get; }

        /// <summary>Null when the text is not a policy; then <see cref="Error"/> says why.</summary>
        public PolicyDocument? Document { get; }

        public string? Error { get; }

        public static ParsedPolicy Of(string? json)
        {
            try
            {
                return new ParsedPolicy(json, PolicyDocument.Parse(json), null);
            }
            catch (PolicyFormatException e)
            {
                return new ParsedPolicy(json, null, e.Message);
            }
        }
    }
}
