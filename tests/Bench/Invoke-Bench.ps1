<#
.SYNOPSIS
The account-scale benchmark behind `build.ps1 Bench [-Small] [-Scale 1,2,4]`.

.DESCRIPTION
1. Starts moto_server and fills it with a large account (new_account.py, boto3 straight to moto).
2. Starts the fault proxy in front of moto with AWS's published control-plane quotas and added latency.
3. Measures, in fresh pwsh processes: Test-ApiLambdaPermission -All through the proxy (wall time, calls per
   operation from the proxy's counters, peak memory), and cold Import-Module (median of 5).
4. Runs the same scan the way a careful user scripts it with the aws CLI, through the same proxy.
5. Scans the short-floor account too (same APIs, 300 distinct function qualifiers: a 19 s floor), not at -Small.
6. Measures Test-ApiLambdaPermissionTemplate on a generated 1 MB template (Measure-Template.ps1, offline).
7. Measures one -Uri diagnosis against the in-memory fake with -LatencyMs per call (Measure-Uri.ps1): its calls and the
   wall time from process start to the last finding.
8. Measures Find-ApiLambdaPermissionError over 100,000 log events in the fake's CloudWatch Logs, and over exported
   logs of 10 and 100 MB piped in (Measure-Logs.ps1).
9. Prints a table, writes out/bench/result.json and ends with one line
   calls_ratio=… wall_vs_floor=… speedup_vs_cli=… peak_mb=… import_s=… template_parse_s=… template_check_s=… uri_calls=… uri_s=… wall_vs_floor_short=…
   logs_events=… logs_wall_s=… logs_calls=… logs_floor_s=… logs_peak_mb=… logs_peak_above_fill_mb=… logtext_100mb_s=… logtext_peak_mb_10mb=… logtext_peak_mb_100mb=…
With -Scale: the default account with its APIs, authorizers and functions multiplied by each factor, one scan
per size (steps 1-3, no CLI baseline), then the short-floor account; prints one row per size and how each figure
grows, writes out/bench/scale.json.

moto answers in about a millisecond, far faster than AWS: apart from the added latency, the times measure
the client and the quotas, not the service.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # 4 APIs x 10 resources: finishes in under a minute, CLI baseline measured in full.
    [switch] $Small,
    # Scale curve: factors for the default account's APIs, authorizers and functions (1,2,4 or "1,2,4"); several minutes per size.
    [string[]] $Scale = @(),
    # get-policy calls of the CLI baseline to measure before extrapolating; -1 = all at -Small, 40 otherwise.
    [int] $CliPolicySample = -1,
    [int] $LatencyMs = 20,
    [string] $OutDirectory = (Join-Path $PSScriptRoot '../../out/bench')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../Support/MotoServer.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'FaultProxy.psm1') -Force
. (Join-Path $PSScriptRoot 'BenchMath.ps1')

function Get-AccountSize {
    # new_account.py's arguments for one account shape. ShortFloor is the default account without stage-variable URIs
    # (each method calls its function unqualified or at ':live') and no missing function: 150 functions x 2 = 300
    # distinct qualifiers, so GetPolicy binds at 19 s and GetResources (5 per 2 s) almost as hard; fixed costs weigh
    # more than on the default account's 32 s floor.
    param([ValidateSet('Small', 'Default', 'ShortFloor')] [string] $Shape, [double] $Factor = 1)
    switch ($Shape) {
        'Small' { [ordered]@{ apis = 4; resources = 10; methods = 2; authorizers = 2; stages = 3; functions = 4; aliases = 2 } }
        'Default' {
            [ordered]@{ apis = [int](40 * $Factor); resources = 60; methods = 2; authorizers = [int](10 * $Factor); stages = 3
                functions = [int](150 * $Factor); aliases = 2 }
        }
        'ShortFloor' {
            [ordered]@{ apis = 40; resources = 60; methods = 2; authorizers = 10; stages = 3; functions = 150; aliases = 2
                forms = 'no-stage-variables'; 'missing-every' = 0 }
        }
    }
}
# "1,2,4" arrives as one string through pwsh -File; [double] would read its commas as thousands separators.
$scaleFactors = @($Scale -split ',' | Where-Object { $_.Trim() } | ForEach-Object { [double]::Parse($_.Trim(), [cultureinfo]::InvariantCulture) })
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

