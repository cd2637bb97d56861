# Tab completion: -Region and -ProfileName offline; -RestApiId and -StageName from AWS (here the in-memory
# fakes injected through [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory), cached, short timeout,
# silent on failure. The AWS completers cache per connection for a minute, so each test uses its own region.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    function Get-Completion([string] $line) {
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches)
    }
}

AfterAll {
    Remove-FakeAws
}

Describe 'Argument completion' {
    It 'completes -Region offline from the region list' {
        $fake = New-FakeAws
        (Get-Completion 'Test-ApiLambdaPermission -Region eu-we').CompletionText | Should -Be @('eu-west-1', 'eu-west-2', 'eu-west-3')
        $fake.Calls | Should -BeNullOrEmpty
    }

    It 'completes -ProfileName from the shared config and credentials files named by the environment' {
        $config = Join-Path $TestDrive 'config'
        $credentials = Join-Path $TestDrive 'credentials'
        Set-Content -LiteralPath $config -Value "[default]`nregion = us-east-1`n[profile dev]`nregion = eu-west-1`n[sso-session corp]`nsso_region = us-east-1`n[services local]`nlambda =`n  endpoint_url = http://127.0.0.1:1"
        Set-Content -LiteralPath $credentials -Value "[prod]`naws_access_key_id = AKIDEXAMPLE`n[dev]`naws_access_key_id = AKIDEXAMPLE2"
        $saved = $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE
        try {
            $env:AWS_CONFIG_FILE = $config
            $env:AWS_SHARED_CREDENTIALS_FILE = $credentials
            (Get-Completion 'Add-ApiLambdaPermission -ProfileName ').CompletionText | Should -Be @('default', 'dev', 'prod')
            (Get-Completion 'Add-ApiLambdaPermission -ProfileName pr').CompletionText | Should -Be @('prod')
        }
        finally {
            $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE = $saved
        }
    }

    It 'completes -RestApiId from GetRestApis, with the API name as tooltip, and caches the answer' {
        $fake = New-FakeAws
        $null = $fake.AddRestApi('abc123', 'PetStore', 'ap-south-1'); $null = $fake.AddRestApi('abd456', 'Orders', 'ap-south-1'); $null = $fake.AddRestApi('zzz999', 'Other', 'ap-south-1')
        $matches = Get-Completion 'Get-ApiIntegrationTarget -Region ap-south-1 -RestApiId ab'
        $matches.CompletionText | Should -Be @('abc123', 'abd456')
        $matches[0].ToolTip | Should -Be 'PetStore'
        $null = Get-Completion 'Get-ApiIntegrationTarget -Region ap-south-1 -RestApiId '
        $fake.CallCount('GetRestApis') | Should -Be 2 -Because 'three APIs are two pages, read once and then cached'
    }

    It 'completes -StageName from GetStages of the API given in -RestApiId' {
        $fake = New-FakeAws
        $null = $fake.AddRestApi('abc123', 'PetStore', 'ap-northeast-1').AddStage('prod').AddStage('dev').AddStage('preprod')
        (Get-Completion 'Test-ApiLambdaPermission -Region ap-northeast-1 -RestApiId abc123 -StageName pr').CompletionText | Should -Be @('preprod', 'prod')
        (Get-Completion 'Test-ApiLambdaPermission -Region ap-northeast-1 -StageName pr') | Should -BeNullOrEmpty -Because 'without an API there is nothing to ask'
    }

    It 'completes nothing, silently, when AWS cannot be reached' {
        $fake = New-FakeAws
        $fake.FailConnection('NoCredentials', 'No credentials.')
        $Error.Clear()
        Get-Completion 'Get-ApiIntegrationTarget -Region sa-east-1 -RestApiId ' | Should -BeNullOrEmpty
        $Error | Should -BeNullOrEmpty
    }

    It 'gives up after a short timeout' {
        $fake = New-FakeAws
        $null = $fake.AddRestApi('slow1', 'Slow', 'ca-central-1')
        $fake.CallDelayMilliseconds = 20000
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-Completion 'Get-ApiIntegrationTarget -Region ca-central-1 -RestApiId ' | Should -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 6
    }
}
