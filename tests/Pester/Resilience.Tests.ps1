# Resilience at small scale, against moto behind the fault proxy (tests/LambdaPermTools.FaultProxy):
# throttling and faults must not change the findings, a concurrent writer must not make a grant go missing
# or twice, and a run killed half-way and run again must leave no duplicates.
#
# Where moto 5.2 differs from AWS (checked by hand against moto_server 5.2.1), and how the tests cope:
# - moto never throttles and never fails: the proxy injects throttles (429 in each service's shape), 5xx and
#   connection resets, seeded, and at most twice in a row per request, so the default 3 attempts
#   (docs/aws-rules.md §6.5) always get through.
# - moto ACCEPTS a duplicate StatementId (AWS: 409 ResourceConflictException) and stores it twice. So a client
#   that blindly re-sends AddPermission leaves a visible duplicate here; the tests count statements by Sid.
# - moto enforces RevisionId on AddPermission (412 PreconditionFailedException, as AWS), but keeps ONE policy per
#   function: alias and unqualified statements share a document and a revision. The race and kill tests use
#   unqualified functions only, where moto and AWS agree.
# - moto answers AddPermission with 200, AWS with 201; nothing here depends on the status.

BeforeAll {
    Import-Module (Join-Path $env:LAMBDAPERMTOOLS_MODULE 'LambdaPermTools.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Support/MotoServer.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Bench/FaultProxy.psm1') -Force

    $script:region = 'us-east-1'
    $env:AWS_ACCESS_KEY_ID = 'AKIDRESILIENCE000001'
    $env:AWS_SECRET_ACCESS_KEY = 'resilience-secret-not-real'
    $env:AWS_DEFAULT_REGION = $region
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    if (-not $env:AWS_CONFIG_FILE) {
        $scratch = New-Item -ItemType Directory -Force -Path (Join-Path ([IO.Path]::GetTempPath()) "resilience-$PID")
        foreach ($name in 'config', 'credentials') { Set-Content -LiteralPath (Join-Path $scratch $name) -Value '' }
        $env:AWS_CONFIG_FILE = Join-Path $scratch 'config'
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $scratch 'credentials'
    }
    Remove-Item env:AWS_MAX_ATTEMPTS, env:AWS_RETRY_MODE, env:AWS_PROFILE -ErrorAction SilentlyContinue

    $script:moto = Start-MotoServer
    $script:proxies = [System.Collections.Generic.List[object]]::new()

    function New-Estate {
        # Empties moto and fills it with new_account.py; returns the manifest.
        param([hashtable] $Size, [string] $Policies = 'mixed')
        Reset-MotoServer -Url $moto.Url
        $manifest = Join-Path ([IO.Path]::GetTempPath()) "resilience-$PID-$([guid]::NewGuid().ToString('n')).json"
        $arguments = @('--endpoint', $moto.Url, '--region', $region, '--manifest', $manifest, '--policies', $Policies) +
            @($Size.GetEnumerator() | ForEach-Object { "--$($_.Key)", "$($_.Value)" })
        $null = & (Get-ToolPython) (Join-Path $PSScriptRoot '../Bench/new_account.py') @arguments
        if ($LASTEXITCODE -ne 0) { throw 'new_account.py failed.' }
        try { Get-Content -Raw -LiteralPath $manifest | ConvertFrom-Json } finally { Remove-Item -LiteralPath $manifest }
    }

    function New-Proxy {
        param([hashtable] $Options = @{})
        $proxy = Start-FaultProxy -Upstream $moto.Url -LifetimeSeconds 300 @Options
        $proxies.Add($proxy)
        $proxy
    }

    function ConvertTo-FindingKey {
        # What a finding says, without object identity: one line per finding, sorted.
        param([object[]] $Findings)
        @($Findings | ForEach-Object {
                ($_.RestApiId, $_.StageName, $_.Kind, $_.ResourcePath, $_.HttpMethod, $_.AuthorizerId, $_.FunctionArn,
                $_.Status, $_.Cause, $_.MatchedStatementId, $_.StatementId, $_.SourceArn) -join '|'
            } | Sort-Object)
    }

    # moto routes a request by the service in the credential scope and checks no signature.
    $script:motoLambdaHeaders = @{ Authorization = 'AWS4-HMAC-SHA256 Credential=AKIDRESILIENCE000001/20261125/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0' }

    function Get-StatementSid {
        # Every Sid in the function's policy as moto holds it (read straight from moto, not through a proxy).
        param([string] $FunctionName)
        try {
            $response = Invoke-RestMethod -Uri "$($moto.Url)/2015-03-31/functions/$FunctionName/policy" -Headers $motoLambdaHeaders
        }
        catch {
            if ($_.Exception.Response.StatusCode -eq [System.Net.HttpStatusCode]::NotFound) { return @() }
            throw
        }
        @(($response.Policy | ConvertFrom-Json).Statement | ForEach-Object Sid)
    }
}

