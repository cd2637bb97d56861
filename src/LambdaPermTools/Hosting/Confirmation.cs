using System.Management.Automation;

namespace LambdaPermTools.Hosting
{
    /// <summary>The confirmation rule of the cmdlets that change AWS.</summary>
    internal static class Confirmation
    {
        /// <summary>AWS Tools' rule (docs/powershell-rules.md §8): -WhatIf always wins; else -Force skips the prompt; else ShouldProcess.</summary>
        public static bool Confirmed(this PSCmdlet cmdlet, bool force, string target, string action)
        {
            var whatIf = cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
                ? ((SwitchParameter)value).IsPresent
                : LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));
            return (force && !whatIf) || cmdlet.ShouldProcess(target, action);
        }
    }
}
