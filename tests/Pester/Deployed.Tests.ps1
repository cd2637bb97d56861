# What each stage really serves (issue 12, docs/aws-rules.md §4.5), against the in-memory fakes: a stage's GetExport shows
# the deployment it serves (CreateDeployment freezes the current configuration), canaries have their own deployment and
# stage variable overrides. moto answers GetExport with a bare Swagger 2.0 document and has no canaries: EndToEnd.Moto
# pins only the fallback there.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
}

AfterAll {
    Remove-FakeAws
}

Describe 'A stage whose deployment calls a deleted function' {
    BeforeEach {
        $fake = New-FakeAws
        $orders = $fake.AddFunction('orders')
        $ordersV2 = $fake.AddFunction('orders-v2')
        $api = $fake.AddRestApi('api1', 'Shop').AddMethod('/orders', 'GET', 'AWS_PROXY', (Get-LambdaUri $orders))
        $old = $api.CreateDeployment()
        $null = $api.AddStage('prod', $null, $old).AddStage('dev', $null, $old)
        # The integration now calls orders-v2 (granted), dev is redeployed, prod is not, and orders is deleted.
        $null = $api.AddMethod('/orders', 'GET', 'AWS_PROXY', (Get-LambdaUri $ordersV2))
        $null = $fake.SeedPermission($ordersV2, $null, 'orders-v2-get', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/orders')
        $new = $api.Deploy('dev')
        $fake.RemoveFunction($orders)
    }

    It 'is Denied/FunctionNotFound for prod, naming the deployment and saying to redeploy; Allowed for the redeployed dev and test-invoke-stage' {
        $findings = @(Test-ApiLambdaPermission -RestApiId api1 -IncludeTestInvoke -WarningVariable warnings -WarningAction SilentlyContinue)
        $findings | Should -HaveCount 3
        $prod = $findings | Where-Object StageName -eq 'prod'
        $prod.Status | Should -Be 'Denied'
        $prod.Cause | Should -Be 'FunctionNotFound'
        $prod.FunctionArn | Should -Be $orders
        $prod.DeploymentId | Should -Be $old
        $prod.Reason | Should -Match "deployment '$old'"
        $prod.Reason | Should -Match 'redeploy the stage'
        $prod.UndeployedChange | Should -Match ([regex]::Escape($ordersV2))
        $prod.UndeployedChange | Should -Match "deployment '$old', deployed 2026-11-30 10:00 UTC" -Because 'GetDeployment dates the deployment itself'
        $fake.CallCount('GetDeployment') | Should -Be 1 -Because 'only the deployment the current configuration differs from is dated'
        $dev = $findings | Where-Object StageName -eq 'dev'
        $dev.Status | Should -Be 'Allowed'
        $dev.DeploymentId | Should -Be $new
        $dev.UndeployedChange | Should -BeNullOrEmpty
        $test = $findings | Where-Object StageName -eq 'test-invoke-stage'
        $test.Status | Should -Be 'Allowed'
        $test.DeploymentId | Should -BeNullOrEmpty -Because 'the console''s Test button runs the current configuration'
        $warnings | Should -HaveCount 1 -Because 'one warning per stage with an undeployed change'
        "$warnings" | Should -Match "Stage 'prod'.*'$old', deployed 2026-11-30 10:00 UTC.*next deployment"
    }

    It 'reads one GetExport per distinct deployment, and GetRestApi once for the name' {
        $targets = @(Get-ApiIntegrationTarget -RestApiId api1 -WarningAction SilentlyContinue)
        $targets.RestApiName | Sort-Object -Unique | Should -Be 'Shop'
        $fake.CallCount('GetRestApi') | Should -Be 1
        $fake.CallCount('GetExport') | Should -Be 2
        $null = $fake.AddRestApi('api2', 'Other').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $ordersV2))
        $api2 = $fake.AddRestApi('api3', 'Third').AddMethod('/y', 'GET', 'AWS_PROXY', (Get-LambdaUri $ordersV2))
        $shared = $api2.CreateDeployment()
        $null = $api2.AddStage('a', $null, $shared).AddStage('b', $null, $shared).AddStage('c', $null, $shared)
        $fake.ClearCalls()
        $null = Get-ApiIntegrationTarget -RestApiId api3
        $fake.CallCount('GetExport') | Should -Be 1 -Because 'three stages serve one deployment'
    }

    It '-Configuration Current judges prod on the current configuration: Allowed, and reads no export' {
        $prod = Test-ApiLambdaPermission -RestApiId api1 -StageName prod -Configuration Current -WarningVariable warnings
        $prod.Status | Should -Be 'Allowed'
        $prod.FunctionArn | Should -Be $ordersV2
        $prod.DeploymentId | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        $fake.CallCount('GetExport') | Should -Be 0
    }
}

Describe 'Methods added or removed since the deployment' {
    BeforeEach {
        $fake = New-FakeAws
        $fn = $fake.AddFunction('fn')
        $api = $fake.AddRestApi('api1', 'Shop').AddMethod('/old', 'GET', 'AWS_PROXY', (Get-LambdaUri $fn))
        $null = $api.AddStage('prod', $null, $api.CreateDeployment())
        $null = $api.RemoveMethod('/old', 'GET').AddMethod('/new', 'POST', 'AWS_PROXY', (Get-LambdaUri $fn))
    }

    It 'still judges a method removed from the current configuration but deployed, and does not list one added but not deployed' {
        $targets = @(Get-ApiIntegrationTarget -RestApiId api1 -WarningVariable warnings -WarningAction SilentlyContinue)
        $targets | Should -HaveCount 1
        $targets[0].ResourcePath | Should -Be '/old'
        $targets[0].UndeployedChange | Should -Match 'removed'
        "$warnings" | Should -Match 'POST /new: added, not deployed'
        $finding = Test-ApiLambdaPermission -RestApiId api1 -WarningAction SilentlyContinue
        $finding.ResourcePath | Should -Be '/old'
        $finding.Status | Should -Be 'Denied'
        $current = @(Get-ApiIntegrationTarget -RestApiId api1 -Configuration Current)
        $current.ResourcePath | Should -Be '/new'
    }
}

