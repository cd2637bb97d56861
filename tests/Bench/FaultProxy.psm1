# Starts, reads and stops the fault proxy (tests/LambdaPermTools.FaultProxy) from PowerShell, for the
# resilience tests and the benchmark. The proxy listens on 127.0.0.1 on a free port and stops by itself
# after -LifetimeSeconds even if nobody stops it.

$script:ProxyDll = $null

function Get-FaultProxyDll {
    # Builds the proxy once per session (a no-op build when it is current) and returns its dll.
    param([string] $Configuration = 'Release')
    if ($script:ProxyDll) { return $script:ProxyDll }
    $project = Join-Path $PSScriptRoot '../LambdaPermTools.FaultProxy/LambdaPermTools.FaultProxy.csproj'
    $output = & dotnet build $project -c $Configuration --nologo -v quiet 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Building the fault proxy failed:`n$($output -join "`n")" }
    $dll = Join-Path $PSScriptRoot "../LambdaPermTools.FaultProxy/bin/$Configuration/net10.0/LambdaPermTools.FaultProxy.dll"
    $script:ProxyDll = (Resolve-Path -LiteralPath $dll).Path
    $script:ProxyDll
}

function Start-DrainedProcess {
    <#
    .SYNOPSIS
    Starts a process whose output is read and dropped by .NET. (Start-Process -RedirectStandardOutput can crash
    pwsh 7.6 when the child is killed while its output handler still writes.)
    #>
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $process.BeginOutputReadLine()
    $process.BeginErrorReadLine()
    $process
}

function Start-FaultProxy {
    <#
    .SYNOPSIS
    Starts the fault proxy in front of -Upstream and waits until it listens.
    .OUTPUTS
    An object with Url, Process and a Stop() method.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Upstream,
        [switch] $PublishedLimits,
        [int] $LatencyMs = 0,
        [hashtable] $OperationLatencyMs = @{},
        [double] $ThrottleRate = 0,
        [double] $ErrorRate = 0,
        [double] $ResetRate = 0,
        [int] $MaxConsecutiveFaults = 0,
        [int] $Seed = 0,
        [int] $LifetimeSeconds = 600
    )
    $dll = Get-FaultProxyDll
    $ready = Join-Path ([System.IO.Path]::GetTempPath()) "faultproxy-$([guid]::NewGuid().ToString('n')).ready"
    $invariant = [cultureinfo]::InvariantCulture
    $arguments = @($dll, '--upstream', $Upstream, '--limits', ($PublishedLimits ? 'published' : 'none'),
        '--latency-ms', $LatencyMs, '--seed', $Seed, '--lifetime-s', $LifetimeSeconds, '--ready-file', $ready,
        '--throttle-rate', $ThrottleRate.ToString($invariant), '--error-rate', $ErrorRate.ToString($invariant),
        '--reset-rate', $ResetRate.ToString($invariant))
    if ($MaxConsecutiveFaults -gt 0) { $arguments += '--max-consecutive-faults', $MaxConsecutiveFaults }
    foreach ($operation in $OperationLatencyMs.Keys) { $arguments += '--op-latency', "$operation=$($OperationLatencyMs[$operation])" }

    $process = Start-DrainedProcess -FilePath 'dotnet' -ArgumentList $arguments
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    while (-not (Test-Path -LiteralPath $ready) -or -not (Get-Content -Raw -LiteralPath $ready)) {
        if ($process.HasExited) { throw "The fault proxy exited with code $($process.ExitCode); run 'dotnet $($arguments -join ' ')' to see why." }
        if ([DateTime]::UtcNow -gt $deadline) {
            Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
            throw 'The fault proxy did not start within 20 s.'
        }
        Start-Sleep -Milliseconds 100
    }
    $proxy = [pscustomobject]@{ Url = (Get-Content -Raw -LiteralPath $ready).Trim(); Process = $process; Files = @($ready) }
    $proxy | Add-Member -MemberType ScriptMethod -Name Stop -Value {
        if (-not $this.Process.HasExited) {
            try { $null = Invoke-RestMethod -Method Post -Uri "$($this.Url)/__proxy/stop" -TimeoutSec 5 } catch { Write-Verbose "stop request failed: $_" }
            if (-not $this.Process.WaitForExit(5000)) { Stop-Process -Id $this.Process.Id -Force -ErrorAction SilentlyContinue }
        }
        Remove-Item -LiteralPath $this.Files -ErrorAction SilentlyContinue
    }
    $proxy
}

function Get-FaultProxyStats {
    <# .SYNOPSIS The proxy's counters: operations (per "service:Operation"), total, quotas, maxInFlight. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Url)
    Invoke-RestMethod -Uri "$Url/__proxy/stats" -TimeoutSec 10
}

function Get-FaultProxyCount {
    <# .SYNOPSIS Requests the proxy received for one operation ("lambda:AddPermission"), 0 if none. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Url, [Parameter(Mandatory)] [string] $Operation, [string] $Counter = 'requests')
    $operations = (Get-FaultProxyStats -Url $Url).operations
    $entry = $operations.PSObject.Properties[$Operation]
    if ($entry) { [long]$entry.Value.$Counter } else { 0L }
}

function Reset-FaultProxy {
    <# .SYNOPSIS Zeroes the counters, refills the quotas and replays the fault plan from the start. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Url)
    $null = Invoke-RestMethod -Method Post -Uri "$Url/__proxy/reset" -TimeoutSec 10
}

Export-ModuleMember -Function Start-DrainedProcess, Start-FaultProxy, Get-FaultProxyStats, Get-FaultProxyCount, Reset-FaultProxy