function Invoke-WithAccount {
    # A fresh moto filled with one account, the proxy in front of it; runs $Body with (account manifest, proxy) and
    # always stops both, so each size starts from nothing.
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Size, [Parameter(Mandatory)] [scriptblock] $Body)
    $moto = $null
    $proxy = $null
    try {
        Write-Step "Generating the account in moto: $(($Size.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ' ')"
        $moto = Start-MotoServer
        $manifestPath = Join-Path $OutDirectory 'account.json'
        $generatorArgs = @('--endpoint', $moto.Url, '--region', $region, '--manifest', $manifestPath) + @($Size.GetEnumerator() | ForEach-Object { "--$($_.Key)", "$($_.Value)" })
        & (Get-ToolPython) (Join-Path $PSScriptRoot 'new_account.py') @generatorArgs | Out-Host
        if ($LASTEXITCODE -ne 0) { throw 'new_account.py failed.' }
        $account = Get-Content -Raw -LiteralPath $manifestPath | ConvertFrom-Json

        $proxy = Start-FaultProxy -Upstream $moto.Url -PublishedLimits -LatencyMs $LatencyMs -LifetimeSeconds 3600
        Write-Step "Proxy $($proxy.Url): published quotas, $LatencyMs ms latency"
        & $Body $account $proxy
    }
    finally {
        if ($proxy) { $proxy.Stop() }
        if ($moto) { $moto.Stop() }
    }
}

function Measure-ProductScan {
    # Test-ApiLambdaPermission -All in a fresh pwsh through the proxy, with the calls it made and the floors.
    param([Parameter(Mandatory)] $Account, [Parameter(Mandatory)] $Proxy)
    Write-Step 'Test-ApiLambdaPermission -All through the proxy...'
    Reset-FaultProxy -Url $Proxy.Url
    $loadBefore = Get-LoadAverage
    $scan = Invoke-FreshPwsh @('-Mode', 'Scan', '-EndpointUrl', $Proxy.Url, '-Region', $region)
    $stats = Get-FaultProxyStats -Url $Proxy.Url
    $calls = Compare-CallCount -Stats $stats -Minimum $Account.minimumCalls
    [pscustomobject]@{
        Scan = $scan; Stats = $stats; Calls = $calls
        Floor = Get-QuotaFloor -ProxyUrl $Proxy.Url -Calls $calls.Minimum -LatencyMs $LatencyMs
        ProductFloor = Get-QuotaFloor -ProxyUrl $Proxy.Url -Calls $calls.Actual -LatencyMs $LatencyMs
        LoadAverage = [ordered]@{ before = $loadBefore; after = (Get-LoadAverage) }
    }
}

function ConvertTo-ScanSummary {
    # One account's scan as a row: what the scale table and result.json's short-floor entry show.
    param([string] $Shape, [double] $Factor, $Account, $Measured)
    $scan = $Measured.Scan
    [pscustomobject][ordered]@{
        shape = $Shape; scale = $Factor; apis = $Account.size.apis; functions = $Account.size.functions
        qualifiers = $Account.distinctFunctionQualifiers; findings = $scan.findings; errors = $scan.errors
        calls = $Measured.Calls.ActualTotal; extra_calls = $Measured.Calls.ExtraTotal; minimum_calls = $Measured.Calls.MinimumTotal; calls_ratio = [math]::Round($Measured.Calls.Ratio, 2)
        floor_s = [math]::Round($Measured.Floor.Seconds, 1); binding = $Measured.Floor.Binding; wall_s = [math]::Round($scan.scanSeconds, 1)
        wall_vs_floor = $Measured.Floor.Seconds -gt 0 ? [math]::Round($scan.scanSeconds / $Measured.Floor.Seconds, 2) : $null
        # The same floor for the calls the scan made, the diagnosis' extra calls included (they share GetPolicy's quota).
        floor_made_s = [math]::Round($Measured.ProductFloor.Seconds, 1)
        wall_vs_floor_made = $Measured.ProductFloor.Seconds -gt 0 ? [math]::Round($scan.scanSeconds / $Measured.ProductFloor.Seconds, 2) : $null
        peak_mb = [math]::Round($scan.peakKb / 1024, 0)
        load = '{0:0.0} / {1:0.0}' -f $Measured.LoadAverage.before, $Measured.LoadAverage.after
        calls_by_operation = @($Measured.Calls.Rows | Where-Object { $_.Calls -ne $_.Minimum } | ForEach-Object { "$($_.Operation) $($_.Calls)/$($_.Minimum)" }) -join ', '
    }
}

