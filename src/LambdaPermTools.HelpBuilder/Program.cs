using System;
using System.Collections.Generic;
using LambdaPermTools.HelpBuilder;

// Usage: LambdaPermTools.HelpBuilder --assembly <module.dll> --source <help folder> --output <culture folder> [--reference <dll>]...
// Exit codes: 0 written, 1 help incomplete or invalid (every problem listed), 2 wrong arguments.
var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
var references = new List<string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (string.Equals(args[i], "--reference", StringComparison.OrdinalIgnoreCase))
    {
        references.Add(args[i + 1]);
    }
    else
    {
        options[args[i]] = args[i + 1];
    }
}

if (args.Length % 2 != 0 || !options.TryGetValue("--assembly", out var assembly) || !options.TryGetValue("--source", out var source) || !options.TryGetValue("--output", out var output))
{
    Console.Error.WriteLine("Usage: LambdaPermTools.HelpBuilder --assembly <module.dll> --source <help folder> --output <culture folder> [--reference <dll>]...");
    return 2;
}

try
{
    var result = HelpBuild.Run(assembly, source, output, references);
    if (!result.Succeeded)
    {
        Console.Error.WriteLine($"Help is incomplete: {result.Problems.Count} problem(s) in {source}:");
        foreach (var problem in result.Problems)
        {
            Console.Error.WriteLine("  - " + problem);
        }

        return 1;
    }

    foreach (var file in result.WrittenFiles)
    {
        Console.WriteLine("Help written: " + file);
    }

    return 0;
}
catch (HelpBuildException e)
{
    Console.Error.WriteLine("Help generation failed: " + e.Message);
    return 1;
}
