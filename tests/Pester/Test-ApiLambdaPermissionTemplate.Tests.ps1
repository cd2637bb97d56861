# Test-ApiLambdaPermissionTemplate as users call it: on the template fixtures (tests/Fixtures/Templates, each with
# its expected findings, which the xunit FixtureTests check property by property), on bad input, and as a CI gate.
# It makes no AWS call: the in-memory fakes are installed only to prove that nothing reaches them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1') -Force
    Import-LptTestDoubles
    $fixtures = (Resolve-Path (Join-Path $PSScriptRoot '../Fixtures/Templates')).Path
    $fake = New-FakeAws

    function Copy-Fixture([string[]] $Name) {
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $folder
        foreach ($n in $Name) { Copy-Item -LiteralPath (Join-Path $fixtures $n) -Destination $folder }
        $folder
    }
}

AfterAll {
    Remove-FakeAws
}

Describe 'Test-ApiLambdaPermissionTemplate' {
    Context 'findings' {
        It 'finds the wrong-path grant and the missing authorizer grant of the hand-written REST API, by logical id' {
            $findings = @(Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'cfn-rest-api.yaml'))
            $findings | Should -HaveCount 3
            $findings | ForEach-Object { $_ | Should -BeOfType ([LambdaPermTools.PermissionFinding]) }
            ($findings | ForEach-Object { "$($_.LogicalId) $($_.Status) $($_.Cause) $($_.PermissionLogicalId)".Trim() }) | Should -Be @(
                'ListPetsMethod Allowed GrantedByPolicy ListPetsPermission'
                'GetPetMethod Denied NoMatchingStatement'
                'TokenAuthorizer Denied NoPolicy')
            $findings[1].Reason | Should -Match "differs in the path \(it allows '/pets', this is the resource template '/pets/\{petId\}'\)"
            $findings[1].SourceArn | Should -Be 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${PetsApi}/*/GET/pets/*'
            $findings | ForEach-Object { $_.TemplatePath | Should -Be (Join-Path $fixtures 'cfn-rest-api.yaml') }
        }

        It 'names the SAM permission that grants each event by the logical id SAM gives it' {
            $findings = Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'sam-api-events.yaml') | Where-Object StageName -eq Prod
            $findings.PermissionLogicalId | Should -Be @('HelloFunctionAnyHelloPermissionProd', 'HelloFunctionGetHelloPermissionProd')
            $findings.Status | Should -Be @('Allowed', 'Allowed')
        }

        It 'reports the AutoPublishAlias function granted only on its unqualified name as QualifierMismatch' {
            $finding = Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'sam-autopublish-alias.yaml') | Where-Object LogicalId -eq HelloApi
            $finding.Status | Should -Be 'Denied'
            $finding.Cause | Should -Be 'QualifierMismatch'
            $finding.Qualifier | Should -Be 'live'
        }

        It 'judges the knowledge-center snippets for the region the stack deploys to, and says they depend on it without one' {
            $path = Join-Path $fixtures 'kc-method-snippet.yaml'
            $open = @(Test-ApiLambdaPermissionTemplate -Path $path)
            $open[0].Status | Should -Be 'Unknown'
            $open[0].Cause | Should -Be 'UnresolvedTemplateValue'
            $open[0].Reason | Should -Match "partition 'aws'.*-Region"
            $known = @(Test-ApiLambdaPermissionTemplate -Path $path -Region us-east-1 -AccountId 123456789012)
            ($known | ForEach-Object { "$($_.Kind) $($_.Status)" }) | Should -Be @('Integration Allowed', 'Authorizer Denied')
            $known[1].Reason | Should -Match 'authorizer form'
            $known[0].PresentedSourceArn | Should -Be 'arn:aws:execute-api:us-east-1:123456789012:${Api}/*/GET/pets'
        }

        It 'shows the expression it cannot resolve, and judges it once -Parameter and -Region give the values' {
            $path = Join-Path $fixtures 'unresolved-values.yaml'
            $shared = Test-ApiLambdaPermissionTemplate -Path $path | Where-Object ResourcePath -eq '/shared'
            $shared.Status | Should -Be 'Unknown'
            $shared.Cause | Should -Be 'UnresolvedTemplateValue'
            $shared.Reason | Should -Match ([regex]::Escape('!Ref SharedFunctionArn'))
            $shared.FunctionArn | Should -BeNullOrEmpty

            $given = Test-ApiLambdaPermissionTemplate -Path $path -Region us-east-1 -Parameter @{ SharedFunctionArn = 'arn:aws:lambda:us-east-1:123456789012:function:shared'; StageName = 'prod' }
            ($given | Where-Object ResourcePath -eq '/local').Status | Should -Be 'Allowed'
            ($given | Where-Object ResourcePath -eq '/shared').FunctionArn | Should -Be 'arn:aws:lambda:us-east-1:123456789012:function:shared'
            ($given | Where-Object ResourcePath -eq '/shared').Reason | Should -Match 'not declared in this template'
            $given.StageName | Select-Object -Unique | Should -Be 'prod'
        }

        It 'reads a template given as text, with an empty TemplatePath' {
            $findings = @(Test-ApiLambdaPermissionTemplate -TemplateBody (Get-Content -Raw -LiteralPath (Join-Path $fixtures 'openapi-body.json')))
            ($findings | ForEach-Object { "$($_.HttpMethod) $($_.ResourcePath) $($_.Status)" }) | Should -Be @('GET /health Allowed', 'ANY /{proxy+} Denied')
            $findings.TemplatePath | Should -Be @('', '')
        }

        It 'makes no AWS call and needs no credentials' {
            $fake.ClearCalls()
            $env:AWS_ACCESS_KEY_ID = $null
            $null = Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures '*.yaml')
            $fake.Calls | Should -HaveCount 0
        }
    }

    Context 'paths and pipeline' {
        It 'expands wildcards and takes Get-ChildItem output' {
            $folder = Copy-Fixture 'cfn-rest-api.yaml', 'sam-authorizer.yaml', 'openapi-body.json'
            $byWildcard = @(Test-ApiLambdaPermissionTemplate -Path (Join-Path $folder '*.yaml'))
            $byPipeline = @(Get-ChildItem -LiteralPath $folder -Filter *.yaml | Test-ApiLambdaPermissionTemplate)
            $byWildcard.Count | Should -Be 11
            ($byPipeline | ForEach-Object { "$($_.TemplatePath)|$($_.LogicalId)|$($_.StageName)|$($_.Status)" }) |
                Should -Be ($byWildcard | ForEach-Object { "$($_.TemplatePath)|$($_.LogicalId)|$($_.StageName)|$($_.Status)" })
            @(Get-ChildItem -LiteralPath $folder | Test-ApiLambdaPermissionTemplate).Count | Should -Be 13
        }

        It 'takes paths from the pipeline and -LiteralPath with wildcard characters in the name' {
            $folder = Copy-Fixture 'cfn-rest-api.yaml'
            $odd = Join-Path $folder 'api[1].yaml'
            Copy-Item -LiteralPath (Join-Path $folder 'cfn-rest-api.yaml') -Destination $odd
            @((Join-Path $folder 'cfn-rest-api.yaml') | Test-ApiLambdaPermissionTemplate).Count | Should -Be 3
            @(Test-ApiLambdaPermissionTemplate -LiteralPath $odd).Count | Should -Be 3
        }
    }

    Context 'bad input: clear non-terminating errors, the other files still checked' {
        BeforeAll {
            $folder = Copy-Fixture 'cfn-rest-api.yaml'
            Set-Content -LiteralPath (Join-Path $folder 'azure-pipelines.yml') -Value "trigger: [main]`nsteps:`n  - script: make`n"
            Set-Content -LiteralPath (Join-Path $folder 'broken.yaml') -Value "Resources:`n  Api:`n    Type: AWS::ApiGateway::RestApi`n   Properties: [`n"
            Set-Content -LiteralPath (Join-Path $folder 'tagged.yaml') -Value "Resources:`n  Api:`n    Type: AWS::ApiGateway::RestApi`n    Properties:`n      Name: !Secret pets`n"
            $errors = $null
            $output = Test-ApiLambdaPermissionTemplate -Path (Join-Path $folder '*.y*ml'), (Join-Path $folder 'missing.yaml') -ErrorVariable errors -ErrorAction SilentlyContinue
            $result = [pscustomobject]@{ Output = @($output); Errors = @($errors) }
        }

        It 'still checks the good template' {
            $result.Output | Should -HaveCount 3
        }

        It 'says which files failed, with stable error ids' {
            ($result.Errors | ForEach-Object { $_.FullyQualifiedErrorId }) | Sort-Object | Should -Be @(
                'NotATemplate,LambdaPermTools.Commands.TestApiLambdaPermissionTemplateCommand'
                'PathNotFound,LambdaPermTools.Commands.TestApiLambdaPermissionTemplateCommand'
                'TemplateParseError,LambdaPermTools.Commands.TestApiLambdaPermissionTemplateCommand'
                'TemplateParseError,LambdaPermTools.Commands.TestApiLambdaPermissionTemplateCommand')
        }

        It 'gives file, line and column of a YAML syntax error' {
            $syntax = $result.Errors | Where-Object { "$($_.TargetObject)" -like '*broken.yaml' }
            $syntax.Exception.Message | Should -BeLike '*broken.yaml:4:4: the file is not valid YAML:*'
            $syntax.CategoryInfo.Category | Should -Be 'ParserError'
            $syntax.ErrorDetails.RecommendedAction | Should -Match 'line 4, column 4'
        }

        It 'names an unknown tag where it stands' {
            $tag = $result.Errors | Where-Object { "$($_.TargetObject)" -like '*tagged.yaml' }
            $tag.Exception.Message | Should -BeLike "*tagged.yaml:5:13: the file uses the unknown tag '!Secret'*"
        }

        It 'tells a YAML file that is no template from a broken one' {
            $notTemplate = $result.Errors | Where-Object FullyQualifiedErrorId -like 'NotATemplate*'
            "$($notTemplate.TargetObject)" | Should -BeLike '*azure-pipelines.yml'
            $notTemplate.Exception.Message | Should -Match 'no Resources section'
        }

        It 'stops on an invalid region or account before reading anything' {
            { Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'cfn-rest-api.yaml') -Region 'not a region' } |
                Should -Throw -ErrorId 'InvalidRegion,LambdaPermTools.Commands.TestApiLambdaPermissionTemplateCommand'
            { Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'cfn-rest-api.yaml') -AccountId 1234 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,LambdaPermTools.Commands.TestApiLambdaPermissionTemplateCommand'
        }
    }

    Context '-FailOnDenied' {
        It 'writes every finding, then ends with DeniedTargetsFound counting the denied ones' {
            $found = [System.Collections.Generic.List[object]]::new()
            $err = $null
            try { Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'cfn-rest-api.yaml') -FailOnDenied | ForEach-Object { $found.Add($_) } } catch { $err = $_ }
            $found | Should -HaveCount 3
            $err.FullyQualifiedErrorId | Should -Be 'DeniedTargetsFound,LambdaPermTools.Commands.TestApiLambdaPermissionTemplateCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidResult'
            $err.Exception.Message | Should -Match '^2 '
        }

        It 'makes pwsh -Command exit non-zero for a denied template, and zero when only Allowed and Unknown remain' {
            $module = Join-Path (Get-LptModulePath) 'LambdaPermTools.psd1'
            $denied = Invoke-ChildPwsh -Command "Import-Module '$module'; Test-ApiLambdaPermissionTemplate -Path '$(Join-Path $fixtures 'cfn-rest-api.yaml')' -FailOnDenied | Out-Null"
            $denied.ExitCode | Should -Not -Be 0
            $denied.Output | Should -Match 'Denied'
            $fine = Invoke-ChildPwsh -Command "Import-Module '$module'; Test-ApiLambdaPermissionTemplate -Path '$(Join-Path $fixtures 'unresolved-values.yaml')', '$(Join-Path $fixtures 'sam-api-events.yaml')' -FailOnDenied | Out-Null"
            $fine.ExitCode | Should -Be 0 -Because $fine.Output
        }
    }

    Context 'round trip through ConvertTo-ApiLambdaPermissionTemplate' {
        BeforeAll {
            function Merge-Fix([string] $Template, [string] $Fix) {
                # Pasted as a user does: the resources' lines right under the template's "Resources:" line.
                $lines = [System.Collections.Generic.List[string]](Get-Content -LiteralPath $Template)
                $at = $lines.IndexOf('Resources:')
                $resources = @($Fix -split "`n" | Select-Object -Skip (1 + [array]::IndexOf(($Fix -split "`n"), 'Resources:')) | Where-Object { $_ })
                $lines.InsertRange($at + 1, [string[]]$resources)
                $merged = Join-Path $TestDrive ("merged-" + (Split-Path -Leaf $Template))
                Set-Content -LiteralPath $merged -Value $lines
                $merged
            }

            $cases = @(
                @{ Name = 'cfn-rest-api.yaml'; Settings = @{} }
                @{ Name = 'kc-method-snippet.yaml'; Settings = @{ Region = 'us-east-1'; AccountId = '123456789012' } }
                @{ Name = 'sam-authorizer.yaml'; Settings = @{} }
                @{ Name = 'sam-definition-body.yaml'; Settings = @{} }
                @{ Name = 'sam-autopublish-alias.yaml'; Settings = @{} }
            )
            $merged = foreach ($case in $cases) {
                $settings = $case.Settings
                $template = Join-Path $fixtures $case.Name
                $before = @(Test-ApiLambdaPermissionTemplate -Path $template @settings)
                $fix = $before | ConvertTo-ApiLambdaPermissionTemplate
                $file = Merge-Fix $template $fix
                [pscustomobject]@{ Name = $case.Name; Before = $before; Fix = $fix; File = $file; After = @(Test-ApiLambdaPermissionTemplate -Path $file @settings) }
            }
        }

        It 'turns every Denied finding that a grant fixes into Allowed by the pasted resource, and changes nothing else (<_>)' -ForEach @(
            'cfn-rest-api.yaml', 'kc-method-snippet.yaml', 'sam-authorizer.yaml', 'sam-definition-body.yaml', 'sam-autopublish-alias.yaml') {
            $case = $merged | Where-Object Name -eq $_
            $case | Should -Not -BeNullOrEmpty
            $case.After.Count | Should -Be $case.Before.Count
            @($case.Before | Where-Object { $_.Status -eq 'Denied' -and $_.SourceArn }).Count | Should -BeGreaterThan 0
            for ($i = 0; $i -lt $case.Before.Count; $i++) {
                $was = $case.Before[$i]
                $now = $case.After[$i]
                if ($was.Status -eq 'Denied' -and $was.SourceArn) {
                    $now.Status | Should -Be 'Allowed' -Because "$($now.StageName) $($now.HttpMethod) $($now.ResourcePath): $($now.Reason)"
                    $case.Fix | Should -Match ([regex]::Escape("  $($now.PermissionLogicalId):"))
                }
                else {
                    $now.Status | Should -Be $was.Status
                }
            }
        }

        It 'writes the fix with the template''s own names' {
            ($merged | Where-Object Name -eq 'sam-autopublish-alias.yaml').Fix | Should -Match 'FunctionName: !Ref HelloFunction\.Alias'
            ($merged | Where-Object Name -eq 'cfn-rest-api.yaml').Fix | Should -Match ([regex]::Escape('SourceArn: !Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${PetsApi}/authorizers/${TokenAuthorizer}"'))
        }

        It 'merges a JSON template''s fix as JSON, and the re-check is Allowed' {
            $template = Join-Path $fixtures 'openapi-body.json'
            $fix = Test-ApiLambdaPermissionTemplate -Path $template | ConvertTo-ApiLambdaPermissionTemplate -Format CloudFormationJson | ConvertFrom-Json
            $document = Get-Content -Raw -LiteralPath $template | ConvertFrom-Json
            $fix.Resources.PSObject.Properties | ForEach-Object { $document.Resources | Add-Member -NotePropertyName $_.Name -NotePropertyValue $_.Value }
            $file = Join-Path $TestDrive 'merged-openapi-body.json'
            $document | ConvertTo-Json -Depth 32 | Set-Content -LiteralPath $file
            (Test-ApiLambdaPermissionTemplate -Path $file).Status | Should -Be @('Allowed', 'Allowed')
        }

        It 'is accepted by cfn-lint once merged' {
            $output = Invoke-CfnLint --regions us-east-1 '--' @($merged.File) 2>&1  # quoted: a bare -- would end PowerShell's own arguments
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        }

        It 'refuses a format that cannot hold the template''s names' {
            { Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'cfn-rest-api.yaml') | ConvertTo-ApiLambdaPermissionTemplate -Format Terraform } |
                Should -Throw -ErrorId 'TemplateFindingFormat,LambdaPermTools.Commands.ConvertToApiLambdaPermissionTemplateCommand'
        }
    }

    Context '-JUnitPath' {
        It 'writes one test case per finding: failure for Denied, skipped for Unknown, the Reason as message, also when -FailOnDenied ends the command' {
            $report = Join-Path $TestDrive 'templates.junit.xml'
            $findings = [System.Collections.Generic.List[object]]::new()
            try {
                Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'cfn-rest-api.yaml'), (Join-Path $fixtures 'unresolved-values.yaml') -JUnitPath $report -FailOnDenied |
                    ForEach-Object { $findings.Add($_) }
            }
            catch { $_.FullyQualifiedErrorId | Should -BeLike 'DeniedTargetsFound*' }

            $xml = [xml](Get-Content -Raw -LiteralPath $report)
            $cases = @($xml.testsuites.testsuite.testcase)
            $cases | Should -HaveCount $findings.Count
            $xml.testsuites.tests | Should -Be "$($findings.Count)"
            @($xml.testsuites.testsuite).name | Should -Be @((Join-Path $fixtures 'cfn-rest-api.yaml'), (Join-Path $fixtures 'unresolved-values.yaml'))
            for ($i = 0; $i -lt $findings.Count; $i++) {
                $case = $cases[$i]
                switch ($findings[$i].Status) {
                    'Denied' { $case.failure.message | Should -Be $findings[$i].Reason; $case.failure.type | Should -Be "$($findings[$i].Cause)" }
                    'Unknown' { $case.skipped.message | Should -Be $findings[$i].Reason; $case.failure | Should -BeNullOrEmpty }
                    'Allowed' { $case.failure | Should -BeNullOrEmpty; $case.skipped | Should -BeNullOrEmpty }
                }
            }

            $cases[1].name | Should -Be 'prod GET /pets/{petId} (GetPetMethod) → arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${PetsFunction}'
            $xml.testsuites.failures | Should -Be '2'
            $xml.testsuites.skipped | Should -Be '3'
        }

        It 'refuses a report path in a folder that does not exist, before checking anything' {
            { Test-ApiLambdaPermissionTemplate -Path (Join-Path $fixtures 'cfn-rest-api.yaml') -JUnitPath (Join-Path $TestDrive 'nope/report.xml') } |
                Should -Throw -ErrorId 'JUnitPathNotFound,LambdaPermTools.Commands.TestApiLambdaPermissionTemplateCommand'
        }
    }
}

