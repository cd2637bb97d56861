using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaPermTools.FaultProxy;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (Exception e) when (e is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

await using var proxy = await FaultProxyServer.StartAsync(commandLine.Options);
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; _ = proxy.StopAsync(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; _ = proxy.StopAsync(); });

var endpoint = proxy.Endpoint.ToString().TrimEnd('/');
Console.WriteLine(JsonSerializer.Serialize(new { endpoint, pid = Environment.ProcessId }));
if (commandLine.ReadyFile is not null)
{
    await File.WriteAllTextAsync(commandLine.ReadyFile, endpoint);
}

await proxy.Stopped;
return 0;