AfterAll {
    foreach ($proxy in $proxies) { $proxy.Stop() }
    if ($moto) { $moto.Stop() }
}

Describe 'A scan under throttling and faults' {
    BeforeDiscovery {
        # The brief's profile, and a heavy one that surely meets every kind of fault in a scan of ~40 calls.
        # At most 2 faults in a row per request: the default 3 attempts always get through.
        $profiles = @(
            @{ Name = '20% throttles, 5% 5xx and resets'; Options = @{ ThrottleRate = 0.2; ErrorRate = 0.025; ResetRate = 0.025; MaxConsecutiveFaults = 2; Seed = 20261125 } }
            @{ Name = 'heavy: 30% throttles, 15% 5xx, 15% resets'; Options = @{ ThrottleRate = 0.3; ErrorRate = 0.15; ResetRate = 0.15; MaxConsecutiveFaults = 2; Seed = 7 } }
        )
    }

    BeforeAll {
        $null = New-Estate -Size @{ apis = 2; resources = 5; methods = 2; authorizers = 1; stages = 2; functions = 6; aliases = 2 }
        $clean = @(Test-ApiLambdaPermission -All -EndpointUrl $moto.Url -Region $region -WarningAction SilentlyContinue)
    }

    Context '<Name>' -ForEach $profiles {
        BeforeAll {
            $faultyProxy = New-Proxy $Options
            $faultyErrors = $null
            $faulty = @(Test-ApiLambdaPermission -All -EndpointUrl $faultyProxy.Url -Region $region -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable faultyErrors)
            $injected = (Get-FaultProxyStats -Url $faultyProxy.Url).total
        }

        It 'met faults' {
            $injected.injectedThrottles + $injected.injectedServerErrors + $injected.injectedResets | Should -BeGreaterThan 0
            if ($Options.ErrorRate -ge 0.15) {
                $injected.injectedThrottles | Should -BeGreaterThan 0
                $injected.injectedServerErrors | Should -BeGreaterThan 0
                $injected.injectedResets | Should -BeGreaterThan 0
            }
        }

        It 'returns exactly the findings of a clean scan, with no error' {
            $clean.Count | Should -BeGreaterThan 10
            $faultyErrors | Should -BeNullOrEmpty
            ConvertTo-FindingKey $faulty | Should -Be (ConvertTo-FindingKey $clean)
        }
    }
}

