# How the four cmdlets select what to look at (cmdlet-contract.md, "Selecting what to look at"), against the
# in-memory fakes. No selection and no pipeline input: Get-/Test- read every REST API of the region, as -All does;
# Add-/ConvertTo- stop before any AWS call. The cmdlets have no DefaultParameterSetName, so that every pipeline form
# binds as it always has; each form is pinned here, per cmdlet.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    function Get-Key {
        # One line per object, every property, sorted: APIs are read concurrently, so output order may differ.
        param([Parameter(ValueFromPipeline)] $InputObject)
        process { ($InputObject.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value -join ',')" }) -join ';' }
    }

    function Get-ApiIdsRead {
        param($Fake)
        @($Fake.CallsOf('GetStages') | ForEach-Object { $_['restapi_id'] } | Sort-Object)
    }
}

AfterAll {
    Remove-FakeAws
}

Describe 'Selection' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddStage('prod').AddStage('dev')
        foreach ($i in 2..4) {
            $null = $fake.AddRestApi("api$i", "Api $i").AddMethod('/x', 'POST', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
        }
    }

    Context 'no selection and nothing piped in' {
        It '<Command> reads every REST API of the region and writes what -All writes' -ForEach @(
            @{ Command = 'Get-ApiIntegrationTarget' }
            @{ Command = 'Test-ApiLambdaPermission' }
        ) {
            $all = @(& $Command -All | Get-Key | Sort-Object)
            $allCalls = @($fake.Calls | ForEach-Object { "$_" } | Sort-Object)
            $fake.ClearCalls()
            $none = @(& $Command | Get-Key | Sort-Object)
            $all.Count | Should -BeGreaterThan 5
            $none | Should -Be $all
            @($fake.Calls | ForEach-Object { "$_" } | Sort-Object) | Should -Be $allCalls -Because 'the same AWS calls, GetRestApis pages included'
            Get-ApiIdsRead $fake | Should -Be @('api1', 'api2', 'api3', 'api4')
        }

        It '<Command> -StageName alone selects those stages of every API' -ForEach @(
            @{ Command = 'Get-ApiIntegrationTarget' }
            @{ Command = 'Test-ApiLambdaPermission' }
        ) {
            $out = @(& $Command -StageName dev)
            ($out.RestApiId | Sort-Object -Unique) | Should -Be 'api1' -Because 'only api1 has a dev stage'
            ($out.StageName | Sort-Object -Unique) | Should -Be 'dev'
            Get-ApiIdsRead $fake | Should -Be @('api1', 'api2', 'api3', 'api4')
        }

        It '<Command> stops with NoSelection, naming -RestApiId, -All and the pipeline, and calls nothing' -ForEach @(
            @{ Command = 'Add-ApiLambdaPermission'; Class = 'AddApiLambdaPermissionCommand'; Extra = @{} }
            @{ Command = 'Add-ApiLambdaPermission'; Class = 'AddApiLambdaPermissionCommand'; Extra = @{ WhatIf = $true; Scope = 'Api'; StageName = 'prod' } }
            @{ Command = 'ConvertTo-ApiLambdaPermissionTemplate'; Class = 'ConvertToApiLambdaPermissionTemplateCommand'; Extra = @{} }
            @{ Command = 'ConvertTo-ApiLambdaPermissionTemplate'; Class = 'ConvertToApiLambdaPermissionTemplateCommand'; Extra = @{ Format = 'Terraform'; Region = 'us-east-1' } }
        ) {
            $err = $null
            $out = @(try { & $Command @Extra -ErrorAction SilentlyContinue } catch { $err = $_ })
            $out | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be "NoSelection,LambdaPermTools.Commands.$Class"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $advice = "$($err.Exception.Message) $($err.ErrorDetails.RecommendedAction)"
            $advice | Should -Match '-RestApiId'
            $advice | Should -Match '-All'
            $advice | Should -Match 'pipe'
            $fake.Calls | Should -BeNullOrEmpty
            $fake.Connections | Should -BeNullOrEmpty
        }

        It '<Command> with an empty pipeline writes nothing and calls nothing, without an error' -ForEach @(
            @{ Command = 'Add-ApiLambdaPermission' }
            @{ Command = 'Test-ApiLambdaPermission' }
        ) {
            $out = @(@() | & $Command -ErrorVariable errs)
            $out | Should -BeNullOrEmpty
            $errs | Should -BeNullOrEmpty
            $fake.Calls | Should -BeNullOrEmpty
        }
    }

    Context 'pipeline forms that select APIs' {
        It '<Command> takes Get-AGRestApiList objects, ids as strings and objects with RestApiId (and Region) from the pipeline' -ForEach @(
            @{ Command = 'Get-ApiIntegrationTarget'; Extra = @{} }
            @{ Command = 'Test-ApiLambdaPermission'; Extra = @{} }
            @{ Command = 'Add-ApiLambdaPermission'; Extra = @{ WhatIf = $true } }
            @{ Command = 'ConvertTo-ApiLambdaPermissionTemplate'; Extra = @{ WarningAction = 'SilentlyContinue' } }
        ) {
            $null = 'api2', 'api3' | ForEach-Object { [Amazon.APIGateway.Model.RestApi]@{ Id = $_; Name = "Api $($_.Substring(3))" } } | & $Command @Extra
            Get-ApiIdsRead $fake | Should -Be @('api2', 'api3')
            $fake.ClearCalls()
            $null = 'api3', 'api4' | & $Command @Extra
            Get-ApiIdsRead $fake | Should -Be @('api3', 'api4')
            $fake.ClearCalls()
            $null = [pscustomobject]@{ RestApiId = 'api4' } | & $Command @Extra
            Get-ApiIdsRead $fake | Should -Be @('api4')
            $fake.ClearCalls()
            $null = [pscustomobject]@{ RestApiId = 'api1'; Region = 'us-east-1' }, [pscustomobject]@{ RestApiId = 'api2'; Region = 'eu-west-1' } | & $Command @Extra -ErrorAction SilentlyContinue
            ($fake.CallsOf('GetStages') | ForEach-Object { "$($_['restapi_id'])@$($_.Region)" }) | Should -Be @('api1@us-east-1') -Because 'api2 is not in eu-west-1: its GetResources failed there'
            @($fake.Connections | Select-Object -Last 2).Region | Sort-Object | Should -Be @('eu-west-1', 'us-east-1')
        }

        It '<Command> takes -RestApiId by position' -ForEach @(
            @{ Command = 'Get-ApiIntegrationTarget' }
            @{ Command = 'Test-ApiLambdaPermission' }
            @{ Command = 'ConvertTo-ApiLambdaPermissionTemplate' }
        ) {
            $null = & $Command api3 -WarningAction SilentlyContinue
            Get-ApiIdsRead $fake | Should -Be @('api3')
        }
    }

    Context 'pipeline forms that carry targets or findings' {
        BeforeEach {
            $targets = @(Get-ApiIntegrationTarget -RestApiId api1 -StageName prod)
            $findings = @(Test-ApiLambdaPermission -RestApiId api1 -StageName prod)
            $fake.ClearCalls()
        }

        It '<Command> judges Get-ApiIntegrationTarget output without reading an API again' -ForEach @(
            @{ Command = 'Test-ApiLambdaPermission'; Extra = @{}; PolicyReads = 2 }
            @{ Command = 'Add-ApiLambdaPermission'; Extra = @{ WhatIf = $true }; PolicyReads = 4 }
            @{ Command = 'ConvertTo-ApiLambdaPermissionTemplate'; Extra = @{}; PolicyReads = 2 }
        ) {
            $null = $targets | & $Command @Extra
            @($fake.Calls | Where-Object Service -eq 'apigateway') | Should -BeNullOrEmpty
            # The two targets of stage prod are judged; Add- then reads each grant's policy again right before it would add it.
            $fake.CallCount('GetPolicy') | Should -Be $PolicyReads
        }

        It 'Test-ApiLambdaPermission judges its own findings piped back in again' {
            $again = @($findings | Test-ApiLambdaPermission)
            $again | Should -HaveCount 2
            $fake.CallCount('GetPolicy') | Should -Be 2
            @($fake.Calls | Where-Object Service -eq 'apigateway') | Should -BeNullOrEmpty
        }

        It '<Command> takes Test-ApiLambdaPermission output as it is: nothing is read to plan it' -ForEach @(
            @{ Command = 'Add-ApiLambdaPermission'; Extra = @{ WhatIf = $true } }
            @{ Command = 'ConvertTo-ApiLambdaPermissionTemplate'; Extra = @{ Format = 'AwsCli' } }
        ) {
            $out = @($findings | & $Command @Extra)
            @($fake.Calls | Where-Object Service -eq 'apigateway') | Should -BeNullOrEmpty
            if ($Command -like 'ConvertTo*') {
                $out | Should -Match ([regex]::Escape("api1/*/GET/pets'"))
                $fake.Calls | Should -BeNullOrEmpty
                $fake.Connections | Should -HaveCount 2 -Because 'the two cmdlet calls in BeforeEach connected, ConvertTo did not'
            }
            else {
                $fake.CallCount('AddPermission') | Should -Be 0
                $fake.CallCount('GetPolicy') | Should -Be 2 -Because '-WhatIf still reads each policy to tell an existing grant from a missing one'
            }
        }
    }
}
