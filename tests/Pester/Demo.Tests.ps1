# The README's main command: ./build.ps1 Demo runs tests/Demo/Invoke-Demo.ps1 against a local moto_server.
# Run here in a child pwsh (as build.ps1 does) so the demo cannot rot: every step shows, it ends all-allowed
# with exit code 0, it stops its emulator, and it works a second time in a row.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    $demo = Join-Path $PSScriptRoot '../Demo/Invoke-Demo.ps1'
    $module = Get-LptModulePath

    function Invoke-Demo([string] $ModulePath = $module) {
        $run = Invoke-ChildPwsh "& '$demo' -ModulePath '$ModulePath'; exit `$LASTEXITCODE"
        $run.Output = $run.Output -replace '\x1b\[[0-9;]*m', ''
        $run
    }

    function Get-EmulatorPort([string] $Output) {
        $match = [regex]::Match($Output, 'moto_server at http://127\.0\.0\.1:(\d+)')
        $match.Success | Should -BeTrue -Because 'the demo names its emulator before anything else'
        [int]$match.Groups[1].Value
    }

    function Test-Listening([int] $Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.ConnectAsync('127.0.0.1', $Port).Wait(1000) } catch { $false } finally { $client.Dispose() }
    }
}

Describe 'build.ps1 Demo' {
    It 'diagnoses, plans, writes CloudFormation, fixes and re-tests, then stops its emulator; twice in a row' {
        foreach ($attempt in 1, 2) {
            $run = Invoke-Demo
            $run.ExitCode | Should -Be 0 -Because "attempt $attempt must end all-allowed:`n$($run.Output)"
            $run.Output | Should -Match 'LOCAL EMULATOR ONLY: moto_server at http://127\.0\.0\.1:\d+'
            $run.Output | Should -Match '=== Start A .*\n(.*\n)*\s+Denied\s+prod\s+GET /pets/\{petId\}\s+arn:aws:lambda:eu-west-1:123456789012:function:petsFn:prod'
            $run.Output | Should -Match '(?m)^\s+Resource: .*/pets/\{petId\}'
            $run.Output | Should -Match "(?m)^\s+Policy: "
            $run.Output | Should -Match '=== Start B .*\n(.*\n)*\s+Integration\s+GET /pets/\{petId\}\s+arn:aws:lambda:eu-west-1:123456789012:function:petsFn:prod\s+failed 1x'
            $run.Output | Should -Match '\s+Authorizer\s+arn:aws:lambda:eu-west-1:123456789012:function:petsAuthorizer\s+failed 1x'
            $run.Output | Should -Match '=== Step 1 .*\n(.*\n)*\s+Denied\s+prod\s+GET /pets/\{petId\}\s+arn:aws:lambda:eu-west-1:123456789012:function:petsFn:prod'
            $run.Output | Should -Match '6 of 6 targets cannot be invoked'
            $run.Output | Should -Match 'What if: .*statement .* on target "arn:aws:lambda:eu-west-1:123456789012:function:petsFn:dev"'
            $run.Output | Should -Match 'Type: AWS::Lambda::Permission'
            ([regex]::Matches($run.Output, '(?m)^\s+Added\s')).Count | Should -Be 4
            ([regex]::Matches($run.Output, '(?m)^\s+Allowed\s')).Count | Should -Be 6
            $run.Output | Should -Match 'moto keeps one resource policy per function'
            $run.Output | Should -Match 'All 6 targets are Allowed\. This demo ran against a local emulator'

            Test-Listening (Get-EmulatorPort $run.Output) | Should -BeFalse -Because 'the demo stops the emulator it started'
        }
    }

    It 'fails with exit code 1 when something goes wrong, and still stops its emulator' {
        $run = Invoke-Demo -ModulePath (Join-Path $TestDrive 'missing')
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'Demo failed: '
        $run.Output | Should -Not -Match 'All 6 targets are Allowed'
        Test-Listening (Get-EmulatorPort $run.Output) | Should -BeFalse
    }
}
