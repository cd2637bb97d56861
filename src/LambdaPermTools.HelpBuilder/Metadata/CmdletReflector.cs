using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LambdaPermTools.HelpBuilder.Metadata
{
    /// <summary>
    /// Reads the cmdlets of a compiled module without loading it for execution (MetadataLoadContext): the
    /// attributes are read as data, so the tool does not need the PowerShell runtime or the module's dependencies to run.
    /// </summary>
    public static class CmdletReflector
    {
        private const string Sma = "System.Management.Automation.";

        public static IReadOnlyList<CommandMetadata> Read(string assemblyPath, IEnumerable<string>? extraReferences = null)
        {
            var fullPath = Path.GetFullPath(assemblyPath);
            if (!File.Exists(fullPath))
            {
                throw new HelpBuildException($"The module assembly '{fullPath}' does not exist. Build the module before generating its help.");
            }

            using var context = new MetadataLoadContext(new PathAssemblyResolver(ReferencePaths(fullPath, extraReferences)));
            var assembly = context.LoadFromAssemblyPath(fullPath);
            return LoadableTypes(assembly)
                .Where(t => t.IsPublic && !t.IsAbstract)
                .Select(ReadCommand)
                .OfType<CommandMetadata>()
                .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        // The module's own folder first, then this tool's folder (it carries a System.Management.Automation.dll),
        // then the running .NET's framework assemblies. The resolver keeps the highest version of each name.
        private static IEnumerable<string> ReferencePaths(string assemblyPath, IEnumerable<string>? extraReferences)
        {
            var folders = new[] { Path.GetDirectoryName(assemblyPath)!, AppContext.BaseDirectory, RuntimeEnvironment.GetRuntimeDirectory() };
            return folders.SelectMany(f => Directory.EnumerateFiles(f, "*.dll"))
                .Concat(extraReferences ?? Enumerable.Empty<string>())
                .Distinct(StringComparer.Ordinal);
        }

        private static IEnumerable<Type> LoadableTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                var missing = e.LoaderExceptions.Select(x => x?.Message).FirstOrDefault(m => m != null);
                throw new HelpBuildException($"Cannot read the types of '{assembly.Location}': {missing}");
            }
        }

        private static CommandMetadata? ReadCommand(Type type)
        {
            var cmdlet = Attribute(type.GetCustomAttributesData(), "CmdletAttribute");
            if (cmdlet == null)
            {
                return null;
            }

            var verb = (string)cmdlet.ConstructorArguments[0].Value!;
            var noun = (string)cmdlet.ConstructorArguments[1].Value!;
            var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(ReadParameter)
                .OfType<ParameterMetadata>()
                .ToList();
            return new CommandMetadata(
                $"{verb}-{noun}",
                verb,
                noun,
                Named(cmdlet, "SupportsShouldProcess", false),
                parameters,
                OutputTypes(type),
                Named<string?>(cmdlet, "DefaultParameterSetName", null));
        }

        private static ParameterMetadata? ReadParameter(PropertyInfo property)
        {
            var attributes = property.GetCustomAttributesData();
            var sets = attributes.Where(a => IsSma(a, "ParameterAttribute"))
                .Select(a => new ParameterSetMetadata(
                    Named(a, "ParameterSetName", ParameterSetMetadata.AllSets),
                    Named(a, "Mandatory", false),
                    Named(a, "Position", int.MinValue) is var p && p == int.MinValue ? null : p,
                    Named(a, "ValueFromPipeline", false),
                    Named(a, "ValueFromPipelineByPropertyName", false)))
                .ToList();
            if (sets.Count == 0)
            {
                return null;
            }

            var alias = Attribute(attributes, "AliasAttribute");
            var aliases = alias == null ? new List<string>() : Strings(alias.ConstructorArguments[0]);
            var type = UnwrapNullable(property.PropertyType);
            return new ParameterMetadata(
                property.Name,
                type.FullName ?? type.Name,
                type.Name,
                type.FullName == Sma + "SwitchParameter",
                aliases,
                sets);
        }

        // Nullable.GetUnderlyingType compares with the running framework's types, which a metadata context does not share.
        private static Type UnwrapNullable(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : type;

        private static IReadOnlyList<string> OutputTypes(Type type) =>
            type.GetCustomAttributesData()
                .Where(a => IsSma(a, "OutputTypeAttribute"))
                .SelectMany(a => a.ConstructorArguments.SelectMany(Values))
                .Select(v => v is Type t ? t.FullName ?? t.Name : v?.ToString() ?? "")
                .Where(n => n.Length > 0)
                .Distinct()
                .ToList();

        private static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string name) =>
            attributes.FirstOrDefault(a => IsSma(a, name));

        private static bool IsSma(CustomAttributeData attribute, string name) =>
            attribute.AttributeType.FullName == Sma + name;

        private static T Named<T>(CustomAttributeData attribute, string name, T fallback)
        {
            var value = attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();
            return value is T typed ? typed : fallback;
        }

        private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
            argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { argument.Value };

        private static List<string> Strings(CustomAttributeTypedArgument argument) =>
            Values(argument).OfType<string>().ToList();
    }
}