Describe 'A scan on a busy account, with default retry settings' {
    # Issue 17: other tools share the account's quotas. No cap on faults in a row here: reads have a retry budget of
    # their own (10 attempts unless AWS_MAX_ATTEMPTS says otherwise), so a fault-free answer is only ever late.
    BeforeDiscovery {
        $runs = 1..3 | ForEach-Object { @{ Run = $_; Seed = 170 + $_ } }
    }

    BeforeAll {
        $estate = New-Estate -Size @{ apis = 3; resources = 5; methods = 2; authorizers = 1; stages = 2; functions = 6; aliases = 2 }
        $apiIds = @($estate.apiIds)
        $busy = @{ ThrottleRate = 0.2; ErrorRate = 0.025; ResetRate = 0.025 }
        $clean = @(Test-ApiLambdaPermission -RestApiId $apiIds -EndpointUrl $moto.Url -Region $region -WarningAction SilentlyContinue)
    }

    It 'run <Run> of 3 returns exactly the findings of a clean scan, with no error' -ForEach $runs {
        $proxy = New-Proxy ($busy + @{ Seed = $Seed })
        $busyErrors = $null
        $found = @(Test-ApiLambdaPermission -RestApiId $apiIds -EndpointUrl $proxy.Url -Region $region -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable busyErrors)
        $injected = (Get-FaultProxyStats -Url $proxy.Url).total

        $injected.injectedThrottles | Should -BeGreaterThan 0
        $clean.Count | Should -BeGreaterThan 10
        $busyErrors | Should -BeNullOrEmpty
        ConvertTo-FindingKey $found | Should -Be (ConvertTo-FindingKey $clean)
    }

    It 'with AWS_MAX_ATTEMPTS=1 obeys it and reports what failed, never returning fewer findings silently' {
        $proxy = New-Proxy ($busy + @{ Seed = 171 })
        $busyErrors = $null
        $env:AWS_MAX_ATTEMPTS = '1'
        try {
            $found = @(Test-ApiLambdaPermission -RestApiId $apiIds -EndpointUrl $proxy.Url -Region $region -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable busyErrors)
        }
        finally {
            Remove-Item env:AWS_MAX_ATTEMPTS
        }
        $unknown = @($found | Where-Object Status -eq 'Unknown')
        @($busyErrors).Count + $unknown.Count | Should -BeGreaterThan 0 -Because 'one attempt per call meets the faults'
        foreach ($apiId in $apiIds) {
            $expected = @($clean | Where-Object RestApiId -eq $apiId)
            $got = @($found | Where-Object RestApiId -eq $apiId)
            $named = @($busyErrors | Where-Object { "$($_.TargetObject)" -eq $apiId })
            # Per API: all its findings, or an error that names it.
            if ($got.Count -ne $expected.Count) { $named | Should -Not -BeNullOrEmpty -Because "API $apiId has $($got.Count) of $($expected.Count) findings" }
            # A finding that differs from the clean scan's says it is Unknown; it never claims another verdict. The one
            # other difference: when a read of the deeper diagnosis (other qualifiers' policies, read only to name the
            # qualifier that holds a grant) fails, a Denied finding keeps NoMatchingStatement or NoPolicy where a clean
            # scan says QualifierMismatch, and its reason says QualifierMismatch is not ruled out. Status and grant never differ.
            $diagnosis = 'QualifierMismatch', 'NoMatchingStatement', 'NoPolicy'
            $cleanCause = @{}
            foreach ($finding in $expected) {
                $key = if ($finding.Status -eq 'Denied' -and $finding.Cause -in $diagnosis) { ConvertTo-FindingKey ($finding | Select-Object * -ExcludeProperty Cause) } else { ConvertTo-FindingKey $finding }
                $cleanCause[$key] = $finding.Cause
            }
            foreach ($finding in $got | Where-Object Status -ne 'Unknown') {
                $key = if ($finding.Status -eq 'Denied' -and $finding.Cause -in $diagnosis) { ConvertTo-FindingKey ($finding | Select-Object * -ExcludeProperty Cause) } else { ConvertTo-FindingKey $finding }
                $cleanCause.Keys | Should -Contain $key
                if ($cleanCause[$key] -ne $finding.Cause) {
                    $finding.Reason | Should -Match 'QualifierMismatch\) is not ruled out' -Because "a clean scan says $($cleanCause[$key]) for $key"
                }
            }
        }
        foreach ($record in $busyErrors) { $record.FullyQualifiedErrorId | Should -Match '^(Throttled|ServiceError)' }
    }
}

Describe 'Add-ApiLambdaPermission racing another writer on the same policy' {
    BeforeAll {
        $estate = New-Estate -Size @{ apis = 1; resources = 6; methods = 1; authorizers = 0; stages = 1; functions = 1; aliases = 0 } -Policies none
        $function = 'fn-000'
        # AddPermission waits 300 ms in the proxy: the window in which the other writer changes the policy.
        $proxy = New-Proxy @{ OperationLatencyMs = @{ 'lambda:AddPermission' = 300 } }
        $denied = @(Test-ApiLambdaPermission -RestApiId $estate.apiIds[0] -EndpointUrl $proxy.Url -Region $region -WarningAction SilentlyContinue | Where-Object Status -eq 'Denied')
        $intended = @($denied | ForEach-Object StatementId | Sort-Object -Unique)

        # The other writer adds a statement of its own (direct AddPermission to moto)
        # while every odd-numbered AddPermission of ours is in flight: that attempt carries a stale RevisionId,
        # the retry after re-reading does not meet a new change.
        $control = [hashtable]::Synchronized(@{ Stop = $false })
        $writer = Start-ThreadJob -ArgumentList $moto.Url, $proxy.Url, $function, $control -ScriptBlock {
            param($motoUrl, $proxyUrl, $function, $control)
            $headers = @{ Authorization = 'AWS4-HMAC-SHA256 Credential=AKIDOTHERWRITER00001/20261125/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0' }  # moto checks no signature
            $reacted = 0
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not $control.Stop -and [DateTime]::UtcNow -lt $deadline) {
                $entry = (Invoke-RestMethod -Uri "$proxyUrl/__proxy/stats").operations.PSObject.Properties['lambda:AddPermission']
                $arrived = $entry ? [long]$entry.Value.requests : 0
                if ($arrived % 2 -eq 1 -and $arrived -gt $reacted) {
                    $reacted = $arrived
                    $sid = "other-writer-$arrived"
                    $body = @{ StatementId = $sid; Action = 'lambda:InvokeFunction'; Principal = 's3.amazonaws.com'; SourceAccount = '123456789012' } | ConvertTo-Json
                    $null = Invoke-RestMethod -Method Post -Uri "$motoUrl/2015-03-31/functions/$function/policy" -Headers $headers -Body $body -ContentType 'application/json'
                    $sid
                }
                Start-Sleep -Milliseconds 20
            }
        }
        $addErrors = $null
        try {
            $changes = @($denied | Add-ApiLambdaPermission -EndpointUrl $proxy.Url -Region $region -ErrorAction SilentlyContinue -ErrorVariable addErrors)
        }
        finally {
            $control.Stop = $true
            $null = Wait-Job $writer -Timeout 30
        }
        $otherSids = @(Receive-Job $writer -ErrorAction Stop)
        Remove-Job $writer -Force
        $sids = @(Get-StatementSid $function)
        $addStats = (Get-FaultProxyStats -Url $proxy.Url).operations.'lambda:AddPermission'
    }

    It 'had several grants to add, and the other writer wrote meanwhile' {
        $intended.Count | Should -BeGreaterThan 1
        $otherSids.Count | Should -BeGreaterThan 1
    }

    It 'met stale revisions (412) and still added everything without error' {
        $addStats.statusCodes.'412' | Should -BeGreaterThan 0
        $addErrors | Should -BeNullOrEmpty
        @($changes | Where-Object Result -eq 'Added').Count | Should -Be $intended.Count
    }

    It 'ends with every intended grant present exactly once' {
        foreach ($sid in $intended) { @($sids | Where-Object { $_ -eq $sid }).Count | Should -Be 1 -Because "grant $sid" }
    }

    It "loses none of the other writer's statements" {
        foreach ($sid in $otherSids) { @($sids | Where-Object { $_ -eq $sid }).Count | Should -Be 1 -Because "statement $sid" }
        $sids.Count | Should -Be ($intended.Count + $otherSids.Count)
    }
}

