# Help: Get-Help shows complete text for every cmdlet (synopsis, description, every parameter, examples), the
# about topic shows, and every help example runs against the in-memory fakes, so help cannot rot.
# The fakes hold the scene of ./build.ps1 Demo (the AWS knowledge-center situation): REST API a1b2c3d4e5 "pets"
# in eu-west-1, account 123456789012; GET /pets -> petsFn behind TOKEN authorizer petsAuth -> petsAuthorizer;
# GET /pets/{petId} -> petsFn:${stageVariables.alias}; stages prod (alias=prod) and dev (alias=dev); no grants for
# this API, and on petsFn one grant 'old-stack-pets' left behind by a deleted API (for the policy-hygiene examples);
# custom domain api.example.com maps base path v1 to stage prod, and rules.example.com routes by a rule on header
# x-version (beta* -> dev), then by its (none) mapping to prod (for the -Uri examples).
# Examples about HTTP and WebSocket APIs also get HTTP API h1t2p3q4r5 "pets-http", quick-created on petsFn.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
    $commands = @(Get-Command -Module LambdaPermTools | Sort-Object Name | ForEach-Object Name)
    $examples = foreach ($command in $commands) {
        $number = 0
        foreach ($example in (Get-Help $command).examples.example) {
            $number++
            @{ Command = $command; Number = $number; Code = $example.code }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    function New-DemoScene([switch] $WithHttpApi) {
        # The demo's scene, in the fakes (which keep one policy per qualifier, as AWS does).
        $fake = New-FakeAws
        $fake.CallerAccount = '123456789012'
        $fake.DefaultRegion = 'eu-west-1'
        $petsFn = $fake.AddFunction('petsFn')
        $fake.AddQualifier($petsFn, 'prod')
        $fake.AddQualifier($petsFn, 'dev')
        $authorizerFn = $fake.AddFunction('petsAuthorizer')
        $null = $fake.AddRestApi('a1b2c3d4e5', 'pets').
            AddAuthorizer('au1pets', 'petsAuth', 'TOKEN', (Get-LambdaUri $authorizerFn -Region eu-west-1)).
            AddMethod('/pets', 'GET', 'AWS_PROXY', (Get-LambdaUri $petsFn -Region eu-west-1), $null, 'au1pets').
            AddMethod('/pets/{petId}', 'GET', 'AWS_PROXY', (Get-LambdaUri "${petsFn}:`${stageVariables.alias}" -Region eu-west-1)).
            AddStage('prod', @{ alias = 'prod' }).
            AddStage('dev', @{ alias = 'dev' })
        $null = $fake.SeedPermission($petsFn, $null, 'old-stack-pets', 'arn:aws:execute-api:eu-west-1:123456789012:z9y8x7w6v5/*/GET/pets')
        $null = $fake.AddDomainName('api.example.com').AddBasePathMapping('v1', 'a1b2c3d4e5', 'prod')
        $rules = $fake.AddDomainName('rules.example.com', 'ROUTING_RULE_THEN_BASE_PATH_MAPPING')
        $null = $rules.AddBasePathMapping('(none)', 'a1b2c3d4e5', 'prod')
        $null = $rules.AddRoutingRule(10, 'a1b2c3d4e5', 'dev').MatchHeaders('x-version', 'beta*')
        # Stage prod's execution log of ten minutes ago: GET /pets/{petId} and the authorizer failing (Find-ApiLambdaPermissionError).
        $lines = @(Get-ExecutionLogLine -RequestId 'a1a1a1a1-0000-4000-8000-000000000001' -FunctionArn "${petsFn}:prod" -ResourcePath '/pets/{petId}' -RequestPath '/pets/42') +
            @(Get-ExecutionLogLine -RequestId 'a1a1a1a1-0000-4000-8000-000000000002' -FunctionArn $authorizerFn -Authorizer)
        $fake.AddLogEvents('API-Gateway-Execution-Logs_a1b2c3d4e5/prod', [DateTimeOffset]::UtcNow.AddMinutes(-10), [string[]] $lines)
        if ($WithHttpApi) {
            $null = $fake.QuickCreateHttpApi('h1t2p3q4r5', 'pets-http', $petsFn)
        }

        $fake
    }

    # Stand-ins for the AWS Tools for PowerShell cmdlets that examples pipe from and to, with their parameter
    # names and pipeline binding (docs/powershell-rules.md §6), so the examples run without AWS Tools.
    function Get-AGRestApiList {
        param([string] $Region)
        [Amazon.APIGateway.Model.RestApi]@{ Id = 'a1b2c3d4e5'; Name = 'pets'; RootResourceId = 'root' }
    }

    function Get-AG2ApiList {
        param([string] $Region)
        [pscustomobject]@{ ApiId = 'h1t2p3q4r5'; Name = 'pets-http'; ProtocolType = 'HTTP' }
    }

    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/AwsToolsStandIn.psm1') -Force
}

AfterAll {
    Remove-FakeAws
}

Describe 'Get-Help <_>' -ForEach $commands {
    BeforeAll {
        $name = $_
        $help = Get-Help $name -Full
    }

    It 'has a synopsis and a description from the help file' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^$name \["   # without MAML, PowerShell shows the syntax as synopsis
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $parameters = (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $common }
        $parameters | Should -Not -BeNullOrEmpty
        $undescribed = $parameters | Where-Object { -not ((Get-Help $name -Parameter $_).description.Text -join '').Trim() }
        $undescribed | Should -BeNullOrEmpty -Because 'every parameter needs text in src/LambdaPermTools/help'
    }

    It 'has at least one example with code' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
        $help.examples.example | ForEach-Object { $_.code | Should -Not -BeNullOrEmpty }
    }

    It 'shows synopsis, syntax, parameters and examples with -Full' {
        $text = Get-Help $name -Full | Out-String -Width 250
        $text | Should -Match ([regex]::Escape($help.Synopsis))
        $text | Should -Match 'SYNTAX'
        $text | Should -Match 'PARAMETERS'
        $text | Should -Match 'Example 1: '
    }
}

