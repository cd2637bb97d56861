# LambdaPermTools beside AWS Tools for PowerShell: V4 loads AWSSDK.Core 3.7.x (assembly 3.3.0.0) and V5
# loads 4.0.x (4.0.0.0) into the default load context (docs/powershell-rules.md §14). Each case runs in a
# fresh pwsh, loads such an AWSSDK.Core before or after our module, and runs a cmdlet against moto with a
# credential_process profile, so that our own AWSSDK.Core (the bridge in dependencies/) really loads too.
#
# moto checks no signature, so success here proves loading and credential resolution, not the keys.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Support/MotoServer.psm1') -Force
    $modulePath = $env:LAMBDAPERMTOOLS_MODULE
    $restoreProject = Join-Path $PSScriptRoot '../tools/PesterRestore.csproj'
    $packages = (& dotnet msbuild $restoreProject -getProperty:NuGetPackageRoot).Trim()
    $awsToolsSdk = @{
        V4 = Join-Path $packages 'awssdk.core/3.7.402/lib/netstandard2.0/AWSSDK.Core.dll'
        V5 = Join-Path $packages 'awssdk.core/4.0.3.3/lib/netstandard2.0/AWSSDK.Core.dll'
    }

    $moto = Start-MotoServer
    $cli = @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_DEFAULT_REGION = 'us-east-1' }
    $saved = @{}
    foreach ($name in $cli.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); Set-Item "env:$name" $cli[$name] }
    function Invoke-Aws { ((Invoke-AwsCli --endpoint-url $moto.Url --output json @args) | Out-String) | ConvertFrom-Json }

    # One API with one Lambda proxy integration: one target per stage.
    $api = Invoke-Aws apigateway create-rest-api --name coexist
    $root = (Invoke-Aws apigateway get-resources --rest-api-id $api.id).items[0].id
    $null = Invoke-Aws apigateway put-method --rest-api-id $api.id --resource-id $root --http-method GET --authorization-type NONE
    $uri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:coexist/invocations'
    $null = Invoke-Aws apigateway put-integration --rest-api-id $api.id --resource-id $root --http-method GET --type AWS_PROXY --integration-http-method POST --uri $uri
    $null = Invoke-Aws apigateway create-deployment --rest-api-id $api.id --stage-name prod

    # A credential_process profile: only AWSSDK.Core (our bridge) resolves it.
    $credentialScript = Join-Path $TestDrive 'credentials.sh'
    Set-Content -LiteralPath $credentialScript -Value "#!/bin/sh`necho '{""Version"": 1, ""AccessKeyId"": ""AKIDPROCESS"", ""SecretAccessKey"": ""process-secret""}'"
    & chmod +x $credentialScript
    $configFile = Join-Path $TestDrive 'config'
    Set-Content -LiteralPath $configFile -Value "[profile process]`ncredential_process = $credentialScript`nregion = us-east-1"

    function Invoke-Scenario([string] $script) {
        # A fresh process per case: assemblies loaded by one case must not help or hurt the next.
        $preamble = @"
`$ErrorActionPreference = 'Stop'
`$env:AWS_CONFIG_FILE = '$configFile'
`$env:AWS_SHARED_CREDENTIALS_FILE = '$(Join-Path $TestDrive 'none')'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Remove-Item env:AWS_ACCESS_KEY_ID, env:AWS_SECRET_ACCESS_KEY, env:AWS_DEFAULT_REGION -ErrorAction SilentlyContinue
function Invoke-Lpt { @(Get-ApiIntegrationTarget -RestApiId '$($api.id)' -ProfileName process -EndpointUrl '$($moto.Url)').Count }
function Get-SdkCores {
    [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } |
        ForEach-Object { "`$(`$_.GetName().Version)@`$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name)" } | Sort-Object
}
"@
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command ($preamble + $script) 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = @($output | ForEach-Object { "$_" }) }
    }
}

AfterAll {
    $moto.Stop()
    foreach ($name in $saved.Keys) {
        if ($null -eq $saved[$name]) { Remove-Item "env:$name" -ErrorAction SilentlyContinue } else { Set-Item "env:$name" $saved[$name] }
    }
}

Describe 'Beside AWS Tools <_> (AWSSDK.Core loaded first)' -ForEach 'V4', 'V5' {
    It 'imports and scans with its own AWSSDK.Core in a private load context' {
        $sdk = $awsToolsSdk[$_]
        $result = Invoke-Scenario @"
Add-Type -LiteralPath '$sdk'
Import-Module '$modulePath'
"targets=`$(Invoke-Lpt)"
Get-SdkCores
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Lines -join "`n")
        $result.Lines | Should -Contain 'targets=1'
        # Theirs stays in the default context; ours sits beside it in the module's own context.
        ($result.Lines | Where-Object { $_ -like '*@Default' }) | Should -HaveCount 1
        ($result.Lines | Where-Object { $_ -like '4.0.0.0@LambdaPermTools*' }) | Should -HaveCount 1
    }
}

Describe 'Beside AWS Tools <_> (AWSSDK.Core loaded after us)' -ForEach 'V4', 'V5' {
    It 'lets AWS Tools load and use its AWSSDK.Core after a scan, and keeps working' {
        $sdk = $awsToolsSdk[$_]
        $result = Invoke-Scenario @"
Import-Module '$modulePath'
"before=`$(Invoke-Lpt)"
Add-Type -LiteralPath '$sdk'
"theirs=`$([Amazon.RegionEndpoint]::USEast1.SystemName)"
"after=`$(Invoke-Lpt)"
Get-SdkCores
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Lines -join "`n")
        $result.Lines | Should -Contain 'before=1'
        $result.Lines | Should -Contain 'theirs=us-east-1'
        $result.Lines | Should -Contain 'after=1'
        ($result.Lines | Where-Object { $_ -like '*@Default' }) | Should -HaveCount 1
    }
}