function Invoke-ShortFloorScan {
    Invoke-WithAccount -Size (Get-AccountSize ShortFloor) -Body {
        param($account, $proxy)
        ConvertTo-ScanSummary -Shape 'short-floor' -Factor 1 -Account $account -Measured (Measure-ProductScan -Account $account -Proxy $proxy)
    }
}

function Invoke-ScaleCurve {
    $baseline = Invoke-FreshPwsh @('-Mode', 'Import')
    $rows = @(foreach ($factor in $scaleFactors) {
            Write-Step "Scale ${factor}x"
            Invoke-WithAccount -Size (Get-AccountSize Default -Factor $factor) -Body {
                param($account, $proxy)
                ConvertTo-ScanSummary -Shape 'default' -Factor $factor -Account $account -Measured (Measure-ProductScan -Account $account -Proxy $proxy)
            }
        })
    Write-Step 'Short-floor account'
    $short = Invoke-ShortFloorScan
    $importPeakMb = [math]::Round($baseline.peakKb / 1024, 0)
    $scaleResult = [ordered]@{
        measuredUtc = [DateTime]::UtcNow.ToString('o'); cores = [Environment]::ProcessorCount; latencyMs = $LatencyMs
        importOnlyPeakMb = $importPeakMb; sizes = $rows; shortFloor = $short
        note = 'scan only (no CLI baseline); peak_mb = VmHWM of the scanning pwsh, which holds importOnlyPeakMb before any work; load = 1-minute load average before / after the scan'
    }
    $path = Join-Path $OutDirectory 'scale.json'
    $scaleResult | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $path

    Write-Host ''
    # Wide enough for every column even when the output goes to a file.
    @($rows) + @($short) | Format-Table shape, scale, apis, functions, qualifiers, findings, errors, calls, extra_calls, minimum_calls, floor_s, binding, wall_s, wall_vs_floor, floor_made_s, wall_vs_floor_made, peak_mb, load -AutoSize |
        Out-String -Width 300 | Write-Host
    foreach ($row in @($rows) + @($short) | Where-Object calls_by_operation) {
        Write-Host "$($row.shape) $($row.scale)x: calls above the minimum (made/minimum): $($row.calls_by_operation)"
    }
    Write-Host "A fresh pwsh with the module imported and nothing scanned peaks at $importPeakMb MB."
    if ($rows.Count -gt 1) {
        $first = $rows[0]
        $last = $rows[-1]
        $growth = foreach ($name in 'findings', 'calls', 'floor_s', 'wall_s', 'peak_mb') {
            '{0} x{1:0.00}' -f $name, ($last.$name / [math]::Max(1, $first.$name))
        }
        $aboveImport = ($last.peak_mb - $importPeakMb) / [math]::Max(1, $first.peak_mb - $importPeakMb)
        Write-Host ('From {0}x to {1}x: {2}; peak above the import-only peak x{3:0.00}.' -f $first.scale, $last.scale, ($growth -join ', '), $aboveImport)
    }
    Write-Step "Result: $path"
}

if ($scaleFactors.Count -gt 0) {
    if ($Small) { throw '-Scale multiplies the default account; it does not combine with -Small.' }
    Invoke-ScaleCurve
    return
}

