<#
.SYNOPSIS
The account-scale benchmark behind `build.ps1 Bench [-Small]`.

.DESCRIPTION
1. Starts moto_server and fills it with a large account (new_account.py, boto3 straight to moto).
2. Starts the fault proxy in front of moto with AWS's published control-plane quotas and added latency.
3. Measures, in fresh pwsh processes: Test-ApiLambdaPermission -All through the proxy (wall time, calls per
   operation from the proxy's counters, peak memory), and cold Import-Module (median of 5).
4. Runs the same scan the way a careful user scripts it with the aws CLI, through the same proxy.
5. Measures Test-ApiLambdaPermissionTemplate on a generated 1 MB template (Measure-Template.ps1, offline).
6. Prints a table, writes out/bench/result.json and ends with one line
   calls_ratio=… wall_vs_floor=… speedup_vs_cli=… peak_mb=… import_s=… template_parse_s=… template_check_s=…

moto answers in about a millisecond, far faster than AWS: apart from the added latency, the times measure
the client and the quotas, not the service.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # 4 APIs x 10 resources: finishes in under a minute, CLI baseline measured in full.
    [switch] $Small,
    # get-policy calls of the CLI baseline to measure before extrapolating; -1 = all at -Small, 40 otherwise.
    [int] $CliPolicySample = -1,
    [int] $LatencyMs = 20,
    [string] $OutDirectory = (Join-Path $PSScriptRoot '../../out/bench')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot '../Support/MotoServer.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'FaultProxy.psm1') -Force
. (Join-Path $PSScriptRoot 'BenchMath.ps1')

$size = $Small ? [ordered]@{ apis = 4; resources = 10; methods = 2; authorizers = 2; stages = 3; functions = 4; aliases = 2 } `
    : [ordered]@{ apis = 40; resources = 60; methods = 2; authorizers = 10; stages = 3; functions = 150; aliases = 2 }
if ($CliPolicySample -lt 0) { $CliPolicySample = $Small ? 0 : 40 }
$region = 'us-east-1'
New-Item -ItemType Directory -Force -Path $OutDirectory | Out-Null
$OutDirectory = (Resolve-Path -LiteralPath $OutDirectory).Path

# Credentials for moto only; nothing here can reach a real account.
$scratch = Join-Path $OutDirectory 'env'
New-Item -ItemType Directory -Force -Path $scratch | Out-Null
foreach ($name in 'config', 'credentials') { Set-Content -LiteralPath (Join-Path $scratch $name) -Value '' }
$env:AWS_CONFIG_FILE = Join-Path $scratch 'config'
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $scratch 'credentials'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:AWS_ACCESS_KEY_ID = 'AKIDBENCHEXAMPLE0001'
$env:AWS_SECRET_ACCESS_KEY = 'bench-secret-not-real'
$env:AWS_DEFAULT_REGION = $region
$env:AWS_REGION = $region
$env:NO_COLOR = '1'
foreach ($name in 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE') {
    Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue
}

$benchClock = [System.Diagnostics.Stopwatch]::StartNew()
function Write-Step {
    param([string] $Text)
    Write-Host ('[{0,5:0.0} s] {1}' -f $benchClock.Elapsed.TotalSeconds, $Text)
}

function Invoke-FreshPwsh {
    # Runs a measuring script (Measure-Scan.ps1 unless -Script says otherwise) in a new pwsh and returns its JSON line as an object.
    param([string[]] $Arguments, [string] $Script = 'Measure-Scan.ps1')
    $output = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot $Script) -ModulePath $ModulePath @Arguments 2>&1
    $json = @($output | Where-Object { "$_" -match '^\{.*\}$' }) | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0 -or -not $json) { throw "$Script $($Arguments -join ' ') failed:`n$($output -join "`n")" }
    $json | ConvertFrom-Json
}

function Get-LoadAverage {
    # 1-minute load average: the CLI baseline is CPU-bound (a Python start per call), so a busy machine slows it most.
    [double]((Get-Content -Raw -LiteralPath /proc/loadavg).Split(' ')[0])
}

$moto = $null
$proxy = $null
$loadBefore = Get-LoadAverage
try {
    Write-Step "Generating the account in moto: $(($size.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ' ')"
    $moto = Start-MotoServer
    $manifestPath = Join-Path $OutDirectory 'account.json'
    $generatorArgs = @('--endpoint', $moto.Url, '--region', $region, '--manifest', $manifestPath) + @($size.GetEnumerator() | ForEach-Object { "--$($_.Key)", "$($_.Value)" })
    & python3 (Join-Path $PSScriptRoot 'new_account.py') @generatorArgs | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'new_account.py failed.' }
    $account = Get-Content -Raw -LiteralPath $manifestPath | ConvertFrom-Json

    $proxy = Start-FaultProxy -Upstream $moto.Url -PublishedLimits -LatencyMs $LatencyMs -LifetimeSeconds 3600
    Write-Step "Proxy $($proxy.Url): published quotas, $LatencyMs ms latency"

    Write-Step 'Cold Import-Module, 5 fresh pwsh processes...'
    $importSamples = @(1..5 | ForEach-Object { (Invoke-FreshPwsh @('-Mode', 'Import')).importSeconds })

    Write-Step 'Test-ApiLambdaPermissionTemplate on a generated 1 MB template (offline, no proxy)...'
    $template = Invoke-FreshPwsh -Script 'Measure-Template.ps1' -Arguments @('-OutDirectory', $OutDirectory)

    Write-Step 'Test-ApiLambdaPermission -All through the proxy...'
    Reset-FaultProxy -Url $proxy.Url
    $scan = Invoke-FreshPwsh @('-Mode', 'Scan', '-EndpointUrl', $proxy.Url, '-Region', $region)
    $productStats = Get-FaultProxyStats -Url $proxy.Url

    Write-Step "The aws CLI way through the proxy$($CliPolicySample -gt 0 ? " (get-policy: first $CliPolicySample calls measured, the rest extrapolated)" : '')..."
    Reset-FaultProxy -Url $proxy.Url
    $cli = & (Join-Path $PSScriptRoot 'Invoke-CliScan.ps1') -EndpointUrl $proxy.Url -Region $region -PolicySample $CliPolicySample
    $cliStats = Get-FaultProxyStats -Url $proxy.Url

    $calls = Compare-CallCount -Stats $productStats -Minimum $account.minimumCalls
    $floor = Get-QuotaFloor -ProxyUrl $proxy.Url -Calls $calls.Minimum -LatencyMs $LatencyMs
    $productFloor = Get-QuotaFloor -ProxyUrl $proxy.Url -Calls $calls.Actual -LatencyMs $LatencyMs
}
finally {
    if ($proxy) { $proxy.Stop() }
    if ($moto) { $moto.Stop() }
}