Describe 'Get-Help about_LambdaPermTools' {
    It 'shows the topic: the error, the causes, fixes and CI gates' {
        $text = Get-Help about_LambdaPermTools | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'Execution failed due to configuration error: Invalid permissions on Lambda function'
        $text | Should -Match 'QualifierMismatch'
        $text | Should -Match 'ConvertTo-ApiLambdaPermissionTemplate'
        $text | Should -Match 'Azure DevOps'
        $text | Should -Match 'Jenkins'
        $text | Should -Match '-FailOnDenied'
    }
}

Describe 'Help example <Command> #<Number>' -ForEach $examples {
    BeforeEach {
        $fake = New-DemoScene -WithHttpApi:($Code -match 'Get-AG2ApiList|-ApiId|-ApiType')
        Clear-AddLMPermissionCall
        # Test-ApiLambdaPermissionTemplate's examples read the template fixtures from ./templates.
        Copy-Item -Recurse -LiteralPath (Join-Path $PSScriptRoot '../Fixtures/Templates') -Destination (Join-Path $TestDrive 'templates')
        Push-Location -LiteralPath $TestDrive
    }

    AfterEach {
        Pop-Location
        Get-ChildItem -LiteralPath $TestDrive | Remove-Item -Recurse -Force
    }

    It 'runs against the demo scene and does what it says' {
        $ErrorActionPreference = 'Stop'
        $failure = $null
        $output = try { @(& ([scriptblock]::Create($Code))) } catch { $failure = $_ }

        if ($Code -match '-FailOnDenied') {
            # The CI-gate example: every finding is kept, then the terminating error fails the job.
            $failure.FullyQualifiedErrorId | Should -BeLike 'DeniedTargetsFound*'
            @(Import-Csv -LiteralPath (Join-Path $TestDrive 'lambda-permissions.csv')).Count | Should -Be 6
            return
        }

        $failure | Should -BeNullOrEmpty
        $added = $fake.CallCount('AddPermission')
        if ($Code -match '-WhatIf') {
            $added | Should -Be 0 -Because '-WhatIf changes nothing'
            $fake.CallCount('RemovePermission') | Should -Be 0 -Because '-WhatIf changes nothing'
        }
        elseif ($Code -match 'Add-ApiLambdaPermission') {
            $added | Should -BeGreaterThan 0
        }
        elseif ($Code -match 'Remove-ApiLambdaPermission') {
            $fake.CallCount('RemovePermission') | Should -Be 1 -Because 'the scene has one grant of a deleted API'
            $output.Result | Should -Be 'Removed'
        }

        if ($Code -match 'Add-LMPermission') {
            $lmCalls = @(Get-AddLMPermissionCall)
            $lmCalls.Count | Should -Be 4 -Because 'the scene has four distinct grants to add'
            $lmCalls | ForEach-Object {
                $_.FunctionName | Should -Match '^arn:aws:lambda:eu-west-1:123456789012:function:[A-Za-z]+$'
                $_.Action | Should -Be 'lambda:InvokeFunction'
                $_.Principal | Should -Be 'apigateway.amazonaws.com'
                $_.SourceArn | Should -BeLike 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*'
                $_.Region | Should -Be 'eu-west-1'
            }
        }

        if ($Code -match '(Set-Content|Export-Csv) -Path \./([\w.-]+)') {
            Get-Content -Raw -LiteralPath (Join-Path $TestDrive $Matches[2]) | Should -Not -BeNullOrEmpty
        }
        elseif ($Code -notmatch '-WhatIf') {
            $output | Should -Not -BeNullOrEmpty
        }
    }
}
