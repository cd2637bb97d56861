using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Templates;

namespace LambdaPermTools.Hosting
{
    /// <summary>
    /// Test-ApiLambdaPermissionTemplate's input: -Path (wildcards) and -LiteralPath as file system files, each read and
    /// checked on its own, so that a missing or unreadable file, or one that is no template, is a non-terminating error
    /// with a stable ErrorId (PathNotFound, TemplateReadError, TemplateParseError, NotATemplate) and the others go on.
    /// </summary>
    internal static class TemplateInput
    {
        /// <summary>The settings of -Region, -AccountId and -Parameter; invalid ones are terminating InvalidArgument errors.</summary>
        public static TemplateSettings Settings(PSCmdlet cmdlet, string? region, string? accountId, Hashtable? parameters)
        {
            if (region != null && !RegionNames.IsValid(region))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.For(ErrorId.InvalidRegion,
                    new ArgumentException($"'{region}' is not an AWS region name such as 'us-east-1'."), region,
                    "Pass -Region with the region the stack deploys to, such as us-east-1, or leave it out to keep ${AWS::Region} symbolic."));
            }

            var settings = new TemplateSettings { Region = region, AccountId = accountId };
            foreach (DictionaryEntry entry in parameters ?? new Hashtable())
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                settings.Parameters[entry.Key.ToString()!] = value is string text ? new[] { text }
                    : value is IEnumerable items ? items.Cast<object>().Select(i => i.ToString()!).ToArray()
                    : new[] { value?.ToString() ?? "" };
            }

            return settings;
        }

        /// <summary>The files a -Path or -LiteralPath names; what matches nothing is a PathNotFound error.</summary>
        public static IEnumerable<string> Files(PSCmdlet cmdlet, string path, bool literal)
        {
            var found = new List<string>();
            try
            {
                if (literal)
                {
                    found.Add(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                }
                else
                {
                    found.AddRange(cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider)
                        .Where(_ => provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider)));
                }
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException)
            {
                // An empty list below reports it.
            }

            found = found.Where(File.Exists).ToList();
            if (found.Count == 0)
            {
                cmdlet.WriteError(ErrorRecords.For(ErrorId.PathNotFound, new ItemNotFoundException($"Cannot find a template file at '{path}'."), path,
                    "Check the path; -Path takes wildcards, -LiteralPath takes the name as it is."));
            }

            return found;
        }

        /// <summary>Checks one template; a file that cannot be read or parsed is a non-terminating error naming file, line and column.</summary>
        public static TemplateCheckResult? Check(PSCmdlet cmdlet, string? file, string text, TemplateSettings settings)
        {
            try
            {
                return TemplateCheck.Run(text, file ?? "", settings);
            }
            catch (TemplateParseException e)
            {
                var where = (file ?? "-TemplateBody") + (e.Line > 0 ? $":{e.Line}:{e.Column}" : "");
                cmdlet.WriteError(ErrorRecords.For(e.NotATemplate ? ErrorId.NotATemplate : ErrorId.TemplateParseError,
                    new FormatException($"{where}: {(file == null ? "the template body" : "the file")} {e.Message}", e), (object?)file ?? text, e.NotATemplate
                    ? "Pass only CloudFormation or SAM templates (a Resources section), e.g. filter Get-ChildItem output."
                    : $"Correct the template at line {e.Line}, column {e.Column}; cfn-lint shows the same place."));
                return null;
            }
        }

        /// <summary>The file's text, or null after a non-terminating TemplateReadError.</summary>
        public static string? Read(PSCmdlet cmdlet, string file)
        {
            try
            {
                return File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.WriteError(ErrorRecords.For(ErrorId.TemplateReadError, e, file, "Check that the file exists and can be read."));
                return null;
            }
        }
    }
}
