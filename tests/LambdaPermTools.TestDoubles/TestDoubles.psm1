# Pester helpers for the in-memory AWS fakes.
#
# The module under test is imported from the built layout ($env:LAMBDAPERMTOOLS_MODULE, set by
# tests/tools/Invoke-PesterFile.ps1; else out/LambdaPermTools). The fakes are built here on demand
# into out/testdoubles and only LambdaPermTools.TestDoubles.dll is loaded: it binds to the
# LambdaPermTools.Aws assembly the module already loaded (same name and version).
#
# The documented test hook (src/LambdaPermTools.Aws/Ports/TestHooks.cs):
#   [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory = $fake   # every cmdlet now talks to $fake
#   [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory = $null   # back to the real signed-HTTPS clients

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-LptModulePath {
    if ($env:LAMBDAPERMTOOLS_MODULE) { return $env:LAMBDAPERMTOOLS_MODULE }
    Join-Path $repoRoot 'out/LambdaPermTools'
}

function Import-LptTestDoubles {
    <# .SYNOPSIS Imports the built module and the fakes (building the fakes if needed). #>
    Import-Module (Join-Path (Get-LptModulePath) 'LambdaPermTools.psd1') -Force -Global
    if (-not ('LambdaPermTools.TestDoubles.FakeAws' -as [type])) {
        $output = Join-Path $repoRoot 'out/testdoubles'
        $dll = Join-Path $output 'LambdaPermTools.TestDoubles.dll'
        $project = Join-Path $PSScriptRoot 'LambdaPermTools.TestDoubles.csproj'
        # Rebuild only when a source or the module's AWS layer is newer than the built fakes (child
        # processes of the same test run reuse the build).
        $inputs = @(Get-ChildItem -LiteralPath $PSScriptRoot -File | Where-Object Extension -in '.cs', '.csproj') +
            @(Get-Item -LiteralPath (Join-Path (Get-LptModulePath) 'LambdaPermTools.Aws.dll'))
        $built = Get-Item -LiteralPath $dll -ErrorAction SilentlyContinue
        if (-not $built -or @($inputs | Where-Object LastWriteTimeUtc -gt $built.LastWriteTimeUtc).Count -gt 0) {
            $log = & dotnet build $project -c Release -o $output --nologo -v quiet 2>&1
            if ($LASTEXITCODE -ne 0) { throw "Building the test doubles failed: $log" }
        }
        Add-Type -LiteralPath $dll
    }
}

function New-FakeAws {
    <# .SYNOPSIS A fresh fake account, injected through the test hook. #>
    $fake = [LambdaPermTools.TestDoubles.FakeAws]::new()
    [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory = $fake
    $fake
}

function Remove-FakeAws {
    [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory = $null
}

function New-PetStoreFake {
    <#
    .SYNOPSIS
    A fresh fake (injected) with the knowledge-center shape: functions pets and auth, and REST API api1
    'PetStore' whose GET /pets integration (AWS_PROXY) calls pets behind TOKEN authorizer au1 (auth). No stage yet.
    Use: $fake, $pets, $auth, $api = New-PetStoreFake
    #>
    $fake = New-FakeAws
    $pets = $fake.AddFunction('pets')
    $auth = $fake.AddFunction('auth')
    $api = $fake.AddRestApi('api1', 'PetStore').
        AddAuthorizer('au1', 'token-auth', 'TOKEN', (Get-LambdaUri $auth)).
        AddMethod('/pets', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets), $null, 'au1')
    $fake, $pets, $auth, $api
}

function Get-PetStoreChildSetup {
    <# .SYNOPSIS Script text that sets up New-PetStoreFake (stage prod) in a child pwsh started by Invoke-ChildPwsh. #>
    @"
Import-Module '$(Join-Path $PSScriptRoot 'TestDoubles.psm1')'
`$env:LAMBDAPERMTOOLS_MODULE = '$(Get-LptModulePath)'
Import-LptTestDoubles
`$fake, `$pets, `$auth, `$api = New-PetStoreFake
`$null = `$api.AddStage('prod')
"@
}

function New-LptPowerShell {
    <#
    .SYNOPSIS
    A [powershell] on its own runspace with the module imported: to run a cmdlet asynchronously (Stop(), i.e.
    Ctrl+C) or to read its Progress/Debug streams. The test hook is process-wide, so the fake still answers.
    #>
    $state = [initialsessionstate]::CreateDefault()
    $state.ImportPSModule((Join-Path (Get-LptModulePath) 'LambdaPermTools.psd1'))
    [powershell]::Create($state)
}

function Get-LambdaUri {
    <# .SYNOPSIS The integration URI API Gateway stores for a function ARN (docs/aws-rules.md §4.2). #>
    param([Parameter(Mandatory)] [string] $FunctionArn, [string] $Region = 'us-east-1')
    "arn:aws:apigateway:${Region}:lambda:path/2015-03-31/functions/$FunctionArn/invocations"
}

function Get-ExecutionLogLine {
    <#
    .SYNOPSIS
    The execution-log lines (CloudWatch form, "(request-id) " prefix) of one request that failed on a Lambda permission,
    in the knowledge-center article's two forms (docs/aws-rules.md §7.2, §7.3): the integration form with the INFO lines
    that name the method template and request path, or with -Authorizer the authorizer form.
    #>
    param(
        [Parameter(Mandatory)] [string] $RequestId,
        [Parameter(Mandatory)] [string] $FunctionArn,
        [string] $HttpMethod = 'GET',
        [string] $ResourcePath = '/pets',
        [string] $RequestPath = $ResourcePath,
        [switch] $Authorizer
    )
    $region = $FunctionArn.Split(':')[3]
    $sending = "($RequestId) Sending request to https://lambda.$region.amazonaws.com/2015-03-31/functions/$FunctionArn/invocations"
    $failed = "($RequestId) Execution failed due to configuration error: Invalid permissions on Lambda function"
    if ($Authorizer) {
        return $sending, $failed, "($RequestId) Execution failed due to configuration error: Authorizer error"
    }

    "($RequestId) Starting execution for request: $RequestId"
    "($RequestId) HTTP Method: $HttpMethod, Resource Path: $RequestPath"
    "($RequestId) API Key  authorized because method '$HttpMethod $ResourcePath' does not require API Key. Request will not contribute to throttle or quota limits"
    $sending
    $failed
    "($RequestId) Method completed with status: 500"
}

function Invoke-ChildPwsh {
    <# .SYNOPSIS Runs a command in a fresh `pwsh -Command` (same PowerShell as this one) and returns its exit code and output. #>
    param([Parameter(Mandatory)] [string] $Command)
    # pwsh runs as a dotnet tool here (dotnet pwsh.dll) and as its own executable elsewhere.
    $host_ = [Environment]::ProcessPath
    [string[]] $prefix = if ((Split-Path -Leaf $host_) -like 'dotnet*') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
    $output = & $host_ @prefix -NoProfile -NonInteractive -Command $Command 2>&1
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
}

Export-ModuleMember -Function Import-LptTestDoubles, Get-ExecutionLogLine, New-FakeAws, New-LptPowerShell, New-PetStoreFake, Get-PetStoreChildSetup, Remove-FakeAws, Get-LambdaUri, Invoke-ChildPwsh, Get-LptModulePath
