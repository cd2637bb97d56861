using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace LambdaPermTools.Tests.Support
{
    /// <summary>Runs a command-line tool (cfn-lint, terraform, sh, pwsh) with a timeout and captures its output.</summary>
    internal static class Tool
    {
        /// <summary>
        /// Runs cfn-lint with these arguments: in the Python build.ps1 found (LPT_PYTHON; cfn-lint comes with moto[server]),
        /// else the cfn-lint on PATH. Fails the test when neither exists.
        /// </summary>
        public static (int ExitCode, string Output, string Error) CfnLint(IEnumerable<string> arguments)
        {
            var python = Environment.GetEnvironmentVariable("LPT_PYTHON");
            if (!string.IsNullOrEmpty(python))
            {
                return Run(python!, new[] { "-c", "import sys; from cfnlint.runner import main; sys.exit(main())" }.Concat(arguments));
            }

            var onPath = Find("cfn-lint");
            Xunit.Assert.True(onPath != null, "cfn-lint is not on PATH and LPT_PYTHON is not set (build.ps1 Test sets it).");
            return Run(onPath!, arguments);
        }

        public static (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> arguments, string? stdin = null, string? workingDirectory = null, IDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var pair in environment ?? new Dictionary<string, string>())
            {
                start.Environment[pair.Key] = pair.Value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin ?? "");
            process.StandardInput.Close();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} did not finish within 120 s.");
            }

            return (process.ExitCode, output.Result, error.Result);
        }

        /// <summary>The full path of a program on PATH, or null.</summary>
        public static string? Find(string name)
        {
            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>A fresh temporary directory, deleted by the caller's using.</summary>
        public static TempDirectory TempDirectory() => new();
    }

    internal sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lpt-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string name, string content)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllText(file, content);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