$loadBefore = Get-LoadAverage
Invoke-WithAccount -Size (Get-AccountSize ($Small ? 'Small' : 'Default')) -Body {
    param($account, $proxy)
    Write-Step 'Cold Import-Module, 5 fresh pwsh processes...'
    $script:importSamples = @(1..5 | ForEach-Object { (Invoke-FreshPwsh @('-Mode', 'Import')).importSeconds })
    Write-Step 'Test-ApiLambdaPermissionTemplate on a generated 1 MB template (offline, no proxy)...'
    $script:template = Invoke-FreshPwsh -Script 'Measure-Template.ps1' -Arguments @('-OutDirectory', $OutDirectory)
    Write-Step 'Find-ApiLambdaPermissionError over 100,000 log events (the fake''s CloudWatch, 20 ms per call) and over exported logs of 10 and 100 MB...'
    $script:logs = [ordered]@{
        group = Invoke-FreshPwsh -Script 'Measure-Logs.ps1' -Arguments @('-Mode', 'Group', '-Events', '100000', '-LatencyMs', $LatencyMs)
        text10 = Invoke-FreshPwsh -Script 'Measure-Logs.ps1' -Arguments @('-Mode', 'Text', '-Megabytes', '10', '-OutDirectory', $OutDirectory)
        text100 = Invoke-FreshPwsh -Script 'Measure-Logs.ps1' -Arguments @('-Mode', 'Text', '-Megabytes', '100', '-OutDirectory', $OutDirectory)
    }
    $script:account = $account
    $script:measured = Measure-ProductScan -Account $account -Proxy $proxy

    Write-Step "The aws CLI way through the proxy$($CliPolicySample -gt 0 ? " (get-policy: first $CliPolicySample calls measured, the rest extrapolated)" : '')..."
    Reset-FaultProxy -Url $proxy.Url
    $script:cli = & (Join-Path $PSScriptRoot 'Invoke-CliScan.ps1') -EndpointUrl $proxy.Url -Region $region -PolicySample $CliPolicySample
    $script:cliStats = Get-FaultProxyStats -Url $proxy.Url
}
$short = $Small ? $null : (Invoke-ShortFloorScan)
Write-Step 'One -Uri diagnosis against the fake, 20 ms a call (a warm-up run builds the fakes, then the measured run)...'
$null = Invoke-FreshPwsh -Script 'Measure-Uri.ps1' -Arguments @('-LatencyMs', $LatencyMs)
$uriLoad = Get-LoadAverage
$uri = Invoke-FreshPwsh -Script 'Measure-Uri.ps1' -Arguments @('-LatencyMs', $LatencyMs)
$uri | Add-Member -NotePropertyName loadAverage -NotePropertyValue $uriLoad
$scan = $measured.Scan
$calls = $measured.Calls
$floor = $measured.Floor

