using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// What the fix for a template finding needs beyond the finding's own properties: how the template names the
    /// function (<c>!Ref MyFunctionAliaslive</c> keeps CloudFormation's dependency on the alias), the stack values the
    /// caller made concrete (to write them back as pseudo parameters), and the logical ids already taken. Kept beside the
    /// finding object for as long as it lives in the session; a finding without it (serialized and read back) is
    /// written from its properties alone.
    /// </summary>
    internal sealed class TemplateHint
    {
        private static readonly ConditionalWeakTable<PermissionFinding, TemplateHint> Hints = new ConditionalWeakTable<PermissionFinding, TemplateHint>();

        /// <summary>"Ref" (Value is a logical id), "Sub" (a Sub string) or "" (a literal).</summary>
        public string FunctionKind { get; set; } = "";

        public string FunctionValue { get; set; } = "";

        /// <summary>The stack's partition, region and account as the caller gave them (null while symbolic).</summary>
        public string? Partition { get; set; }

        public string? Region { get; set; }

        public string? AccountId { get; set; }

        public IReadOnlyCollection<string> TakenLogicalIds { get; set; } = new string[0];

        public static void Attach(PermissionFinding finding, TemplateHint hint) => Hints.Add(finding, hint);

        public static TemplateHint? Of(PermissionFinding finding) => Hints.TryGetValue(finding, out var hint) ? hint : null;
    }
}