Describe 'Test-ApiLambdaPermission -JUnitPath (the same report for live APIs)' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddStage('prod')
        $null = $fake.SeedPermission($pets, $null, 'ok', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets')
    }

    It 'writes one test case per finding, failure for Denied with the Reason, even when -FailOnDenied ends the command' {
        $report = Join-Path $TestDrive 'live.junit.xml'
        $findings = [System.Collections.Generic.List[object]]::new()
        $err = $null
        try { Test-ApiLambdaPermission -RestApiId api1 -JUnitPath $report -FailOnDenied | ForEach-Object { $findings.Add($_) } } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'DeniedTargetsFound*'

        $xml = [xml](Get-Content -Raw -LiteralPath $report)
        $xml.testsuites.testsuite.name | Should -Be 'PetStore (api1)'   # one GetRestApi fills the name of an API named by id
        $cases = @($xml.testsuites.testsuite.testcase)
        $cases | Should -HaveCount 2
        $cases[0].name | Should -Be 'prod GET /pets → arn:aws:lambda:us-east-1:111122223333:function:pets'
        $cases[0].failure | Should -BeNullOrEmpty
        $denied = $findings | Where-Object Status -eq Denied
        $cases[1].failure.message | Should -Be $denied.Reason
        $cases[1].failure.type | Should -Be 'NoPolicy'
    }

    It 'refuses a report path in a folder that does not exist before any AWS call' {
        $fake.ClearCalls()
        { Test-ApiLambdaPermission -RestApiId api1 -JUnitPath (Join-Path $TestDrive 'nope/live.xml') } |
            Should -Throw -ErrorId 'JUnitPathNotFound,LambdaPermTools.Commands.TestApiLambdaPermissionCommand'
        $fake.Calls | Should -HaveCount 0
    }
}
