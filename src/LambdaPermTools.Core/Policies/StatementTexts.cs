using System.Linq;
using System.Text.Json;

namespace LambdaPermTools.Policies
{
    /// <summary>
    /// The text of each statement of one policy, cut from the document only when first asked for: judging never needs it,
    /// and a run keeps every policy it read, so a copy of each statement's text would double what a policy costs to hold.
    /// </summary>
    internal sealed class StatementTexts
    {
        private readonly string _policyJson;
        private string[]? _texts;

        public StatementTexts(string policyJson)
        {
            _policyJson = policyJson;
        }

        /// <summary>The statement at <paramref name="index"/> as it appears in the document (parsed before, so it parses again).</summary>
        public string Of(int index)
        {
            var texts = _texts;
            if (texts == null)
            {
                using var document = JsonDocument.Parse(_policyJson, new JsonDocumentOptions { MaxDepth = 32 });
                var statement = document.RootElement.GetProperty("Statement");
                texts = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().Select(s => s.GetRawText()).ToArray() : new[] { statement.GetRawText() };
                _texts = texts;
            }

            return texts[index];
        }
    }
}
