using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Reporting;

namespace LambdaPermTools.Hosting
{
    /// <summary>-JUnitPath of the Test cmdlets: checked before any work, written after the last finding.</summary>
    internal static class JUnitFile
    {
        /// <summary>The file system path of -JUnitPath; a folder that does not exist is a terminating InvalidArgument.</summary>
        public static string? Resolve(PSCmdlet cmdlet, string? junitPath)
        {
            if (string.IsNullOrEmpty(junitPath))
            {
                return null;
            }

            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(junitPath);
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.For(ErrorId.JUnitPathNotFound,
                    new DirectoryNotFoundException($"The folder of -JUnitPath '{junitPath}' does not exist."), junitPath,
                    "Create the folder first, or pass a path in an existing folder."));
            }

            return path;
        }

        /// <summary>Writes one test case per finding; a file that cannot be written is a terminating WriteError (the CI step would miss its results).</summary>
        public static void Write(PSCmdlet cmdlet, string? path, IReadOnlyList<PermissionFinding> findings)
        {
            if (path == null)
            {
                return;
            }

            try
            {
                File.WriteAllText(path, JUnitReport.Write(findings), new System.Text.UTF8Encoding(false));
                cmdlet.WriteVerbose($"Wrote {findings.Count} test case(s) to {path}.");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.For(ErrorId.JUnitWriteFailed, e, path, "Check that the file can be written (permissions, disk space), or pass another -JUnitPath."));
            }
        }
    }
}
