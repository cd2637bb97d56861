using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>
    /// Which namespaces of a compiled assembly use which others: read from signatures (base types, interfaces, fields,
    /// properties, parameters, return types) and from the IL of every method body (the types, methods and fields it
    /// names), so a dependency that only a method body has is seen too. Generic arguments count as uses.
    /// </summary>
    internal sealed class NamespaceGraph
    {
        private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

        private readonly Dictionary<string, HashSet<string>> _edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

        private NamespaceGraph(Assembly assembly, string prefix)
        {
            foreach (var type in assembly.GetTypes().Where(t => In(t, prefix)))
            {
                var from = NamespaceOf(type);
                foreach (var used in Uses(type))
                {
                    foreach (var target in Flatten(used).Where(t => In(t, prefix)).Select(NamespaceOf).Where(n => n != from))
                    {
                        Edges(from).Add(target);
                    }
                }
            }
        }

        /// <summary>The graph of the namespaces of <paramref name="assembly"/> that start with <paramref name="prefix"/>.</summary>
        public static NamespaceGraph Of(Assembly assembly, string prefix) => new NamespaceGraph(assembly, prefix);

        public IReadOnlyCollection<string> Namespaces => _edges.Keys.Concat(_edges.Values.SelectMany(v => v)).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();

        public IReadOnlyCollection<string> UsedBy(string ns) => _edges.TryGetValue(ns, out var used) ? used : new HashSet<string>();

        /// <summary>Every cycle found by a depth-first walk, each written "A → B → … → A"; empty when the graph has none.</summary>
        public IReadOnlyList<string> Cycles()
        {
            var cycles = new List<string>();
            var done = new HashSet<string>(StringComparer.Ordinal);
            var path = new List<string>();
            foreach (var start in Namespaces)
            {
                Walk(start, path, done, cycles);
            }

            return cycles;
        }

        private void Walk(string node, List<string> path, HashSet<string> done, List<string> cycles)
        {
            var index = path.IndexOf(node);
            if (index >= 0)
            {
                cycles.Add(string.Join(" → ", path.Skip(index).Append(node)));
                return;
            }

            if (done.Contains(node))
            {
                return;
            }

            path.Add(node);
            foreach (var next in UsedBy(node).OrderBy(n => n, StringComparer.Ordinal))
            {
                Walk(next, path, done, cycles);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(node);
        }

        private HashSet<string> Edges(string ns)
        {
            if (!_edges.TryGetValue(ns, out var set))
            {
                _edges[ns] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            return set;
        }

        private static bool In(Type type, string prefix) => type.Namespace != null && (type.Namespace == prefix || type.Namespace.StartsWith(prefix + ".", StringComparison.Ordinal));

        /// <summary>Compiler-generated nested types (closures, state machines) count for the namespace of their outer type.</summary>
        private static string NamespaceOf(Type type) => type.Namespace!;

        private static IEnumerable<Type> Uses(Type type)
        {
            if (type.BaseType != null)
            {
                yield return type.BaseType;
            }

            foreach (var used in type.GetInterfaces())
            {
                yield return used;
            }

            foreach (var field in type.GetFields(Everything))
            {
                yield return field.FieldType;
            }

            foreach (var property in type.GetProperties(Everything))
            {
                yield return property.PropertyType;
            }

            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                if (method is MethodInfo info)
                {
                    yield return info.ReturnType;
                }

                foreach (var parameter in method.GetParameters())
                {
                    yield return parameter.ParameterType;
                }

                foreach (var used in BodyUses(method))
                {
                    yield return used;
                }
            }
        }

        /// <summary>The types that the IL of a method body names through metadata tokens (calls, field access, newobj, casts, ldtoken).</summary>
        private static IEnumerable<Type> BodyUses(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il == null)
            {
                yield break;
            }

            var module = method.Module;
            var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            for (var i = 0; i < il.Length;)
            {
                var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
                i += code.Size;
                var operand = OperandSize(code, il, i);
                if (IsToken(code.OperandType))
                {
                    var member = Resolve(module, BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                    if (member is Type usedType)
                    {
                        yield return usedType;
                    }
                    else if (member?.DeclaringType != null)
                    {
                        yield return member.DeclaringType;
                        if (member is MethodInfo called && called.IsGenericMethod)
                        {
                            foreach (var argument in called.GetGenericArguments())
                            {
                                yield return argument;
                            }
                        }
                    }
                }

                i += operand;
            }
        }

        private static bool IsToken(OperandType type) =>
            type == OperandType.InlineMethod || type == OperandType.InlineField || type == OperandType.InlineType || type == OperandType.InlineTok;

        private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
        {
            try
            {
                return module.ResolveMember(token, typeArguments, methodArguments);
            }
            catch (ArgumentException)
            {
                // A token of a signature the runtime cannot resolve on its own (e.g. a vararg call site): nothing of ours.
                return null;
            }
        }

        private static int OperandSize(OpCode code, byte[] il, int at)
        {
            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    return 0;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    return 1;
                case OperandType.InlineVar:
                    return 2;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    return 8;
                case OperandType.InlineSwitch:
                    return 4 + (4 * BitConverter.ToInt32(il, at));
                default:
                    return 4;
            }
        }

        /// <summary>A type with its element type and generic arguments, each of which is a use too.</summary>
        private static IEnumerable<Type> Flatten(Type type)
        {
            if (type.HasElementType)
            {
                foreach (var inner in Flatten(type.GetElementType()!))
                {
                    yield return inner;
                }

                yield break;
            }

            if (type.IsGenericParameter)
            {
                yield break;
            }

            yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments().SelectMany(Flatten))
                {
                    yield return argument;
                }
            }
        }
    }
}
