using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// Writes Test-ApiLambdaPermission's findings as they come: one warning per overly broad statement (not per target it
    /// grants), the Denied count for -FailOnDenied, and the findings kept only when a JUnit report wants them.
    /// </summary>
    internal sealed class FindingWriter
    {
        private readonly Cmdlet _cmdlet;
        private readonly HashSet<string> _warnedStatements = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<PermissionFinding>? _reported;

        public FindingWriter(Cmdlet cmdlet, bool keepForReport)
        {
            _cmdlet = cmdlet;
            _reported = keepForReport ? new List<PermissionFinding>() : null;
        }

        public int Denied { get; private set; }

        /// <summary>Every finding written, when the report wants them; else none.</summary>
        public IReadOnlyList<PermissionFinding> Reported => (IReadOnlyList<PermissionFinding>?)_reported ?? new PermissionFinding[0];

        public void Write(IEnumerable<PermissionFinding> findings)
        {
            foreach (var finding in findings)
            {
                Denied += finding.Status == PermissionStatus.Denied ? 1 : 0;
                if (finding.OverlyBroad && _warnedStatements.Add($"{finding.FunctionName}:{finding.Qualifier}#{finding.MatchedStatementId}"))
                {
                    _cmdlet.WriteWarning($"Statement '{finding.MatchedStatementId}' in the policy of {finding.FunctionArn} is overly broad. {finding.Reason}");
                }

                _reported?.Add(finding);
                _cmdlet.WriteObject(finding);
            }
        }
    }
}