$result = [ordered]@{
    size            = $account.size
    measuredUtc     = [DateTime]::UtcNow.ToString('o')
    machine         = [ordered]@{ cores = [Environment]::ProcessorCount; loadAverageBefore = $loadBefore; loadAverageAfter = (Get-LoadAverage) }
    proxy           = [ordered]@{ latencyMs = $LatencyMs; quotas = 'published'; maxInFlight = $productStats.maxInFlight; rateLimited = $productStats.total.rateLimited }
    product         = [ordered]@{
        scanSeconds = $scan.scanSeconds; findings = $scan.findings; byStatus = $scan.byStatus; errors = $scan.errors; errorIds = $scan.errorIds
        calls = $calls.Actual; totalCalls = $calls.ActualTotal; floorSecondsForItsCalls = $productFloor.Seconds
        timeline = @($calls.Rows | Select-Object Operation, Calls, RateLimited, FirstAtSeconds, LastAtSeconds)
        note = 'findings counted as they stream (not kept); warnings silenced; time of the Test-ApiLambdaPermission call alone' 
    }
    minimum         = [ordered]@{ calls = $account.minimumCalls; totalCalls = $calls.MinimumTotal; definition = $account.minimumCallsDefinition }
    floor           = [ordered]@{ seconds = $floor.Seconds; bindingQuota = $floor.Binding; perQuota = $floor.PerQuota; definition = $floor.Definition }
    cli             = [ordered]@{
        seconds = $cli.Seconds; apiGatewaySeconds = $cli.ApiGatewaySeconds; policySeconds = $cli.PolicySeconds
        policyCalls = $cli.PolicyCalls; policyCallsMeasured = $cli.PolicyCallsMeasured; extrapolated = $cli.Extrapolated
        callsSeenByProxy = $cliStats.total.requests
    }
    import          = [ordered]@{ samplesSeconds = $importSamples; medianSeconds = (Get-Median $importSamples) }
    template        = $template
    calls_ratio     = [math]::Round($calls.Ratio, 2)
    wall_vs_floor   = $floor.Seconds -gt 0 ? [math]::Round($scan.scanSeconds / $floor.Seconds, 2) : $null
    speedup_vs_cli  = [math]::Round($cli.Seconds / $scan.scanSeconds, 1)
    peak_mb         = [math]::Round($scan.peakKb / 1024, 0)
    import_s        = [math]::Round((Get-Median $importSamples), 2)
}
$result.targets = Test-BenchTarget -Result $result
$resultPath = Join-Path $OutDirectory 'result.json'
$result | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $resultPath

Write-Host ''
$calls.Rows | Format-Table -AutoSize | Out-Host
$result.targets | Format-Table -AutoSize | Out-Host
Write-Host "Scan: $([math]::Round($scan.scanSeconds, 2)) s, $($scan.findings) findings, $($scan.errors) errors; floor $([math]::Round($floor.Seconds, 2)) s ($($floor.Binding)); CLI $([math]::Round($cli.Seconds, 1)) s$($cli.Extrapolated ? " (get-policy extrapolated from $($cli.PolicyCallsMeasured) of $($cli.PolicyCalls) calls)" : '')"
if ($floor.Binding -like '*latency*') {
    Write-Host 'At this size the floor is latency-bound: wall_vs_floor measures start-up costs (first calls, connections), not pacing.'
}
Write-Step "Result: $resultPath"
$wallText = $null -eq $result.wall_vs_floor ? 'n/a' : $result.wall_vs_floor.ToString('0.00', [cultureinfo]::InvariantCulture)
Write-Host "Template check: $($template.bytes) bytes, $($template.routes) routes, $($template.findings) findings: parse $([math]::Round($template.parseSeconds, 2)) s, whole check $([math]::Round($template.checkSeconds, 2)) s (medians)"
"calls_ratio={0:0.00} wall_vs_floor={1} speedup_vs_cli={2:0.0} peak_mb={3:0} import_s={4:0.00} template_parse_s={5:0.00} template_check_s={6:0.00}" -f $result.calls_ratio, $wallText, $result.speedup_vs_cli, $result.peak_mb, $result.import_s, $template.parseSeconds, $template.checkSeconds
