# The arithmetic of the benchmark: call counts against the minimum, the floor the quotas impose, targets.

function Get-Median {
    param([double[]] $Values)
    $sorted = @($Values | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    $sorted.Count % 2 ? $sorted[$middle] : ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

function Compare-CallCount {
    # Calls per operation the proxy saw (every request, retries included) against the minimum.
    param([Parameter(Mandatory)] $Stats, [Parameter(Mandatory)] $Minimum)
    $actual = [ordered]@{}
    $arrivals = @{}
    foreach ($p in $Stats.operations.PSObject.Properties) {
        $actual[$p.Name] = [long]$p.Value.requests
        $arrivals[$p.Name] = $p.Value
    }
    $min = [ordered]@{}
    foreach ($p in $Minimum.PSObject.Properties) { $min[$p.Name] = [long]$p.Value }
    $names = @($min.Keys) + @($actual.Keys | Where-Object { -not $min.Contains($_) })
    $rows = foreach ($name in $names) {
        $a = $actual.Contains($name) ? $actual[$name] : 0
        $m = $min.Contains($name) ? $min[$name] : 0
        $seen = $arrivals[$name]
        [pscustomobject]@{
            Operation = $name; Calls = $a; Minimum = $m; Ratio = $m -gt 0 ? [math]::Round($a / $m, 2) : $null
            RateLimited = $seen ? $seen.rateLimited : 0; FirstAtSeconds = $seen ? $seen.firstArrivalSeconds : $null; LastAtSeconds = $seen ? $seen.lastArrivalSeconds : $null
        }
    }
    # The deeper diagnosis of denied targets (issue 12) is not part of the minimum: its ListAliases,
    # ListVersionsByFunction and the GetPolicy calls beyond the minimum (one per other qualifier) count as extra_calls.
    $diagnosis = [ordered]@{}
    foreach ($name in 'lambda:ListAliases', 'lambda:ListVersionsByFunction') {
        if ($actual.Contains($name)) { $diagnosis[$name] = $actual[$name] }
    }
    if ($actual.Contains('lambda:GetPolicy') -and $min.Contains('lambda:GetPolicy') -and $actual['lambda:GetPolicy'] -gt $min['lambda:GetPolicy']) {
        $diagnosis['lambda:GetPolicy'] = $actual['lambda:GetPolicy'] - $min['lambda:GetPolicy']
    }
    $extraTotal = [long](($diagnosis.Values | Measure-Object -Sum).Sum)
    $actualTotal = ($actual.Values | Measure-Object -Sum).Sum - $extraTotal
    $minimumTotal = ($min.Values | Measure-Object -Sum).Sum
    [pscustomobject]@{
        Actual = $actual; Minimum = $min; ActualTotal = [long]$actualTotal; MinimumTotal = [long]$minimumTotal
        Ratio = $minimumTotal -gt 0 ? $actualTotal / $minimumTotal : 0; Rows = $rows
        Extra = $diagnosis; ExtraTotal = $extraTotal
    }
}

function Get-QuotaFloor {
    <#
    The least wall time any client needs for these calls: the larger of two lower bounds.
    - Quotas, as the proxy computes them (POST /__proxy/floor): for every quota (calls it covers - burst) / rate;
      quotas are independent, so a client that overlaps them perfectly reaches the largest.
    - Latency: calls that depend on earlier answers cannot overlap them. A scan needs 3 rounds (the APIs; their
      resources, authorizers and stages; the policies), a 4th when it reads exports (GetExport needs the stages'
      deployments, and the policies the export's functions) and another when a GetPolicy 404 needs a GetFunction.
    moto's own time is excluded.
    #>
    param([Parameter(Mandatory)] [string] $ProxyUrl, [Parameter(Mandatory)] [System.Collections.IDictionary] $Calls, [int] $LatencyMs = 0)
    # Invoke-RestMethod writes a JSON array as one object: unroll it.
    $perQuota = @(Invoke-RestMethod -Method Post -Uri "$ProxyUrl/__proxy/floor" -Body ($Calls | ConvertTo-Json -Compress) -ContentType 'application/json' -TimeoutSec 10 | ForEach-Object { $_ })
    $binding = $perQuota | Sort-Object floorSeconds -Descending | Select-Object -First 1
    $rounds = 3 + (($Calls.Contains('apigateway:GetExport') -and $Calls['apigateway:GetExport'] -gt 0) ? 1 : 0) +
        (($Calls.Contains('lambda:GetFunction') -and $Calls['lambda:GetFunction'] -gt 0) ? 1 : 0)
    $latencySeconds = $rounds * $LatencyMs / 1000
    [pscustomobject]@{
        Seconds = [math]::Max([double]$binding.floorSeconds, [double]$latencySeconds)
        Binding = $binding.floorSeconds -ge $latencySeconds ? $binding.name : "$rounds dependent rounds x $LatencyMs ms latency"
        PerQuota = @($perQuota | Where-Object requests -gt 0 | Select-Object name, requests, ratePerSecond, burst, floorSeconds)
        Definition = "max(largest quota floor = (calls the quota covers - burst) / rate, $rounds dependent rounds x latency); moto's time excluded"
    }
}

function Test-BenchTarget {
    # The targets of issue 17: wall within 1.15 x the floor on both account shapes, peak memory at most 180 MB.
    param([Parameter(Mandatory)] $Result)
    $withinFloor = { param($v) $null -ne $v -and $v -le 1.15 }
    $rows = @(
        @('calls_ratio', $Result.calls_ratio, '= 1.00', { param($v) $v -eq 1 }),
        @('wall_vs_floor', $Result.wall_vs_floor, '<= 1.15', $withinFloor),
        @('speedup_vs_cli', $Result.speedup_vs_cli, '>= 8', { param($v) $v -ge 8 }),
        @('peak_mb', $Result.peak_mb, '<= 180', { param($v) $v -le 180 }),
        @('import_s', $Result.import_s, '<= 1', { param($v) $v -le 1 })
    )
    if ($Result.uri) {
        # Issue 13: one -Uri diagnosis on the fake at 20 ms a call; its calls without the deeper diagnosis of denied targets.
        $rows += , @('uri_calls', ($Result.uri.calls - $Result.uri.extraCalls), '<= 8', { param($v) $v -le 8 })
        $rows += , @('uri_s', [math]::Round($Result.uri.fromStartSeconds, 2), '<= 2', { param($v) $v -le 2 })
    }
    if ($Result.shortFloor) {
        $rows += , @('calls_ratio_short', $Result.shortFloor.calls_ratio, '= 1.00', { param($v) $v -eq 1 })
        $rows += , @('wall_vs_floor_short', $Result.shortFloor.wall_vs_floor, '<= 1.15', $withinFloor)
    }
    foreach ($row in $rows) {
        [pscustomobject]@{ metric = $row[0]; value = $row[1]; target = $row[2]; met = [bool](& $row[3] $row[1]) }
    }
}
