using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>
    /// Which namespaces of one compiled assembly use which, read from its metadata: base types and interfaces, field,
    /// property and method signatures, locals, and every type, method and field token in method bodies (so a call in a
    /// lambda or an async method counts, for its outermost declaring type). Self-contained, so other test projects can link
    /// this one file.
    /// </summary>
    internal static class NamespaceGraph
    {
        /// <summary>The namespace → namespace edges among the assembly's namespaces that start with <paramref name="root"/>.</summary>
        public static IReadOnlyCollection<(string From, string To)> Edges(Assembly assembly, string root)
        {
            using var stream = File.OpenRead(assembly.Location);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var provider = new OwnTypes(reader);
            var edges = new HashSet<(string, string)>();
            foreach (var handle in reader.TypeDefinitions)
            {
                var from = provider.NamespaceOf(handle);
                if (!InRoot(from, root))
                {
                    continue;
                }

                foreach (var to in References(reader, pe, provider, handle).Where(n => n != from && InRoot(n, root)))
                {
                    edges.Add((from, to));
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
            var path = new List<string>();
            foreach (var start in next.Keys.OrderBy(n => n, StringComparer.Ordinal))
            {
                var cycle = Visit(start, next, done, path);
                if (cycle != null)
                {
                    return cycle;
                }
            }

            return null;
        }

        /// <summary>"A → B → A", for a failure message.</summary>
        public static string Describe(IReadOnlyList<string>? cycle) => cycle == null ? "no cycle" : string.Join(" → ", cycle);

        private static IReadOnlyList<string>? Visit(string node, Dictionary<string, List<string>> next, HashSet<string> done, List<string> path)
        {
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                return path.Skip(at).Append(node).ToList();
            }

            if (done.Contains(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var to in next.TryGetValue(node, out var targets) ? targets : new List<string>())
            {
                var cycle = Visit(to, next, done, path);
                if (cycle != null)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(node);
            return null;
        }

        private static bool InRoot(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

        private static IEnumerable<string> References(MetadataReader reader, PEReader pe, OwnTypes provider, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var found = new List<string>();
            found.AddRange(provider.Of(type.BaseType));
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                found.AddRange(provider.Of(reader.GetInterfaceImplementation(implementation).Interface));
            }

            foreach (var field in type.GetFields())
            {
                found.AddRange(reader.GetFieldDefinition(field).DecodeSignature(provider, null));
            }

            foreach (var property in type.GetProperties())
            {
                var signature = reader.GetPropertyDefinition(property).DecodeSignature(provider, null);
                found.AddRange(signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p)));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var signature = method.DecodeSignature(provider, null);
                found.AddRange(signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p)));
                if (method.RelativeVirtualAddress != 0)
                {
                    var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        found.AddRange(reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null).SelectMany(l => l));
                    }

                    found.AddRange(Tokens(body.GetILBytes()!).SelectMany(token => provider.Of(MetadataTokens.EntityHandle(token))));
                }
            }

            return found;
        }

        private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

        /// <summary>The metadata tokens that IL instructions name (types, methods, fields, ldtoken).</summary>
        private static IEnumerable<int> Tokens(byte[] il)
        {
            var i = 0;
            while (i < il.Length)
            {
                short code = il[i++];
                if (code == 0xFE)
                {
                    code = (short)(0xFE00 | il[i++]);
                }

                var operand = Operands[code];
                switch (operand)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        yield return BitConverter.ToInt32(il, i);
                        i += 4;
                        break;
                    case OperandType.InlineSwitch:
                        i += 4 + 4 * BitConverter.ToInt32(il, i);
                        break;
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        i += 1;
                        break;
                    case OperandType.InlineVar:
                        i += 2;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        i += 8;
                        break;
                    default:
                        i += 4;
                        break;
                }
            }
        }

        /// <summary>Decodes signatures into the namespaces of this assembly's own types that they mention.</summary>
        private sealed class OwnTypes : ISignatureTypeProvider<IEnumerable<string>, object?>
        {
            private static readonly IEnumerable<string> None = Array.Empty<string>();
            private readonly MetadataReader _reader;

            public OwnTypes(MetadataReader reader) => _reader = reader;

            /// <summary>A nested (also compiler-generated) type belongs to its outermost declaring type's namespace.</summary>
            public string NamespaceOf(TypeDefinitionHandle handle)
            {
                var type = _reader.GetTypeDefinition(handle);
                while (type.IsNested)
                {
                    type = _reader.GetTypeDefinition(type.GetDeclaringType());
                }

                return _reader.GetString(type.Namespace);
            }

            public IEnumerable<string> Of(EntityHandle handle)
            {
                if (handle.IsNil)
                {
                    return None;
                }

                switch (handle.Kind)
                {
                    case HandleKind.TypeDefinition:
                        return new[] { NamespaceOf((TypeDefinitionHandle)handle) };
                    case HandleKind.TypeSpecification:
                        return _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    case HandleKind.MethodDefinition:
                        return new[] { NamespaceOf(_reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()) };
                    case HandleKind.FieldDefinition:
                        return new[] { NamespaceOf(_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()) };
                    case HandleKind.MemberReference:
                        return Of(_reader.GetMemberReference((MemberReferenceHandle)handle).Parent);
                    case HandleKind.MethodSpecification:
                        var specification = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                        return Of(specification.Method).Concat(specification.DecodeSignature(this, null).SelectMany(t => t));
                    default:
                        return None;
                }
            }

            public IEnumerable<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => new[] { NamespaceOf(handle) };

            public IEnumerable<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => None;

            public IEnumerable<string> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
                reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

            public IEnumerable<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;

            public IEnumerable<string> GetSZArrayType(IEnumerable<string> elementType) => elementType;

            public IEnumerable<string> GetArrayType(IEnumerable<string> elementType, ArrayShape shape) => elementType;

            public IEnumerable<string> GetByReferenceType(IEnumerable<string> elementType) => elementType;

            public IEnumerable<string> GetPointerType(IEnumerable<string> elementType) => elementType;

            public IEnumerable<string> GetPinnedType(IEnumerable<string> elementType) => elementType;

            public IEnumerable<string> GetGenericInstantiation(IEnumerable<string> genericType, ImmutableArray<IEnumerable<string>> typeArguments) =>
                genericType.Concat(typeArguments.SelectMany(t => t));

            public IEnumerable<string> GetGenericTypeParameter(object? genericContext, int index) => None;

            public IEnumerable<string> GetGenericMethodParameter(object? genericContext, int index) => None;

            public IEnumerable<string> GetFunctionPointerType(MethodSignature<IEnumerable<string>> signature) =>
                signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

            public IEnumerable<string> GetModifiedType(IEnumerable<string> modifier, IEnumerable<string> unmodifiedType, bool isRequired) => unmodifiedType;
        }
    }
}