Describe 'A run killed half-way and run again' {
    BeforeAll {
        $estate = New-Estate -Size @{ apis = 1; resources = 10; methods = 1; authorizers = 0; stages = 1; functions = 1; aliases = 0 } -Policies none
        $function = 'fn-000'
        $proxy = New-Proxy @{ OperationLatencyMs = @{ 'lambda:AddPermission' = 250 } }
        $apiId = $estate.apiIds[0]
        $intended = @(Test-ApiLambdaPermission -RestApiId $apiId -EndpointUrl $proxy.Url -Region $region | Where-Object Status -eq 'Denied' | ForEach-Object StatementId | Sort-Object -Unique)
        Reset-FaultProxy -Url $proxy.Url

        $command = "Import-Module '$(Join-Path $env:LAMBDAPERMTOOLS_MODULE 'LambdaPermTools.psd1')'; " +
            "Test-ApiLambdaPermission -RestApiId '$apiId' -EndpointUrl '$($proxy.Url)' -Region '$region' | Add-ApiLambdaPermission -EndpointUrl '$($proxy.Url)' -Region '$region'"
        $child = Start-DrainedProcess -FilePath 'dotnet' -ArgumentList 'pwsh', '-NoProfile', '-NonInteractive', '-Command', $command
        $deadline = [DateTime]::UtcNow.AddSeconds(40)
        while ((Get-FaultProxyCount -Url $proxy.Url -Operation 'lambda:AddPermission') -lt 3 -and -not $child.HasExited -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 50
        }
        $childFinishedBeforeKill = $child.HasExited
        # `dotnet pwsh` runs pwsh as a grandchild (muxer -> tool shim -> pwsh): kill the whole tree.
        $child.Kill($true)
        $child.WaitForExit(10000) | Out-Null
        Start-Sleep -Milliseconds 500  # a request already inside the proxy lands (or not) within its 250 ms
        $afterKill = @(Get-StatementSid $function)

        $rerun = @(Test-ApiLambdaPermission -RestApiId $apiId -EndpointUrl $proxy.Url -Region $region | Add-ApiLambdaPermission -EndpointUrl $proxy.Url -Region $region)
        $final = @(Get-StatementSid $function)
    }

    It 'was killed with some grants added and some not' {
        $childFinishedBeforeKill | Should -BeFalse
        $afterKill.Count | Should -BeGreaterThan 0
        $afterKill.Count | Should -BeLessThan $intended.Count
    }

    It 'adds only what is missing on the second run' {
        @($rerun | Where-Object Result -eq 'Added').Count | Should -Be ($intended.Count - @($afterKill | Sort-Object -Unique).Count)
    }

    It 'ends with every grant exactly once' {
        ($final | Sort-Object) | Should -Be $intended
    }
}
