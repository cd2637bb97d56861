# Servers that lie (issue 18), each a LambdaPermTools.TestDoubles.HostileServer on 127.0.0.1: endless pages, an
# endpoint that never answers or drips one byte at a time, a 10 MB error body. Each must end, in bounded time and
# memory, with a non-terminating error of a stable kind (AwsServiceException.Kind PagingLimit or Timeout: the
# cmdlets' ErrorIds of the same names, checked too) and a short message. Echoed secrets are in Secrets.Tests.ps1.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Remove-Item env:AWS_MAX_ATTEMPTS, env:AWS_LPT_CALL_TIMEOUT -ErrorAction SilentlyContinue
    $script:connection = @{ Region = 'us-east-1'; AccessKey = 'AKIDHOSTILE000000001'; SecretKey = 'hostile-test-secret-not-real' }

    function Get-ServiceException {
        # The AwsServiceException an ErrorRecord carries, wherever it sits in the exception chain.
        param([System.Management.Automation.ErrorRecord] $Record)
        for ($e = $Record.Exception; $e; $e = $e.InnerException) {
            if ($e -is [LambdaPermTools.Aws.Ports.AwsServiceException]) { return $e }
        }
    }

    function Invoke-Bounded {
        <#
        .SYNOPSIS
        Runs a script in a fresh pwsh with the module and the fakes loaded, kills it after -TimeoutSeconds, and returns
        the JSON object the script writes as its last output line plus the process's peak working set.
        #>
        param([string] $Script, [int] $TimeoutSeconds)
        $command = (Get-PetStoreChildSetup) + "`nRemove-FakeAws`n" + $Script
        $hostPath = [Environment]::ProcessPath
        $info = [System.Diagnostics.ProcessStartInfo]::new($hostPath)
        if ((Split-Path -Leaf $hostPath) -like 'dotnet*') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $command) { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($info)
        $output = $child.StandardOutput.ReadToEndAsync()
        if (-not $child.WaitForExit($TimeoutSeconds * 1000)) {
            $child.Kill($true)
            throw "The child did not finish within $TimeoutSeconds s."
        }
        ($output.Result -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
    }
}

Describe 'Endless paging' {
    It 'Test-ApiLambdaPermission -All ends within a minute with PagingLimit, holding bounded memory' {
        $server = [LambdaPermTools.TestDoubles.HostileServer]::new('EndlessPages')
        try {
            $script = @"
`$before = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$findings = @(Test-ApiLambdaPermission -All -EndpointUrl '$($server.Url)' -Region us-east-1 -AccessKey AKIDHOSTILE000000001 -SecretKey not-real -ErrorAction SilentlyContinue -ErrorVariable failures)
`$seconds = `$watch.Elapsed.TotalSeconds
`$kinds = @(`$failures | ForEach-Object { for (`$e = `$_.Exception; `$e; `$e = `$e.InnerException) { if (`$e -is [LambdaPermTools.Aws.Ports.AwsServiceException]) { "`$(`$e.Kind)/`$(`$e.ErrorCode)"; break } } })
[GC]::Collect()
@{ Findings = `$findings.Count; Kinds = `$kinds; Seconds = `$seconds; Message = "`$(`$failures[0])"; Before = `$before; Peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 } | ConvertTo-Json -Compress
"@
            $result = Invoke-Bounded -Script $script -TimeoutSeconds 120
        }
        finally {
            $server.Dispose()
        }
        $result.Findings | Should -Be 0
        $result.Kinds | Should -Be @('PagingLimit/TooManyItems')
        $result.Message | Should -Match 'GetRestApis returned more than 20,000 items in 41 pages'
        $result.Seconds | Should -BeLessThan 60
        # 20,000 items of ~450 bytes are read before the limit stops the listing (about 9 MB on the wire); an unbounded
        # read grew by ~3 MB/s in the issue, 180 MB in a minute.
        ($result.Peak - $result.Before) / 1MB | Should -BeLessThan 100
    }

    It 'Get-ApiIntegrationTarget -RestApiId gives one non-terminating PagingLimit for that API' {
        $server = [LambdaPermTools.TestDoubles.HostileServer]::new('EndlessPages')
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $targets = @(Get-ApiIntegrationTarget -RestApiId endless1 -EndpointUrl $server.Url @connection -ErrorAction SilentlyContinue -ErrorVariable failures)
            $seconds = $watch.Elapsed.TotalSeconds
        }
        finally {
            $server.Dispose()
        }
        $targets | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be 'endless1'
        $exception = Get-ServiceException $failures[0]
        "$($exception.Kind)/$($exception.Operation)" | Should -Be 'PagingLimit/GetResources'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PagingLimit,*'
        "$($failures[0])" | Should -Not -Match 'HTTP \d'
        $seconds | Should -BeLessThan 60
    }
}

Describe 'An endpoint that does not answer' {
    It '<Behaviour> ends at the deadline with Timeout, naming the endpoint and the time spent, and -Verbose says the attempt is slow' -ForEach @(
        @{ Behaviour = 'Hang' }
        @{ Behaviour = 'Drip' }
    ) {
        $server = [LambdaPermTools.TestDoubles.HostileServer]::new($Behaviour)
        $env:AWS_LPT_CALL_TIMEOUT = '6'
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $verbose = @(Get-ApiIntegrationTarget -RestApiId hung1 -EndpointUrl $server.Url @connection -Verbose -ErrorAction SilentlyContinue -ErrorVariable failures 4>&1)
            $seconds = $watch.Elapsed.TotalSeconds
        }
        finally {
            Remove-Item env:AWS_LPT_CALL_TIMEOUT
            $server.Dispose()
        }
        $failures.Count | Should -Be 1
        $exception = Get-ServiceException $failures[0]
        $exception.Kind | Should -Be 'Timeout'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Timeout,*'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        "$($failures[0])" | Should -Match ([regex]::Escape($server.Url) + '.*deadline of 6\.0 s; \d+\.\d s spent in 1 attempt')
        # One call, one deadline; the rest is start-up and a busy machine.
        $seconds | Should -BeLessThan 20
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'attempt 1 of 10 to .* has not finished after 5\.0 s; it is given up after 6\.0 s'
    }
}

Describe 'A 10 MB error body' {
    It 'gives a message under 10 KB that says how much was cut' {
        $server = [LambdaPermTools.TestDoubles.HostileServer]::new('HugeErrorBody')
        try {
            $null = Get-ApiIntegrationTarget -RestApiId huge1 -EndpointUrl $server.Url @connection -ErrorAction SilentlyContinue -ErrorVariable failures
        }
        finally {
            $server.Dispose()
        }
        $failures.Count | Should -Be 1
        $text = "$($failures[0])"
        $text.Length | Should -BeLessThan 10KB
        $text | Should -Match 'an error body of 10,485,774 bytes, too long to read to the end; it begins: \{"message":"x+ … \([\d,]+ more characters cut\)'
        for ($e = $failures[0].Exception; $e; $e = $e.InnerException) { $e.Message.Length | Should -BeLessThan 10KB }
    }
}
