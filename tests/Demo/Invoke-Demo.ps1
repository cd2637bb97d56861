<#
.SYNOPSIS
The five-minute demo: diagnose and fix "Invalid permissions on Lambda function" against a local emulator.

.DESCRIPTION
Starts moto_server on a free 127.0.0.1 port, creates the knowledge-center situation in it (New-DemoApi.ps1),
then runs, each step under a heading:
  1. Test-ApiLambdaPermission                     the denied findings and their reasons
  2. Add-ApiLambdaPermission -WhatIf              the planned fix
  3. ConvertTo-ApiLambdaPermissionTemplate        the same fix as CloudFormation YAML
  4. Add-ApiLambdaPermission                      the fix
  5. Test-ApiLambdaPermission                     everything allowed
Exits 0 only when the last test found every target Allowed.

It never touches a real AWS account: it refuses to run unless the emulator answers on 127.0.0.1, passes
-EndpointUrl to every cmdlet and --endpoint-url to every CLI call, sets AWS_ENDPOINT_URL, uses dummy
credentials and temporary AWS config files, and removes all of that (and stops the emulator) on the way out,
also after an error or Ctrl+C.
#>
[CmdletBinding()]
param(
    # The built module (build.ps1 passes out/LambdaPermTools).
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $Region = 'eu-west-1'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Write-Step {
    param([string] $Title, [string] $Command)
    Write-Host ''
    Write-Host "=== $Title" -ForegroundColor Cyan
    if ($Command) { Write-Host "PS> $Command" -ForegroundColor DarkGray }
}

function Set-EnvironmentVariable {
    # $null removes the variable: PowerShell would pass $null to .NET as "", which leaves an empty variable
    # behind (an empty AWS_PROFILE makes the AWS CLI look for a profile named "").
    param([string] $Name, [AllowNull()] [string] $Value)
    if ($Value) { Set-Item -LiteralPath "env:$Name" -Value $Value } else { Remove-Item -LiteralPath "env:$Name" -ErrorAction SilentlyContinue }
}

function Show-Finding {
    # One line per finding: where, which function, the verdict, and (when not allowed) the reason.
    param([Parameter(ValueFromPipeline)] $Finding)
    process {
        $where = if ($Finding.Kind -eq 'Authorizer') { "authorizer $($Finding.AuthorizerName)" } else { "$($Finding.HttpMethod) $($Finding.ResourcePath)" }
        Write-Host ("  {0,-8} {1,-5} {2,-26} {3}" -f $Finding.Status, $Finding.StageName, $where, $Finding.FunctionArn)
        if ($Finding.Status -ne 'Allowed') {
            Write-Host "           $($Finding.Cause): $($Finding.Reason)"
        }
    }
}

function Show-Change {
    # One line per grant: what happened, on which function and qualifier, with which statement id and source ARN.
    param([Parameter(ValueFromPipeline)] $Change)
    process {
        $function = if ($Change.Qualifier) { "$($Change.FunctionName):$($Change.Qualifier)" } else { $Change.FunctionName }
        Write-Host ("  {0,-14} {1}" -f $Change.Result, $function)
        Write-Host ("  {0,-14} Sid {1}, SourceArn {2}" -f '', $Change.StatementId, $Change.SourceArn)
    }
}

function Write-DemoExecutionLog {
    # The stage's execution log as API Gateway writes it when these requests fail (docs/aws-rules.md §7.2, §7.3): GET
    # /pets/42 calling petsFn:prod, and a request whose TOKEN authorizer petsAuthorizer may not be invoked. On AWS the
    # stage writes them itself once execution logging is on; here the AWS CLI puts them into the same group.
    param([string] $RestApiId, [string] $AccountId)
    $group = "API-Gateway-Execution-Logs_$RestApiId/prod"
    $lambda = "https://lambda.$Region.amazonaws.com/2015-03-31/functions/arn:aws:lambda:${Region}:${AccountId}:function"
    $integration = '7f2c1a9e-0b1d-4c3e-9f5a-000000000001'
    $authorizer = '7f2c1a9e-0b1d-4c3e-9f5a-000000000002'
    $lines = @(
        "($integration) Starting execution for request: $integration"
        "($integration) HTTP Method: GET, Resource Path: /pets/42"
        "($integration) API Key  authorized because method 'GET /pets/{petId}' does not require API Key. Request will not contribute to throttle or quota limits"
        "($integration) Sending request to $lambda`:petsFn:prod/invocations"
        "($integration) Execution failed due to configuration error: Invalid permissions on Lambda function"
        "($integration) Method completed with status: 500"
        "($authorizer) Sending request to $lambda`:petsAuthorizer/invocations"
        "($authorizer) Execution failed due to configuration error: Invalid permissions on Lambda function"
        "($authorizer) Execution failed due to configuration error: Authorizer error"
    )
    $at = [DateTimeOffset]::UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds()
    $events = Join-Path $work 'events.json'
    ConvertTo-Json -InputObject @(for ($i = 0; $i -lt $lines.Count; $i++) { @{ timestamp = $at + $i; message = $lines[$i] } }) | Set-Content -LiteralPath $events
    foreach ($arguments in @(
            @('logs', 'create-log-group', '--log-group-name', $group),
            @('logs', 'create-log-stream', '--log-group-name', $group, '--log-stream-name', 'demo'),
            @('logs', 'put-log-events', '--log-group-name', $group, '--log-stream-name', 'demo', '--log-events', "file://$events"))) {
        $output = Invoke-AwsCli @arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "aws $($arguments -join ' ') failed: $output" }
    }
    $group
}