Describe 'A canary release' {
    BeforeEach {
        $fake = New-FakeAws
        $fn = $fake.AddFunction('orders')
        $fake.AddQualifier($fn, 'live')
        $fake.AddQualifier($fn, 'next')
        $api = $fake.AddRestApi('api1', 'Shop').AddMethod('/orders', 'GET', 'AWS_PROXY', (Get-LambdaUri "${fn}:`${stageVariables.alias}"))
        $deployment = $api.CreateDeployment()
        $null = $api.AddStage('prod', @{ alias = 'live' }, $deployment).SetCanary('prod', $deployment, 10, @{ alias = 'next' })
        $null = $fake.SeedPermission($fn, 'live', 'live-get', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/orders')
    }

    It 'is Denied for the canary target only, and Add-ApiLambdaPermission fixes it' {
        $findings = @(Test-ApiLambdaPermission -RestApiId api1)
        $findings | Should -HaveCount 2
        $stage = $findings | Where-Object { -not $_.Canary }
        $stage.Status | Should -Be 'Allowed'
        $stage.Qualifier | Should -Be 'live'
        $canary = $findings | Where-Object Canary
        $canary.Status | Should -Be 'Denied'
        $canary.Qualifier | Should -Be 'next'
        $canary.StageName | Should -Be 'prod'
        $canary.Reason | Should -Match "canary of stage 'prod'.*10%"
        $changes = @(Add-ApiLambdaPermission -RestApiId api1 -Force)
        ($changes | Where-Object Result -eq 'Added').Qualifier | Should -Be 'next'
        @(Test-ApiLambdaPermission -RestApiId api1 | Where-Object Status -ne 'Allowed') | Should -BeNullOrEmpty
    }

    It 'emits no canary target where the canary serves the same as the stage' {
        $null = $api.SetCanary('prod', $deployment, 10, @{ alias = 'live' })
        @(Get-ApiIntegrationTarget -RestApiId api1 | Where-Object Canary) | Should -BeNullOrEmpty
    }

    It 'warns, naming the stage and deployment, and judges no canary target when no stage serves the canary''s deployment' {
        $other = $api.CreateDeployment()
        $null = $api.SetCanary('prod', $other, 10, @{ alias = 'next' })
        $targets = @(Get-ApiIntegrationTarget -RestApiId api1 -WarningVariable warnings -WarningAction SilentlyContinue)
        @($targets | Where-Object Canary) | Should -BeNullOrEmpty
        "$warnings" | Should -Match "Stage 'prod'.*canary on deployment '$other'.*not judged"
        $fake.CallCount('GetExport') | Should -Be 1
    }
}

Describe 'An export that cannot be read' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddStage('prod')
        $null = $fake.SeedPermission($pets, $null, 'pets', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets')
    }

    It 'falls back to the current configuration, saying so in each Reason and in a warning (<kind>)' -TestCases @(
        @{ kind = 'AccessDenied' }, @{ kind = 'Throttled' }
    ) {
        $fake.Inject('GetExport', $kind)
        $findings = @(Test-ApiLambdaPermission -RestApiId api1 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $findings | Should -HaveCount 2
        $findings | ForEach-Object { $_.Reason | Should -Match "deployment 'd-prod'.*could not be read.*current configuration" }
        $findings | ForEach-Object { $_.DeploymentId | Should -BeNullOrEmpty }
        ($findings | Where-Object Kind -eq 'Integration').Status | Should -Be 'Allowed'
        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match "Stage 'prod'.*could not be read.*current configuration"
        $errs | Should -BeNullOrEmpty
    }
}

Describe 'A deployed authorizer that no longer exists' {
    It 'still judges the method that uses it, and says in the authorizer''s finding that its id cannot be read' {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $fake.SeedPermission($pets, $null, 'pets', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets')
        $null = $api.AddStage('prod', $null, $api.CreateDeployment())
        # The method no longer uses the authorizer, which is then deleted; prod is not redeployed.
        $null = $api.AddMethod('/pets', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).RemoveAuthorizer('au1')
        $findings = @(Test-ApiLambdaPermission -RestApiId api1 -WarningVariable warnings -WarningAction SilentlyContinue)
        $findings | Should -HaveCount 2
        $method = $findings | Where-Object Kind -eq 'Integration'
        $method.Status | Should -Be 'Allowed'
        $method.AuthorizerName | Should -Be 'token-auth'
        $method.UndeployedChange | Should -Match "authorizer none instead of 'token-auth'"
        $authorizer = $findings | Where-Object Kind -eq 'Authorizer'
        $authorizer.Status | Should -Be 'Unknown'
        $authorizer.AuthorizerId | Should -BeNullOrEmpty
        $authorizer.Reason | Should -Match "authorizer 'token-auth', which no longer exists.*redeploy"
    }
}
