<#
.SYNOPSIS
Runs in a fresh pwsh started by Invoke-Bench.ps1: Find-ApiLambdaPermissionError over CloudWatch (the in-memory fake)
or over an exported log file, and prints one JSON line with what it measured.

.DESCRIPTION
-Mode Group: one stage whose execution-log group holds -Events log events over the last 50 minutes (requests of 5
lines each, every 7th failing, on 10 functions), read through the fake's CloudWatch Logs port with pages of
10,000 events (CloudWatch's maximum) and -LatencyMs per call. The fake filters on the server side as CloudWatch does,
so the figures are the client's: wall time of the cmdlet, calls, and this process's peak memory during the search,
with the peak reset once the fake was filled (filledKb: what the process held then, the fake's events the bulk of it).

-Mode Text: an exported log of -Megabytes written to disk, then `Get-Content -ReadCount 1000 | Find-ApiLambdaPermissionError`:
wall time and peak memory during the read (the peak reset after writing the file). Run at two sizes, equal peaks
show that the text is read as a stream.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [ValidateSet('Group', 'Text')] [string] $Mode,
    [int] $Events = 100000,
    [int] $LatencyMs = 20,
    [int] $Megabytes = 100,
    [string] $OutDirectory = [System.IO.Path]::GetTempPath()
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'LambdaPermTools.psd1')
Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1')
Import-LptTestDoubles

function Reset-PeakKb {
    # Linux resets the peak resident memory (VmHWM) to the current one on "5" > /proc/self/clear_refs: what comes after is the measured work's.
    [GC]::Collect()
    try { [System.IO.File]::WriteAllText('/proc/self/clear_refs', '5') } catch { Write-Verbose "VmHWM not reset: $_" }
    Get-PeakKb
}

function Get-PeakKb {
    [long]((Get-Content -LiteralPath /proc/self/status | Where-Object { $_ -match '^VmHWM:\s+(\d+)\s+kB' } | ForEach-Object { $Matches[1] }) | Select-Object -First 1)
}

function Get-RequestLine {
    # One request's five lines (CloudWatch form): every 7th fails on a Lambda permission (so on each of the functions).
    param([int] $Number, [string[]] $Functions)
    $id = 'req-{0:d8}' -f $Number
    $fn = $Functions[$Number % $Functions.Count]
    $path = '/items{0}' -f ($Number % $Functions.Count)
    "($id) Starting execution for request: $id"
    "($id) API Key  authorized because method 'GET $path' does not require API Key. Request will not contribute to throttle or quota limits"
    "($id) Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/$fn/invocations"
    if ($Number % 7 -eq 0) { "($id) Execution failed due to configuration error: Invalid permissions on Lambda function" } else { "($id) Endpoint response body before transformations: {}" }
    "($id) Method completed with status: $($Number % 7 -eq 0 ? 500 : 200)"
}

$functions = @(0..9 | ForEach-Object { "arn:aws:lambda:us-east-1:111122223333:function:bench$_" })

if ($Mode -eq 'Group') {
    $fake = New-FakeAws
    $fake.LogPageSize = 10000
    $group = 'API-Gateway-Execution-Logs_benchapi/prod'
    $api = $fake.AddRestApi('benchapi', 'bench')
    $null = $api.AddStage('prod')
    $start = [DateTimeOffset]::UtcNow.AddMinutes(-50)
    $requests = [int]($Events / 5)
    $spacingMs = [math]::Max(1, [int](50 * 60 * 1000 / $requests))
    # The lines of requests 0..69 (the pattern of functions and failures repeats every 70) with the request number as a placeholder.
    $templates = @(0..69 | ForEach-Object { , [string[]] @(Get-RequestLine -Number $_ -Functions $functions | ForEach-Object { $_ -replace 'req-\d+', 'req-{N}' }) })
    foreach ($n in 0..($requests - 1)) {
        $id = $n.ToString()
        $fake.AddLogEvents($group, $start.AddMilliseconds($n * $spacingMs), [string[]] $templates[$n % 70].Replace('{N}', $id))
    }
    $fake.CallDelayMilliseconds = $LatencyMs
    $filledKb = Reset-PeakKb
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $failures = @(Find-ApiLambdaPermissionError -RestApiId benchapi -StageName prod)
    $clock.Stop()
    [pscustomobject]@{
        events = $Events; failures = $failures.Count; failedRequests = ($failures | Measure-Object Count -Sum).Sum
        seconds = $clock.Elapsed.TotalSeconds; filterCalls = $fake.CallCount('FilterLogEvents'); latencyMs = $LatencyMs
        peakKb = Get-PeakKb; filledKb = $filledKb
    } | ConvertTo-Json -Compress
    return
}

$file = Join-Path $OutDirectory "exported-$Megabytes.log"
# One block of 1,000 requests, written again and again with the block's number in every request id (fast to write).
$stamp = [DateTimeOffset]::UtcNow.AddDays(-1).ToString('yyyy-MM-ddTHH:mm:ss.fffZ')
$block = (0..999 | ForEach-Object { Get-RequestLine -Number $_ -Functions $functions } | ForEach-Object { "$stamp $($_ -replace 'req-', 'req-{B}-')" }) -join "`n"
$writer = [System.IO.StreamWriter]::new($file)
try {
    $n = 0
    while ($writer.BaseStream.Length -lt $Megabytes * 1MB) {
        $writer.WriteLine($block.Replace('{B}', $n.ToString()))
        $n++
    }
}
finally {
    $writer.Dispose()
}
$n *= 1000
$beforeKb = Reset-PeakKb
$clock = [Diagnostics.Stopwatch]::StartNew()
$failures = @(Get-Content -LiteralPath $file -ReadCount 1000 | Find-ApiLambdaPermissionError -RestApiId benchapi -StageName prod)
$clock.Stop()
[pscustomobject]@{
    megabytes = [math]::Round((Get-Item -LiteralPath $file).Length / 1MB, 1); requests = $n; failures = $failures.Count
    failedRequests = ($failures | Measure-Object Count -Sum).Sum; seconds = $clock.Elapsed.TotalSeconds; peakKb = Get-PeakKb; beforeKb = $beforeKb
} | ConvertTo-Json -Compress
Remove-Item -LiteralPath $file