# Isolation: only the emulator, dummy keys (AWS's documented example key pair), temporary config files.
$saved = @{}
$isolated = @{
    AWS_ACCESS_KEY_ID = 'demo-access-key'; AWS_SECRET_ACCESS_KEY = 'demo-secret-key'
    AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null; AWS_DEFAULT_PROFILE = $null
    AWS_REGION = $Region; AWS_DEFAULT_REGION = $Region; AWS_EC2_METADATA_DISABLED = 'true'
    AWS_ENDPOINT_URL_API_GATEWAY = $null; AWS_ENDPOINT_URL_LAMBDA = $null; AWS_ENDPOINT_URL_IAM = $null; AWS_ENDPOINT_URL_STS = $null
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = $null; AWS_CONFIG_FILE = $null; AWS_SHARED_CREDENTIALS_FILE = $null; AWS_ENDPOINT_URL = $null
}
$work = Join-Path ([System.IO.Path]::GetTempPath()) ("lambdapermtools-demo-" + [guid]::NewGuid().ToString('N'))
$server = $null
$exitCode = 1
try {
    foreach ($name in $isolated.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-EnvironmentVariable $name $isolated[$name]
    }
    New-Item -ItemType Directory -Path $work | Out-Null
    $env:AWS_CONFIG_FILE = Join-Path $work 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $work 'credentials'
    Set-Content -LiteralPath $env:AWS_CONFIG_FILE -Value "[default]`nregion = $Region"
    Set-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE -Value "[default]`naws_access_key_id = $env:AWS_ACCESS_KEY_ID`naws_secret_access_key = $env:AWS_SECRET_ACCESS_KEY"

    # moto and the AWS CLI run as Python modules (tests/Support/Python.psm1): nothing needs them on PATH.
    Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Support/MotoServer.psm1') -Force
    $server = Start-MotoServer
    if ($server.Url -notmatch '^http://127\.0\.0\.1:\d+$') {
        throw "Refusing to run: the emulator is not on a 127.0.0.1 address ($($server.Url))."
    }
    $env:AWS_ENDPOINT_URL = $server.Url
    Write-Host ''
    Write-Host "LambdaPermTools demo - LOCAL EMULATOR ONLY: moto_server at $($server.Url), dummy credentials, no AWS account." -ForegroundColor Yellow
    Import-Module (Resolve-Path -LiteralPath $ModulePath).Path -Force
    $connection = @{ Region = $Region; EndpointUrl = $server.Url }
    Write-Step 'Setting the scene (AWS CLI, as the AWS docs do it, with no add-permission)'
    $api = & (Join-Path $PSScriptRoot 'New-DemoApi.ps1') -EndpointUrl $server.Url -Region $Region -WorkFolder $work
    Write-Host "  REST API 'pets' ($($api.RestApiId)) in account $($api.AccountId), region $Region"
    Write-Host '    GET /pets          AWS_PROXY -> petsFn, protected by TOKEN authorizer petsAuth -> petsAuthorizer'
    Write-Host '    GET /pets/{petId}  AWS_PROXY -> petsFn:${stageVariables.alias}'
    Write-Host '    stages: prod (alias=prod), dev (alias=dev); no lambda:InvokeFunction grant anywhere.'
    Write-Host '  In AWS, calling these methods now answers 500 and logs'
    Write-Host "  'Execution failed due to configuration error: Invalid permissions on Lambda function'."

    $select = "-RestApiId $($api.RestApiId) -Region $Region -EndpointUrl $($server.Url)"
    $url = "https://$($api.RestApiId).execute-api.$Region.amazonaws.com/prod/pets/42"
    Write-Step 'Start A - From the URL that answers 500: what does that one request reach?' "Test-ApiLambdaPermission -Uri $url -EndpointUrl $($server.Url)"
    # moto has no OpenAPI 3 export: the stage is judged on the current configuration, and the tool warns that it is.
    $reached = @(Test-ApiLambdaPermission -Uri $url @connection -WarningAction SilentlyContinue)
    $reached | Show-Finding
    Write-Host '  How the request got there (Trace):'
    $reached[-1].Trace | ForEach-Object { Write-Host "    $_" }
    Write-Step 'Start B - From the execution log: which requests failed, and on what?' "Find-ApiLambdaPermissionError $select -StageName prod | Test-ApiLambdaPermission"
    $logged = Write-DemoExecutionLog -RestApiId $api.RestApiId -AccountId $api.AccountId
    Write-Host "  (the AWS CLI wrote the knowledge-center lines of two failed requests into $logged)"
    $failures = @(Find-ApiLambdaPermissionError -RestApiId $api.RestApiId -StageName prod @connection)
    foreach ($failure in $failures) {
        Write-Host ("  {0,-11} {1,-20} {2}  failed {3}x" -f $failure.Kind, "$($failure.HttpMethod) $($failure.ResourcePath)", $failure.FunctionArn, $failure.Count)
    }
    $failures | Test-ApiLambdaPermission @connection | Show-Finding
    Write-Host '  Pasted lines work too: Get-Content exported.log | Find-ApiLambdaPermissionError -RestApiId <id> -StageName prod'
    Write-Step 'Step 1 - What may API Gateway not invoke, and why?' "Test-ApiLambdaPermission $select | Where-Object Status -ne Allowed"
    $before = @(Test-ApiLambdaPermission -RestApiId $api.RestApiId @connection)
    $denied = @($before | Where-Object Status -ne Allowed)
    $denied | Show-Finding
    Write-Host "  $($denied.Count) of $($before.Count) targets cannot be invoked."

    Write-Step 'Step 2 - The planned fix (nothing changes)' "Test-ApiLambdaPermission $select | Add-ApiLambdaPermission -WhatIf"
    $before | Add-ApiLambdaPermission @connection -WhatIf

    Write-Step 'Step 3 - The same fix for teams that change infrastructure through code' "Test-ApiLambdaPermission $select | ConvertTo-ApiLambdaPermissionTemplate -Format CloudFormationYaml"
    $before | ConvertTo-ApiLambdaPermissionTemplate -Format CloudFormationYaml | Out-Host

    Write-Step 'Step 4 - Apply the fix' "Test-ApiLambdaPermission $select | Add-ApiLambdaPermission"
    Test-ApiLambdaPermission -RestApiId $api.RestApiId @connection | Add-ApiLambdaPermission @connection | Show-Change

    Write-Step 'Step 5 - Test again' "Test-ApiLambdaPermission $select"
    $after = @(Test-ApiLambdaPermission -RestApiId $api.RestApiId @connection)
    $after | Show-Finding
    $notAllowed = @($after | Where-Object Status -ne Allowed)
    Write-Host ''
    Write-Host '  Note: moto keeps one resource policy per function and returns it for every alias, while AWS keeps a'
    Write-Host '  separate policy for the function and for each alias. The grants above were added per alias as AWS'
    Write-Host '  needs them; on moto each alias merely shows all of them.'
    Write-Host ''
    if ($after.Count -gt 0 -and $notAllowed.Count -eq 0) {
        Write-Host "All $($after.Count) targets are Allowed. This demo ran against a local emulator (moto_server); no AWS account was used." -ForegroundColor Green
        $exitCode = 0
    }
    else {
        Write-Host "The re-test still finds $($notAllowed.Count) of $($after.Count) targets not allowed. (Local emulator; no AWS account was used.)" -ForegroundColor Red
    }
}
catch {
    Write-Host "Demo failed: $($_.Exception.Message)" -ForegroundColor Red
    Write-Host "($($_.InvocationInfo.PositionMessage))"
}
finally {
    # Runs after errors and on Ctrl+C too: stop the emulator, drop the temporary files, restore the environment.
    if ($server) { $server.Stop() }
    Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
    foreach ($name in $saved.Keys) { Set-EnvironmentVariable $name $saved[$name] }
}
exit $exitCode
