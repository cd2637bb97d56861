<#
.SYNOPSIS
Runs in a fresh pwsh started by Invoke-Bench.ps1 and prints one JSON line with what it measured.

.DESCRIPTION
-Mode Import: the time Import-Module takes in this fresh process (cold: nothing of the module loaded yet), and
              the process's peak memory after it (what every scan's peak includes before any work).
-Mode Scan:   Test-ApiLambdaPermission -All against -EndpointUrl; wall time of the scan alone, the findings
              by Status, the errors, and this process's peak resident memory (VmHWM from /proc/self/status).
              Findings are counted as they stream out, not kept: the peak is the module's, not a caller's array.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateSet('Import', 'Scan')] [string] $Mode = 'Scan',
    [string] $EndpointUrl,
    [string] $Region = 'us-east-1'
)
$ErrorActionPreference = 'Stop'
$manifest = Join-Path $ModulePath 'LambdaPermTools.psd1'

function Get-PeakKb {
    # This process's peak resident memory so far (VmHWM).
    [long]((Get-Content -LiteralPath /proc/self/status | Where-Object { $_ -match '^VmHWM:\s+(\d+)\s+kB' } | ForEach-Object { $Matches[1] }) | Select-Object -First 1)
}

$import = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $manifest
$import.Stop()
if ($Mode -eq 'Import') {
    # peakKb here is the floor under every scan's peak: pwsh, the runtime and the imported module.
    [pscustomobject]@{ importSeconds = $import.Elapsed.TotalSeconds; peakKb = Get-PeakKb } | ConvertTo-Json -Compress
    return
}

$ProgressPreference = 'SilentlyContinue'
$scanErrors = $null
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$byStatus = [ordered]@{}
$findings = 0
Test-ApiLambdaPermission -All -EndpointUrl $EndpointUrl -Region $Region -ErrorAction SilentlyContinue -ErrorVariable scanErrors -WarningAction SilentlyContinue |
    ForEach-Object {
        $findings++
        $status = "$($_.Status)"
        $byStatus[$status] = 1 + ($byStatus.Contains($status) ? $byStatus[$status] : 0)
    }
$clock.Stop()

$peakKb = Get-PeakKb
[pscustomobject]@{
    scanSeconds   = $clock.Elapsed.TotalSeconds
    importSeconds = $import.Elapsed.TotalSeconds
    findings      = $findings
    byStatus      = [pscustomobject]$byStatus
    errors        = @($scanErrors).Count
    errorIds      = @($scanErrors | ForEach-Object { $_.FullyQualifiedErrorId } | Select-Object -Unique -First 5)
    peakKb        = $peakKb
} | ConvertTo-Json -Compress -Depth 4
