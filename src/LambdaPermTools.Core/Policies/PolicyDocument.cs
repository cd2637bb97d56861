using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace LambdaPermTools.Policies
{
    /// <summary>A parsed IAM policy (Lambda resource policy or role trust policy).</summary>
    public sealed class PolicyDocument
    {
        private static readonly string[] NegatedNames = { "NotAction", "NotPrincipal", "NotResource" };

        private PolicyDocument(IReadOnlyList<PolicyStatement> statements)
        {
            Statements = statements;
        }

        public IReadOnlyList<PolicyStatement> Statements { get; }

        /// <summary>
        /// Parses a policy; <c>Statement</c> may be one object or an array. A GetPolicy response
        /// (<c>{"Policy":"…"}</c>, the policy as a JSON string) is unwrapped too.
        /// </summary>
        /// <exception cref="PolicyFormatException">Not JSON, or not a policy.</exception>
        public static PolicyDocument Parse(string? json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                throw new PolicyFormatException("The policy document is empty.");
            }

            try
            {
                using var document = JsonDocument.Parse(json!, new JsonDocumentOptions { MaxDepth = 32 });
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("Statement", out _)
                    && root.TryGetProperty("Policy", out var wrapped) && wrapped.ValueKind == JsonValueKind.String)
                {
                    return Parse(wrapped.GetString());
                }

                return new PolicyDocument(ReadStatements(root, new StatementTexts(json!)));
            }
            catch (JsonException e)
            {
                throw new PolicyFormatException("The policy document is not valid JSON: " + e.Message, e);
            }
            catch (ArgumentException e)
            {
                // Text that is not valid UTF-16 (a lone surrogate) cannot be JSON either.
                throw new PolicyFormatException("The policy document is not valid text: " + e.Message, e);
            }
        }

        private static IReadOnlyList<PolicyStatement> ReadStatements(JsonElement root, StatementTexts texts)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out var statement))
            {
                throw new PolicyFormatException("The policy document has no Statement element.");
            }

            var elements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : new List<JsonElement> { statement };
            return elements.Select((element, index) => ReadStatement(element, index, texts)).ToList();
        }

        private static PolicyStatement ReadStatement(JsonElement element, int index, StatementTexts texts)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyFormatException($"Statement #{index + 1} is not a JSON object.");
            }

            return new PolicyStatement
            {
                Index = index,
                Sid = OptionalString(element, "Sid"),
                Effect = PolicyVocabulary.Share(OptionalString(element, "Effect") ?? ""),
                Principal = element.TryGetProperty("Principal", out var principal) ? ReadPrincipal(principal) : null,
                Actions = element.TryGetProperty("Action", out var action) ? StringList(action, "Action") : new string[0],
                ActionIsArray = action.ValueKind == JsonValueKind.Array,
                Resources = element.TryGetProperty("Resource", out var resource) ? StringList(resource, "Resource") : null,
                Conditions = element.TryGetProperty("Condition", out var condition) ? ReadConditions(condition) : new PolicyCondition[0],
                NegatedElements = Negated(element),
                Texts = texts,
            };
        }

        private static IReadOnlyList<string> Negated(JsonElement element)
        {
            var negated = NegatedNames.Where(n => element.TryGetProperty(n, out _)).ToList();
            return negated.Count == 0 ? Array.Empty<string>() : negated;
        }

        private static PolicyPrincipal ReadPrincipal(JsonElement principal)
        {
            if (principal.ValueKind == JsonValueKind.String)
            {
                var value = principal.GetString();
                return value == "*" ? new PolicyPrincipal { IsEveryone = true } : new PolicyPrincipal { Others = new[] { value ?? "" } };
            }

            if (principal.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyFormatException("A Principal is neither a string nor an object.");
            }

            var services = new List<string>();
            var aws = new List<string>();
            var others = new List<string>();
            foreach (var property in principal.EnumerateObject())
            {
                var values = StringList(property.Value, "Principal");
                var target = property.Name == "Service" ? services : property.Name == "AWS" ? aws : others;
                target.AddRange(values);
            }

            return new PolicyPrincipal { IsEveryone = aws.Contains("*"), Services = services, Aws = aws, Others = others };
        }

        private static IReadOnlyList<PolicyCondition> ReadConditions(JsonElement condition)
        {
            if (condition.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyFormatException("A Condition is not an object.");
            }

            var result = new List<PolicyCondition>();
            foreach (var op in condition.EnumerateObject())
            {
                if (op.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new PolicyFormatException($"The condition operator '{op.Name}' does not hold an object.");
                }

                result.AddRange(op.Value.EnumerateObject().Select(key => new PolicyCondition(PolicyVocabulary.Share(op.Name), PolicyVocabulary.Share(key.Name), StringList(key.Value, "Condition"))));
            }

            return result;
        }

        private static string? OptionalString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        // IAM writes single values as strings and several as arrays; condition values may also be numbers or booleans.
        private static IReadOnlyList<string> StringList(JsonElement value, string element)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return new[] { PolicyVocabulary.Share(value.GetString() ?? "") };
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return new[] { value.GetRawText() };
                case JsonValueKind.Array:
                    return value.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? throw Bad(element) : StringList(v, element)).ToList();
                default:
                    throw Bad(element);
            }
        }

        private static PolicyFormatException Bad(string element) => new PolicyFormatException($"A {element} element holds a value that is neither a string nor a list of strings.");
    }
}
