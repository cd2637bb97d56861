# ConvertTo-ApiLambdaPermissionTemplate against the in-memory fakes (tests/LambdaPermTools.TestDoubles),
# injected through [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
}

AfterAll {
    Remove-FakeAws
}

Describe 'ConvertTo-ApiLambdaPermissionTemplate' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddStage('prod').AddStage('dev')
        $fake.AddQualifier($pets, 'live')
        $null = $fake.AddRestApi('api3', 'Alias').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri "${pets}:live")).AddStage('prod')
        $findings = @(Test-ApiLambdaPermission -RestApiId api1, api3)
        $fake.ClearCalls()
    }

    It 'collects every piped finding and writes one string, without calling AWS' {
        $connections = $fake.Connections.Count
        $out = @($findings | ConvertTo-ApiLambdaPermissionTemplate -Format CloudFormationYaml)
        $out | Should -HaveCount 1
        $out[0] | Should -BeOfType ([string])
        ([regex]::Matches($out[0], 'Type: AWS::Lambda::Permission')).Count | Should -Be 3
        $out[0] | Should -Match ([regex]::Escape('SourceArn: "arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets"'))
        $out[0] | Should -Match ([regex]::Escape('SourceArn: "arn:aws:execute-api:us-east-1:111122223333:api1/authorizers/au1"'))
        $out[0] | Should -Match ([regex]::Escape('FunctionName: "arn:aws:lambda:us-east-1:111122223333:function:pets:live"'))
        $fake.Calls | Should -BeNullOrEmpty
        $fake.Connections.Count | Should -Be $connections -Because 'piped findings need no connection'
    }

    It 'writes CloudFormation JSON that parses' {
        $template = $findings | ConvertTo-ApiLambdaPermissionTemplate -Format CloudFormationJson | ConvertFrom-Json
        $resources = @($template.Resources.PSObject.Properties.Value)
        $resources | Should -HaveCount 3
        $resources.Type | Sort-Object -Unique | Should -Be 'AWS::Lambda::Permission'
        $resources.Properties.Principal | Sort-Object -Unique | Should -Be 'apigateway.amazonaws.com'
    }

    It 'writes Terraform and AWS CLI text with the alias as qualifier' {
        $terraform = $findings | ConvertTo-ApiLambdaPermissionTemplate -Format Terraform
        ([regex]::Matches($terraform, 'resource "aws_lambda_permission"')).Count | Should -Be 3
        $terraform | Should -Match 'qualifier\s+= "live"'
        $cli = $findings | ConvertTo-ApiLambdaPermissionTemplate -Format AwsCli
        @($cli -split "`n" | Where-Object { $_ -like 'aws lambda add-permission *' }) | Should -HaveCount 3
        $cli | Should -Match "--qualifier 'live'"
    }

    It 'writes AWS Tools commands that, when run, fix every Denied finding' {
        $script = $findings | ConvertTo-ApiLambdaPermissionTemplate -Format AwsPowerShell
        # Stand-in for AWS Tools' Add-LMPermission that applies the grant to the fake account.
        function Add-LMPermission {
            param($Region, $FunctionName, $Qualifier, $StatementId, $Action, $Principal, $SourceArn)
            $null = $fake.SeedPermission($FunctionName, $Qualifier, $StatementId, $SourceArn, $Principal)
        }
        Invoke-Expression $script
        (Test-ApiLambdaPermission -RestApiId api1, api3).Status | Sort-Object -Unique | Should -Be 'Allowed'
    }

    It 'selects and scans APIs itself, and honours -Scope' {
        $stage = ConvertTo-ApiLambdaPermissionTemplate -RestApiId api1 -Scope Stage -Format AwsCli
        $stage | Should -Match ([regex]::Escape("api1/prod/GET/pets'"))
        $stage | Should -Match ([regex]::Escape("api1/dev/GET/pets'"))
        $fake.CallCount('GetResources') | Should -BeGreaterThan 0
        $whole = ConvertTo-ApiLambdaPermissionTemplate -RestApiId api1 -Scope Api -Format AwsCli
        $whole | Should -Match ([regex]::Escape("api1/*'"))
    }

    It 'defaults to CloudFormation YAML and accepts only the six formats' {
        $findings | ConvertTo-ApiLambdaPermissionTemplate | Should -Match '^AWSTemplateFormatVersion'
        { $findings | ConvertTo-ApiLambdaPermissionTemplate -Format Pulumi } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,LambdaPermTools.Commands.ConvertToApiLambdaPermissionTemplateCommand'
        [enum]::GetNames([LambdaPermTools.Rendering.TemplateFormat]) | Should -Be @('CloudFormationYaml', 'CloudFormationJson', 'Terraform', 'AwsCli', 'AwsPowerShell', 'ResourcePolicy')
        (Get-Command ConvertTo-ApiLambdaPermissionTemplate).OutputType.Type | Should -Be ([string])
    }

    It 'warns and writes an empty template when nothing needs a grant' {
        $allowed = @(Add-ApiLambdaPermission -RestApiId api1 | Out-Null; Test-ApiLambdaPermission -RestApiId api1)
        $text = $allowed | ConvertTo-ApiLambdaPermissionTemplate -WarningVariable warnings -WarningAction SilentlyContinue
        $text | Should -Be ''
        $warnings | Should -HaveCount 1
    }

    It 'warns, writes an empty template and calls nothing when no Denied finding reaches it' {
        $connections = $fake.Connections.Count
        $text = @($findings | Where-Object Status -eq 'Unknown' | ConvertTo-ApiLambdaPermissionTemplate -Format Terraform -WarningVariable warnings -WarningAction SilentlyContinue)
        $text | Should -Be @('')
        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match 'No Denied finding'
        $fake.Calls | Should -BeNullOrEmpty
        $fake.Connections.Count | Should -Be $connections
    }
}