$result = [ordered]@{
    size            = $account.size
    measuredUtc     = [DateTime]::UtcNow.ToString('o')
    machine         = [ordered]@{ cores = [Environment]::ProcessorCount; loadAverageBefore = $loadBefore; loadAverageAfter = (Get-LoadAverage) }
    proxy           = [ordered]@{ latencyMs = $LatencyMs; quotas = 'published'; maxInFlight = $measured.Stats.maxInFlight; rateLimited = $measured.Stats.total.rateLimited }
    product         = [ordered]@{
        scanSeconds = $scan.scanSeconds; findings = $scan.findings; byStatus = $scan.byStatus; errors = $scan.errors; errorIds = $scan.errorIds
        calls = $calls.Actual; totalCalls = $calls.ActualTotal; floorSecondsForItsCalls = $measured.ProductFloor.Seconds
        timeline = @($calls.Rows | Select-Object Operation, Calls, RateLimited, FirstAtSeconds, LastAtSeconds)
        note = 'findings counted as they stream (not kept); warnings silenced; time of the Test-ApiLambdaPermission call alone' 
    }
    extra_calls     = [ordered]@{ total = $calls.ExtraTotal; byOperation = $calls.Extra; definition = 'deeper diagnosis of denied targets: at most one ListAliases and one ListVersionsByFunction per function with a denied target, and one GetPolicy per other qualifier' }
    minimum         = [ordered]@{ calls = $account.minimumCalls; totalCalls = $calls.MinimumTotal; definition = $account.minimumCallsDefinition }
    floor           = [ordered]@{ seconds = $floor.Seconds; bindingQuota = $floor.Binding; perQuota = $floor.PerQuota; definition = $floor.Definition }
    cli             = [ordered]@{
        seconds = $cli.Seconds; apiGatewaySeconds = $cli.ApiGatewaySeconds; policySeconds = $cli.PolicySeconds
        policyCalls = $cli.PolicyCalls; policyCallsMeasured = $cli.PolicyCallsMeasured; extrapolated = $cli.Extrapolated
        callsSeenByProxy = $cliStats.total.requests
    }
    import          = [ordered]@{ samplesSeconds = $importSamples; medianSeconds = (Get-Median $importSamples) }
    shortFloor      = $short
    template        = $template
    uri             = $uri
    logs            = $logs
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
if ($short) {
    Write-Host "Short-floor account ($($short.qualifiers) distinct qualifiers): scan $($short.wall_s) s, floor $($short.floor_s) s ($($short.binding)), calls $($short.calls) of minimum $($short.minimum_calls)"
}
Write-Host ("Find-ApiLambdaPermissionError: {0} log events, {1} failures of {2} requests in {3:0.00} s with {4} FilterLogEvents calls (peak {5:0} MB, {6:0} MB above the filled fake); exported log {7} MB in {8:0.0} s, peak {9:0} MB (10 MB: {10:0} MB)" -f
    $logs.group.events, $logs.group.failures, $logs.group.failedRequests, $logs.group.seconds, $logs.group.filterCalls, ($logs.group.peakKb / 1024),
    (($logs.group.peakKb - $logs.group.filledKb) / 1024), $logs.text100.megabytes, $logs.text100.seconds, ($logs.text100.peakKb / 1024), ($logs.text10.peakKb / 1024))
Write-Host "Template check: $($template.bytes) bytes, $($template.routes) routes, $($template.findings) findings: parse $([math]::Round($template.parseSeconds, 2)) s, whole check $([math]::Round($template.checkSeconds, 2)) s (medians)"
Write-Host ("-Uri diagnosis (custom domain, two-level base path, authorizer; both targets Denied): {0} calls (target <= 8: {1}; the deeper diagnosis of the denied targets adds {2}: {3}); {4:0.00} s from process start to the last finding (target <= 2 s; pwsh start {5:0.00} s, imports {6:0.00} s, fake set-up {7:0.00} s, the cmdlet {8:0.00} s; load average {9:0.0})" -f
    $uri.calls, ($uri.calls - $uri.extraCalls), $uri.extraCalls, ($uri.byOperation -join ', '), $uri.fromStartSeconds, $uri.pwshStartSeconds, $uri.importSeconds, $uri.setupSeconds, $uri.cmdletSeconds, $uri.loadAverage)
Write-Step "Result: $resultPath"
$invariant = [cultureinfo]::InvariantCulture
$wallText = $null -eq $result.wall_vs_floor ? 'n/a' : $result.wall_vs_floor.ToString('0.00', $invariant)
$line = "calls_ratio={0:0.00} wall_vs_floor={1} speedup_vs_cli={2:0.0} peak_mb={3:0} import_s={4:0.00} extra_calls={5}" -f $result.calls_ratio, $wallText, $result.speedup_vs_cli, $result.peak_mb, $result.import_s, $calls.ExtraTotal
$line += ' template_parse_s={0:0.00} template_check_s={1:0.00}' -f $template.parseSeconds, $template.checkSeconds
$line += ' uri_calls={0} uri_extra_calls={1} uri_s={2}' -f ($uri.calls - $uri.extraCalls), $uri.extraCalls, $uri.fromStartSeconds.ToString('0.00', $invariant)
if ($short) { $line += ' wall_vs_floor_short=' + $short.wall_vs_floor.ToString('0.00', $invariant) }
# FilterLogEvents' quota is 5 per second per account and region: logs_floor_s is what the calls cost on AWS at that pace.
$line += ' logs_events={0} logs_wall_s={1:0.00} logs_calls={2} logs_floor_s={3:0.0} logs_peak_mb={4:0} logs_peak_above_fill_mb={5:0}' -f $logs.group.events,
    $logs.group.seconds, $logs.group.filterCalls, ([math]::Max(0, $logs.group.filterCalls - 5) / 5), ($logs.group.peakKb / 1024), (($logs.group.peakKb - $logs.group.filledKb) / 1024)
$line += ' logtext_100mb_s={0:0.0} logtext_peak_mb_10mb={1:0} logtext_peak_mb_100mb={2:0}' -f $logs.text100.seconds, ($logs.text10.peakKb / 1024), ($logs.text100.peakKb / 1024)
$line
