using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// Evaluates intrinsic functions offline: Ref, Fn::Sub (both forms), Fn::GetAtt (both forms), Fn::Join, Fn::Select,
    /// Fn::Split, Fn::If, Fn::FindInMap, Fn::Length, Fn::ToJsonString and the condition functions. A value is a string,
    /// a list (<see cref="List{T}"/>), a map (<see cref="Dictionary{TKey,TValue}"/>) or <see cref="NoValue"/>; symbolic
    /// parts are <see cref="SymbolTable"/> stand-ins. What cannot be known offline (Fn::ImportValue, Fn::GetAZs, a
    /// parameter without a default, a condition on a symbolic value) throws <see cref="UnresolvedValueException"/>.
    /// </summary>
    internal sealed class ValueResolver
    {
        /// <summary>AWS::NoValue: the property or list item is removed.</summary>
        public static readonly object NoValue = new object();

        private readonly TemplateNode _root;
        private readonly Dictionary<string, object> _parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        private readonly Dictionary<string, object> _conditions = new Dictionary<string, object>(StringComparer.Ordinal);
        private readonly HashSet<string> _evaluating = new HashSet<string>(StringComparer.Ordinal);

        public ValueResolver(TemplateNode root, SymbolTable symbols, TemplateSettings settings)
        {
            _root = root;
            Symbols = symbols;
            Region = settings.Region ?? symbols.Symbol("${AWS::Region}");
            Partition = settings.Region != null ? TemplateSettings.PartitionOf(settings.Region) : symbols.Symbol("${AWS::Partition}", SymbolSlot.Partition);
            AccountId = settings.AccountId ?? symbols.Symbol("${AWS::AccountId}", SymbolSlot.Account);
            ReadParameters(settings);
        }

        public SymbolTable Symbols { get; }

        /// <summary>The stack's region, partition and account: concrete when the caller gave them, else stand-ins.</summary>
        public string Region { get; }

        public string Partition { get; }

        public string AccountId { get; }

        /// <summary>Answers Ref and Fn::GetAtt of a resource (attribute null for Ref); null when there is no such resource.</summary>
        public Func<string, string?, object?>? ResourceValue { get; set; }

        public object? Resolve(TemplateNode node)
        {
            switch (node.Kind)
            {
                case NodeKind.Null:
                    return null;
                case NodeKind.Scalar:
                    return node.Text;
                case NodeKind.List:
                    return node.Items.Select(Resolve).Where(v => v != NoValue).ToList();
                default:
                    if (node.FunctionName != null)
                    {
                        return Function(node);
                    }

                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var entry in node.Entries)
                    {
                        var value = Resolve(entry.Value);
                        if (value != NoValue)
                        {
                            map[entry.Key] = value;
                        }
                    }

                    return map;
            }
        }

        /// <summary>The node as one string (numbers and booleans as written).</summary>
        public string String(TemplateNode node) => AsString(Resolve(node), node);

        /// <summary>True or false when the named condition can be decided offline.</summary>
        public bool Condition(string name, TemplateNode at)
        {
            if (_conditions.TryGetValue(name, out var known))
            {
                return known is bool b ? b : throw (UnresolvedValueException)known;
            }

            var definition = _root["Conditions"]?[name] ?? throw new UnresolvedValueException(ExpressionText.Of(at), $"the template defines no condition '{name}'");
            if (!_evaluating.Add("condition:" + name))
            {
                throw new UnresolvedValueException(ExpressionText.Of(at), $"condition '{name}' refers to itself");
            }

            try
            {
                var value = ConditionValue(definition);
                _conditions[name] = value;
                return value;
            }
            catch (UnresolvedValueException e)
            {
                var unresolved = new UnresolvedValueException($"condition {name}: {e.Expression}", e.Why);
                _conditions[name] = unresolved;
                throw unresolved;
            }
            finally
            {
                _evaluating.Remove("condition:" + name);
            }
        }

        private bool ConditionValue(TemplateNode node)
        {
            var argument = node.FunctionArgument;
            switch (node.FunctionName)
            {
                case "Condition":
                    return Condition(String(argument!), node);
                case "Fn::Equals":
                    var pair = Arguments(node, 2);
                    var left = Comparable(Resolve(pair[0]));
                    var right = Comparable(Resolve(pair[1]));
                    if (left == right)
                    {
                        return true;
                    }

                    if (Symbols.IsSymbolic(left) || Symbols.IsSymbolic(right))
                    {
                        throw new UnresolvedValueException(ExpressionText.Of(node), "it compares a value known only at deployment; pass -Region, -AccountId or -Parameter to decide it");
                    }

                    return false;
                case "Fn::Not":
                    return !ConditionValue(Arguments(node, 1)[0]);
                case "Fn::And":
                    return Combine(node, stopAt: false);
                case "Fn::Or":
                    return Combine(node, stopAt: true);
                default:
                    throw new UnresolvedValueException(ExpressionText.Of(node), "it is not a condition function");
            }
        }

        // And stops at the first false, Or at the first true; an undecidable operand matters only if none stops.
        private bool Combine(TemplateNode node, bool stopAt)
        {
            UnresolvedValueException? undecided = null;
            foreach (var operand in Arguments(node, -1))
            {
                try
                {
                    if (ConditionValue(operand) == stopAt)
                    {
                        return stopAt;
                    }
                }
                catch (UnresolvedValueException e)
                {
                    undecided ??= e;
                }
            }

            return undecided != null ? throw undecided : !stopAt;
        }

        private static string? Comparable(object? value) =>
            value is string s ? s : value == null ? null : JsonSerializer.Serialize(value);

        private object? Function(TemplateNode node)
        {
            var name = node.FunctionName!;
            var argument = node.FunctionArgument!;
            switch (name)
            {
                case "Ref":
                    return Reference(String(argument), null, node);
                case "Fn::GetAtt":
                    return GetAtt(node, argument);
                case "Fn::Sub":
                    return Sub(node, argument);
                case "Fn::Join":
                    var join = Arguments(node, 2);
                    return string.Join(String(join[0]), Strings(Resolve(join[1]), join[1]));
                case "Fn::Select":
                    var select = Arguments(node, 2);
                    var items = Resolve(select[1]) as List<object?> ?? throw Invalid(node, "its second argument is not a list");
                    if (!int.TryParse(String(select[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= items.Count)
                    {
                        throw Invalid(node, "the index is not a number within the list");
                    }

                    return items[index];
                case "Fn::Split":
                    var split = Arguments(node, 2);
                    var delimiter = String(split[0]);
                    return delimiter.Length == 0 ? throw Invalid(node, "the delimiter is empty") : String(split[1]).Split(new[] { delimiter }, StringSplitOptions.None).Cast<object?>().ToList();
                case "Fn::If":
                    var branches = Arguments(node, 3);
                    return Resolve(Condition(String(branches[0]), node) ? branches[1] : branches[2]);
                case "Fn::FindInMap":
                    return FindInMap(node);
                case "Fn::Length":
                    return Resolve(argument) is List<object?> list ? list.Count.ToString(CultureInfo.InvariantCulture) : throw Invalid(node, "its argument is not a list");
                case "Fn::ToJsonString":
                    return JsonSerializer.Serialize(Resolve(argument));
                case "Fn::ImportValue":
                    throw new UnresolvedValueException(ExpressionText.Of(node), "another stack's export is known only at deployment");
                default:
                    throw new UnresolvedValueException(ExpressionText.Of(node), $"{name} cannot be evaluated offline");
            }
        }

        private object? Reference(string name, string? attribute, TemplateNode at)
        {
            if (attribute == null)
            {
                if (name.StartsWith("AWS::", StringComparison.Ordinal))
                {
                    return Pseudo(name, at);
                }

                if (_parameters.TryGetValue(name, out var parameter))
                {
                    return parameter is UnresolvedValueException unresolved ? throw unresolved : parameter;
                }
            }

            var key = attribute == null ? name : name + "." + attribute;
            if (!_evaluating.Add(key))
            {
                throw new UnresolvedValueException(ExpressionText.Of(at), $"'{key}' refers to itself");
            }

            try
            {
                return ResourceValue?.Invoke(name, attribute)
                    ?? throw new UnresolvedValueException(ExpressionText.Of(at), $"the template declares no parameter or resource '{name}'");
            }
            finally
            {
                _evaluating.Remove(key);
            }
        }

        private object Pseudo(string name, TemplateNode at)
        {
            switch (name)
            {
                case "AWS::Region":
                    return Region;
                case "AWS::AccountId":
                    return AccountId;
                case "AWS::Partition":
                    return Partition;
                case "AWS::NoValue":
                    return NoValue;
                case "AWS::URLSuffix":
                    return Symbols.IsSymbolic(Region) ? Symbols.Symbol("${AWS::URLSuffix}") : Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
                case "AWS::StackName":
                    return Symbols.Symbol("${AWS::StackName}");
                case "AWS::StackId":
                    return Symbols.Symbol("${AWS::StackId}", opaque: true);
                default:
                    throw new UnresolvedValueException(ExpressionText.Of(at), $"{name} is known only at deployment");
            }
        }

        private object? GetAtt(TemplateNode node, TemplateNode argument)
        {
            string logicalId;
            string attribute;
            if (argument.IsList)
            {
                var parts = Arguments(node, 2);
                logicalId = String(parts[0]);
                attribute = String(parts[1]);
            }
            else
            {
                var text = String(argument);
                var dot = text.IndexOf('.');
                if (dot <= 0)
                {
                    throw Invalid(node, "it names no attribute");
                }

                logicalId = text.Substring(0, dot);
                attribute = text.Substring(dot + 1);
            }

            return Reference(logicalId, attribute, node);
        }

        private string Sub(TemplateNode node, TemplateNode argument)
        {
            TemplateNode format;
            Dictionary<string, object?>? variables = null;
            if (argument.IsList)
            {
                var parts = Arguments(node, 2);
                format = parts[0];
                variables = Resolve(parts[1]) as Dictionary<string, object?> ?? throw Invalid(node, "its variables are not a map");
            }
            else
            {
                format = argument;
            }

            var text = String(format);
            var output = new StringBuilder(text.Length);
            var position = 0;
            while (position < text.Length)
            {
                var start = text.IndexOf("${", position, StringComparison.Ordinal);
                var end = start < 0 ? -1 : text.IndexOf('}', start + 2);
                if (start < 0 || end < 0)
                {
                    break;
                }

                output.Append(text, position, start - position);
                var name = text.Substring(start + 2, end - start - 2).Trim();
                if (name.StartsWith("!", StringComparison.Ordinal))
                {
                    // ${!Literal} writes ${Literal}.
                    output.Append("${").Append(name.Substring(1)).Append('}');
                }
                else
                {
                    output.Append(AsString(SubVariable(name, variables, node), node));
                }

                position = end + 1;
            }

            return output.Append(text, position, text.Length - position).ToString();
        }

        private object? SubVariable(string name, Dictionary<string, object?>? variables, TemplateNode at)
        {
            if (variables != null && variables.TryGetValue(name, out var value))
            {
                return value;
            }

            var dot = name.IndexOf('.');
            return dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal)
                ? Reference(name.Substring(0, dot), name.Substring(dot + 1), at)
                : Reference(name, null, at);
        }

        private object? FindInMap(TemplateNode node)
        {
            var arguments = Arguments(node, -1);
            if (arguments.Count < 3)
            {
                throw Invalid(node, "it needs a map name and two keys");
            }

            var keys = arguments.Take(3).Select(String).ToList();
            if (keys.Any(Symbols.IsSymbolic))
            {
                throw new UnresolvedValueException(ExpressionText.Of(node), "it looks up a key known only at deployment; pass -Region, -AccountId or -Parameter to decide it");
            }

            var found = _root["Mappings"]?[keys[0]]?[keys[1]]?[keys[2]];
            if (found != null)
            {
                return Resolve(found);
            }

            var fallback = arguments.Count > 3 ? arguments[3]["DefaultValue"] : null;
            return fallback != null ? Resolve(fallback) : throw Invalid(node, "the mapping has no such entry");
        }

        private List<TemplateNode> Arguments(TemplateNode node, int count)
        {
            var argument = node.FunctionArgument!;
            if (!argument.IsList || (count >= 0 && argument.Items.Count != count))
            {
                throw Invalid(node, count >= 0 ? $"it takes a list of {count}" : "it takes a list");
            }

            return argument.Items;
        }

        private static IEnumerable<string> Strings(object? value, TemplateNode at) =>
            value is List<object?> list ? list.Select(v => AsString(v, at)) : throw Invalid(at, "it is not a list");

        private static string AsString(object? value, TemplateNode at) =>
            value as string ?? throw Invalid(at, value == null ? "it is empty" : "it is not a string");

        private static UnresolvedValueException Invalid(TemplateNode at, string why) => new UnresolvedValueException(ExpressionText.Of(at), why);

        private void ReadParameters(TemplateSettings settings)
        {
            var parameters = _root["Parameters"];
            if (parameters == null || !parameters.IsMap)
            {
                return;
            }

            foreach (var entry in parameters.Entries)
            {
                var type = entry.Value["Type"]?.Text ?? "String";
                var isList = type.StartsWith("List<", StringComparison.Ordinal) || type == "CommaDelimitedList";
                var at = TemplateNode.Map(new List<KeyValuePair<string, TemplateNode>> { new KeyValuePair<string, TemplateNode>("Ref", TemplateNode.Scalar(entry.Key, 0, 0)) }, 0, 0);
                if (settings.Parameters.TryGetValue(entry.Key, out var given))
                {
                    _parameters[entry.Key] = isList ? given.Cast<object?>().ToList() : string.Join(",", given);
                }
                else if (type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
                {
                    _parameters[entry.Key] = new UnresolvedValueException(ExpressionText.Of(at), $"parameter {entry.Key} is read from SSM Parameter Store at deployment; pass -Parameter @{{{entry.Key} = …}}");
                }
                else if (entry.Value["Default"] is TemplateNode defaultValue && defaultValue.IsScalar)
                {
                    _parameters[entry.Key] = isList ? defaultValue.Text!.Split(',').Select(s => (object?)s.Trim()).ToList() : defaultValue.Text!;
                }
                else
                {
                    _parameters[entry.Key] = new UnresolvedValueException(ExpressionText.Of(at), $"parameter {entry.Key} has no default; pass -Parameter @{{{entry.Key} = …}}");
                }
            }
        }
    }
}
