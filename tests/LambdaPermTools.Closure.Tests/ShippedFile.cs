using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace LambdaPermTools.Closure.Tests
{
    /// <summary>One dll of the module as its metadata describes it, read without loading it.</summary>
    internal sealed class ShippedFile
    {
        private ShippedFile(string path, string name, Version version, string? targetFramework, IReadOnlyList<AssemblyName> references)
        {
            Path = path;
            Name = name;
            Version = version;
            TargetFramework = targetFramework;
            References = references;
        }

        public string Path { get; }
        public string Name { get; }
        public Version Version { get; }
        /// <summary>The TargetFrameworkAttribute's value, e.g. ".NETStandard,Version=v2.0"; null when the assembly has none.</summary>
        public string? TargetFramework { get; }
        public IReadOnlyList<AssemblyName> References { get; }

        /// <summary>Built for .NET (Core) only: Windows PowerShell never loads it (LambdaPermTools.Aws.Loader is reached on PowerShell 7 only).</summary>
        public bool IsNetCoreOnly => TargetFramework != null && TargetFramework.StartsWith(".NETCoreApp", StringComparison.Ordinal);

        public static ShippedFile Read(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader metadata = pe.GetMetadataReader();
            AssemblyDefinition definition = metadata.GetAssemblyDefinition();
            var references = new List<AssemblyName>();
            foreach (AssemblyReferenceHandle handle in metadata.AssemblyReferences)
            {
                references.Add(metadata.GetAssemblyReference(handle).GetAssemblyName());
            }

            return new ShippedFile(path, metadata.GetString(definition.Name), definition.Version,
                ReadTargetFramework(metadata, definition), references);
        }

        private static string? ReadTargetFramework(MetadataReader metadata, AssemblyDefinition definition)
        {
            foreach (CustomAttributeHandle handle in definition.GetCustomAttributes())
            {
                CustomAttribute attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                EntityHandle owner = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                if (owner.Kind != HandleKind.TypeReference)
                {
                    continue;
                }

                TypeReference type = metadata.GetTypeReference((TypeReferenceHandle)owner);
                if (metadata.GetString(type.Namespace) != "System.Runtime.Versioning" || metadata.GetString(type.Name) != "TargetFrameworkAttribute")
                {
                    continue;
                }

                BlobReader value = metadata.GetBlobReader(attribute.Value);
                value.ReadUInt16(); // prolog 0x0001 (ECMA-335 II.23.3)
                return value.ReadSerializedString();
            }
            return null;
        }
    }
}
