using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>Runs a helper process (python3 with botocore/boto3) and returns its standard output.</summary>
    internal static class Processes
    {
        public static string Run(string file, IEnumerable<string> arguments, string? stdin = null, IDictionary<string, string>? environment = null, int timeoutMs = 60000)
        {
            var info = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in arguments)
            {
                info.ArgumentList.Add(a);
            }

            if (environment != null)
            {
                foreach (var kv in environment)
                {
                    info.Environment[kv.Key] = kv.Value;
                }
            }

            using var process = Process.Start(info)!;
            var stderrTask = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin ?? "");
            process.StandardInput.Close();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(timeoutMs))
            { process.Kill(true); throw new TimeoutException(file + " timed out"); }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} exited {process.ExitCode}: {stderrTask.Result}");
            }

            return stdout;
        }
    }
}
