# -Uri / -HttpMethod on Get-ApiIntegrationTarget and Test-ApiLambdaPermission against the in-memory fakes: a failing
# request to exactly the resource, method and targets API Gateway reaches, with Trace; bad input ends before any call.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
    $base = 'https://api1.execute-api.us-east-1.amazonaws.com'
}

AfterAll {
    Remove-FakeAws
}

Describe '-Uri routes a request as API Gateway does' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $fns = @{}
        foreach ($name in 'root', 'pet', 'mine', 'proxy', 'cafe') { $fns[$name] = $fake.AddFunction($name) }
        $null = $api.AddMethod('/', 'GET', 'AWS_PROXY', (Get-LambdaUri $fns.root)).
            AddMethod('/pets/{petId}', 'GET', 'AWS_PROXY', (Get-LambdaUri $fns.pet)).
            AddMethod('/pets/{petId}', 'ANY', 'AWS_PROXY', (Get-LambdaUri $fns.pet)).
            AddMethod('/pets/mine', 'GET', 'AWS_PROXY', (Get-LambdaUri $fns.mine)).
            AddMethod('/{proxy+}', 'ANY', 'AWS_PROXY', (Get-LambdaUri $fns.proxy)).
            AddMethod("/caf$([char]0xe9)", 'GET', 'AWS_PROXY', (Get-LambdaUri $fns.cafe)).
            AddStage('prod')
    }

    It '<Path> <Verb> reaches <Resource> <Method>' -ForEach @(
        @{ Path = '/prod/pets/mine'; Verb = 'GET'; Resource = '/pets/mine'; Method = 'GET'; Fn = 'mine' }      # literal beats {param}
        @{ Path = '/prod/pets/42'; Verb = 'GET'; Resource = '/pets/{petId}'; Method = 'GET'; Fn = 'pet' }      # {param} beats {proxy+}
        @{ Path = '/prod/a/b/c'; Verb = 'GET'; Resource = '/{proxy+}'; Method = 'ANY'; Fn = 'proxy' }          # greedy takes the rest
        @{ Path = '/prod/'; Verb = 'GET'; Resource = '/'; Method = 'GET'; Fn = 'root' }                        # root
        @{ Path = '/prod/pets/42/'; Verb = 'GET'; Resource = '/pets/{petId}'; Method = 'GET'; Fn = 'pet' }     # trailing slash
        @{ Path = '/prod/pets/42'; Verb = 'DELETE'; Resource = '/pets/{petId}'; Method = 'ANY'; Fn = 'pet' }   # ANY fallback
        @{ Path = '/prod/caf%C3%A9'; Verb = 'GET'; Resource = "/caf$([char]0xe9)"; Method = 'GET'; Fn = 'cafe' } # URL-encoded
    ) {
        $targets = @(Get-ApiIntegrationTarget -Uri ($base + $Path) -HttpMethod $Verb)
        $targets | Should -HaveCount 1
        $target = $targets[0]
        $target.ResourcePath | Should -Be $Resource
        $target.HttpMethod | Should -Be $Method
        $target.StageName | Should -Be 'prod'
        $target.FunctionArn | Should -Be $fns[$Fn]
        $target.Trace[0] | Should -BeLike 'Host: api1.execute-api.us-east-1.amazonaws.com is REST API api1 in us-east-1*'
        $target.Trace[1] | Should -Be "Stage: the first path segment names stage 'prod'"
        $target.Trace[2] | Should -BeLike "Resource: * matches $Resource (resource *)"
        $target.Trace[3] | Should -BeLike 'Method: *'
        $target.Trace[4] | Should -BeLike 'Integration: AWS_PROXY *'
        $target.Trace[5] | Should -BeLike "Function: $($fns[$Fn]), presented source ARN arn:aws:execute-api:us-east-1:111122223333:api1/prod/$Method/*"
    }

    It 'judges the authorizer first, then the integration, and only those' {
        $findings = @(Test-ApiLambdaPermission -Uri "$base/prod/pets" -HttpMethod get)
        $findings.Kind | Should -Be @('Authorizer', 'Integration')
        $findings.FunctionArn | Should -Be @($auth, $pets)
        $findings.Status | Should -Be @('Denied', 'Denied')
        $findings[0].Trace[-2] | Should -BeLike 'Authorizer: token-auth (au1, TOKEN) calls *'
    }

    It 'a Denied request is fixed by Add-ApiLambdaPermission, and the re-test is Allowed' {
        Test-ApiLambdaPermission -Uri "$base/prod/pets/42" | Add-ApiLambdaPermission -Confirm:$false | Out-Null
        (Test-ApiLambdaPermission -Uri "$base/prod/pets/42").Status | Should -Be 'Allowed'
    }

    It 'a verb with no method (and no ANY) is the non-terminating RouteNotFound naming the nearest resources' {
        $out = @(Get-ApiIntegrationTarget -Uri "$base/prod/pets/mine" -HttpMethod POST -ErrorVariable err -ErrorAction SilentlyContinue)
        $out | Should -HaveCount 0
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RouteNotFound,*'
        $err[0].Exception.Message | Should -Match 'nearest: GET /pets/mine'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'an unknown stage is StageNotFound naming the stages' {
        $null = Get-ApiIntegrationTarget -Uri "$base/prd/pets" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'StageNotFound,*'
        $err[0].Exception.Message | Should -Match '\(stages: prod\)'
    }

    It '<Uri> <Verb> ends with <Id> before any AWS call' -ForEach @(
        @{ Uri = 'api1.execute-api.us-east-1.amazonaws.com/prod/pets'; Verb = 'GET'; Id = 'InvalidUri' }
        @{ Uri = 'http://api1.execute-api.us-east-1.amazonaws.com/prod/pets'; Verb = 'GET'; Id = 'InvalidUri' }
        @{ Uri = 'https://api1.execute-api.us-east-1.amazonaws.com/prod/pets'; Verb = 'FETCH'; Id = 'InvalidHttpMethod' }
    ) {
        $failure = $null
        try { Test-ApiLambdaPermission -Uri $Uri -HttpMethod $Verb -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $fake.Calls | Should -HaveCount 0
    }
}
