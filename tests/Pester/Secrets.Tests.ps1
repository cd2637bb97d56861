# Secrets never reach a stream (cmdlet-contract.md "AWS connection parameters"; docs/powershell-rules.md §9.3):
# every cmdlet runs with -Verbose -Debug and recognisable fake keys against the in-memory fakes, a dead endpoint,
# local servers that answer 403 and 500 with a message that echoes the request's headers (as AWS's
# SignatureDoesNotMatch echoes the canonical request, X-Amz-Security-Token included), and hostile servers
# (issue 18) that echo them as JSON, escaped JSON, URL-encoded, as a Python repr, as bare values, and as the error
# code itself. Every record of every stream (output, error with its exception chain, warning, verbose, debug,
# information, progress) is searched, for the values and for their encoded forms.

BeforeDiscovery {
    $backends = @(
        @{ Name = 'the in-memory fakes'; Kind = 'Fake' }
        @{ Name = 'a dead endpoint (127.0.0.1:9)'; Kind = 'Dead' }
        @{ Name = 'a server that answers 403 and echoes the request'; Kind = 'Hostile'; Behaviour = 'EchoCanonicalRequest'; Status = 403 }
        @{ Name = 'a server that answers 500 and echoes the request'; Kind = 'Hostile'; Behaviour = 'EchoCanonicalRequest'; Status = 500 }
        foreach ($behaviour in 'EchoJsonHeaders', 'EchoEscapedJson', 'EchoUrlEncoded', 'EchoPythonRepr', 'EchoBare', 'EchoErrorType') {
            @{ Name = "a hostile server ($behaviour)"; Kind = 'Hostile'; Behaviour = $behaviour; Status = 403 }
        }
    )
    $cases = @(
        @{ Command = 'Get-ApiIntegrationTarget'; Parameters = @{ RestApiId = 'api1' } }
        @{ Command = 'Test-ApiLambdaPermission'; Parameters = @{ RestApiId = 'api1' } }
        @{ Command = 'Test-ApiLambdaPermission'; Parameters = @{}; Piped = 'Targets' }
        @{ Command = 'Add-ApiLambdaPermission'; Parameters = @{ RestApiId = 'api1'; Force = $true } }
        @{ Command = 'Add-ApiLambdaPermission'; Parameters = @{ Force = $true }; Piped = 'Findings' }
        @{ Command = 'ConvertTo-ApiLambdaPermissionTemplate'; Parameters = @{ RestApiId = 'api1' } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    $secretKey = 'AuditSecretKey/DoNotPrint+0123456789abcdefGHIJ'
    $sessionToken = 'AuditSessionToken//DoNotPrint0123456789ABCDEFabcdef+/=='
    $accessKey = 'AKIDAUDITFAKE0000001'
    # The forms a server may echo them in besides the plain value: URL-encoded, JSON with '\u002B' or '\/'.
    $encodedSecrets = foreach ($value in $secretKey, $sessionToken) {
        [uri]::EscapeDataString($value)
        ($value | ConvertTo-Json -Compress).Trim('"').Replace('+', '\u002B')
        $value.Replace('/', '\/')
    }
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    # A dead endpoint and a 500 are retried; 2 attempts show the retry path without 10 reads' backoff per cmdlet.
    $env:AWS_MAX_ATTEMPTS = '2'

    # What the piped cases pipe: targets and findings of the pets scene, made once with the fakes.
    $null, $null, $null, $sceneApi = New-PetStoreFake
    $null = $sceneApi.AddStage('prod')
    $sceneTargets = @(Get-ApiIntegrationTarget -RestApiId api1)
    $sceneFindings = @(Test-ApiLambdaPermission -RestApiId api1)
    Remove-FakeAws

    function Invoke-Captured {
        # Runs one command on its own runspace and returns every record of every stream, terminating errors included.
        param([string] $Command, [hashtable] $Parameters, [object[]] $InputObject)
        $ps = (New-LptPowerShell).AddCommand($Command).AddParameters($Parameters).AddParameter('Verbose').AddParameter('Debug')
        $records = [System.Collections.Generic.List[object]]::new()
        try {
            foreach ($item in $ps.Invoke($InputObject)) { $records.Add($item) }
        }
        catch {
            $records.Add($_)
        }
        foreach ($stream in 'Error', 'Warning', 'Verbose', 'Debug', 'Information', 'Progress') {
            foreach ($record in $ps.Streams.$stream) { $records.Add($record) }
        }
        $ps.Dispose()
        , $records.ToArray()
    }

    function ConvertTo-StreamText {
        # Everything a user or a log could see of the records, exception chains included.
        param([object[]] $Records)
        foreach ($record in $Records) {
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record.ToString(); $record.FullyQualifiedErrorId; "$($record.TargetObject)"
                $record.ErrorDetails.Message; $record.ErrorDetails.RecommendedAction
                for ($e = $record.Exception; $e; $e = $e.InnerException) { $e.ToString() }
            }
            elseif ($record -is [System.Management.Automation.InformationalRecord]) { $record.Message }
            elseif ($record -is [System.Management.Automation.ProgressRecord]) { $record.Activity; $record.StatusDescription; $record.CurrentOperation }
            elseif ($record -is [System.Management.Automation.InformationRecord]) { "$($record.MessageData)" }
            else { $record | ConvertTo-Json -Depth 4 -Compress -WarningAction SilentlyContinue }
        }
    }
}

AfterAll {
    Remove-FakeAws
    Remove-Item env:AWS_MAX_ATTEMPTS -ErrorAction SilentlyContinue
}

Describe 'Secrets against <Name>' -ForEach $backends {
    BeforeAll {
        $server = $null
        $endpoint = @{}
        switch ($Kind) {
            'Fake' { $null, $null, $null, $api = New-PetStoreFake; $null = $api.AddStage('prod') }
            'Dead' { Remove-FakeAws; $endpoint = @{ EndpointUrl = 'http://127.0.0.1:9' } }
            'Hostile' {
                Remove-FakeAws
                $server = [LambdaPermTools.TestDoubles.HostileServer]::new([LambdaPermTools.TestDoubles.HostileBehaviour]$Behaviour, $Status)
                $endpoint = @{ EndpointUrl = $server.Url }
            }
        }
    }

    AfterAll {
        if ($server) { $server.Dispose() }
        Remove-FakeAws
    }

    It '<Command> <Piped> writes no key, token, Authorization or signature to any stream' -ForEach $cases {
        $parameters = $Parameters + $endpoint + @{ Region = 'us-east-1'; AccessKey = $accessKey; SecretKey = $secretKey; SessionToken = $sessionToken }
        $piped = switch ($Piped) { 'Targets' { $sceneTargets } 'Findings' { $sceneFindings } default { $null } }
        $records = Invoke-Captured -Command $Command -Parameters $parameters -InputObject $piped
        $text = (ConvertTo-StreamText $records) -join "`n"

        $text | Should -Not -BeNullOrEmpty
        $text.Contains($secretKey) | Should -BeFalse -Because 'the secret access key is never shown'
        $text.Contains($sessionToken) | Should -BeFalse -Because 'the session token is never shown'
        foreach ($encoded in $encodedSecrets) { $text.Contains($encoded) | Should -BeFalse -Because "no encoded form ($encoded) is shown either" }
        $text | Should -Not -Match 'AWS4-HMAC-SHA256' -Because 'the Authorization header is never shown'
        $text | Should -Not -Match 'Signature=[0-9a-f]{16}' -Because 'request signatures are never shown'

        if ($Kind -ne 'Fake') {
            # The run really met the failure (an error, or a policy it could not read: Unknown), and said where
            # credentials and region came from and which calls it made.
            @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -or ($_ -is [LambdaPermTools.PermissionFinding] -and $_.Status -eq 'Unknown') }) |
                Should -Not -BeNullOrEmpty
            $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Message -join "`n"
            $debug | Should -Match 'Credentials obtained from the -AccessKey/-SecretKey parameters'
            $debug | Should -Match "Region obtained from -Region with value 'us-east-1'"
            @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -Not -BeNullOrEmpty
        }
        if ($server) { $server.Requests | Should -BeGreaterThan 0 }
    }
}
