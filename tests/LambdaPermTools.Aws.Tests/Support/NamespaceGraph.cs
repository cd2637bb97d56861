using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>
    /// Which namespaces of a compiled assembly use which others: read from signatures (base types, interfaces, fields,
    /// properties, parameters, return types) and from the IL of every method body (the types, methods and fields it
    /// names), so a dependency that only a method body has is seen too. Generic arguments count as uses; nested and
    /// compiler-generated types (closures, async state machines) count for their own namespace, which is their outer type's.
    /// </summary>
    internal static class NamespaceGraph
    {
        private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

        /// <summary>The namespace → namespace edges among the assembly's namespaces that start with <paramref name="root"/>.</summary>
        public static IReadOnlyCollection<(string From, string To)> Edges(Assembly assembly, string root)
        {
            var edges = new HashSet<(string, string)>();
            foreach (var type in assembly.GetTypes().Where(t => In(t, root)))
            {
                foreach (var used in Uses(type).SelectMany(Flatten).Where(t => In(t, root) && t.Namespace != type.Namespace))
                {
                    edges.Add((type.Namespace!, used.Namespace!));
                }
            }

            return edges;
        }

        /// <summary>A cycle as its namespaces, the first one repeated at the end (A, B, A), or null when the edges form none.</summary>
        public static IReadOnlyList<string>? FindCycle(IEnumerable<(string From, string To)> edges)
        {
            var next = edges.Where(e => e.From != e.To).GroupBy(e => e.From, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (var start in next.Keys.OrderBy(n => n, StringComparer.Ordinal))
            {
                var cycle = Walk(start, next, new List<string>(), done);
                if (cycle != null)
                {
                    return cycle;
                }
            }

            return null;
        }

        /// <summary>"A → B → A", for a failure message.</summary>
        public static string Describe(IReadOnlyList<string>? cycle) => cycle == null ? "no cycle" : string.Join(" → ", cycle);

        private static IReadOnlyList<string>? Walk(string node, Dictionary<string, List<string>> next, List<string> path, HashSet<string> done)
        {
            var index = path.IndexOf(node);
            if (index >= 0)
            {
                return path.Skip(index).Append(node).ToList();
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var to in next.TryGetValue(node, out var targets) ? targets : new List<string>())
            {
                var cycle = Walk(to, next, path, done);
                if (cycle != null)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        private static bool In(Type type, string root) => type.Namespace != null && (type.Namespace == root || type.Namespace.StartsWith(root + ".", StringComparison.Ordinal));

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
