using System;
using System.Linq;

namespace LambdaPermTools.HelpBuilder.Metadata
{
    /// <summary>PowerShell's own parameters: -WhatIf and -Confirm get standard text; the rest are covered by about_CommonParameters.</summary>
    public static class CommonParameters
    {
        public const string WhatIf = "WhatIf";
        public const string Confirm = "Confirm";

        private static readonly string[] Names =
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
            "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", WhatIf, Confirm,
        };

        public static bool IsCommon(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

        /// <summary>The two risk-mitigation parameters that cmdlets with SupportsShouldProcess get.</summary>
        public static ParameterMetadata[] ShouldProcessParameters { get; } =
        {
            Switch(WhatIf, "wi"),
            Switch(Confirm, "cf"),
        };

        public static string DefaultText(string name) => name switch
        {
            WhatIf => "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
            Confirm => "Prompts you for confirmation before running the cmdlet.",
            _ => "",
        };

        private static ParameterMetadata Switch(string name, string alias) =>
            new(name, "System.Management.Automation.SwitchParameter", "SwitchParameter", true, new[] { alias },
                new[] { new ParameterSetMetadata(ParameterSetMetadata.AllSets, false, null, false, false) });
    }
}
