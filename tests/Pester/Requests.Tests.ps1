# -Uri / -HttpMethod on Get-ApiIntegrationTarget and Test-ApiLambdaPermission against the in-memory fakes: a failing
# request to exactly the resource, method and targets API Gateway reaches, with Trace; bad input ends before any call.

BeforeDiscovery {
    $base = 'https://api1.execute-api.us-east-1.amazonaws.com'   # for the -ForEach tables
}

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
        $null = $fake.AddDomainName('shop.example.com').AddBasePathMapping('(none)', 'api1', 'prod').AddBasePathMapping('v1/store', 'api1', 'prod')
    }

    It '<Url> <Verb> reaches <Resource> <Method>' -ForEach @(
        @{ Url = "$base/prod/pets/mine"; Verb = 'GET'; Resource = '/pets/mine'; Method = 'GET'; Fn = 'mine' }      # literal beats {param}
        @{ Url = "$base/prod/pets/42"; Verb = 'GET'; Resource = '/pets/{petId}'; Method = 'GET'; Fn = 'pet' }      # {param} beats {proxy+}
        @{ Url = "$base/prod/a/b/c"; Verb = 'GET'; Resource = '/{proxy+}'; Method = 'ANY'; Fn = 'proxy' }          # greedy takes the rest
        @{ Url = "$base/prod/"; Verb = 'GET'; Resource = '/'; Method = 'GET'; Fn = 'root' }                        # root
        @{ Url = "$base/prod/pets/42/"; Verb = 'GET'; Resource = '/pets/{petId}'; Method = 'GET'; Fn = 'pet' }     # trailing slash
        @{ Url = "$base/prod/pets/42"; Verb = 'DELETE'; Resource = '/pets/{petId}'; Method = 'ANY'; Fn = 'pet' }   # ANY fallback
        @{ Url = "$base/prod/caf%C3%A9"; Verb = 'GET'; Resource = "/caf$([char]0xe9)"; Method = 'GET'; Fn = 'cafe' } # URL-encoded
        @{ Url = 'https://shop.example.com/pets/42'; Verb = 'GET'; Resource = '/pets/{petId}'; Method = 'GET'; Fn = 'pet' }         # custom domain, (none)
        @{ Url = 'https://shop.example.com/v1/store/pets/mine'; Verb = 'GET'; Resource = '/pets/mine'; Method = 'GET'; Fn = 'mine' } # two-level base path
        @{ Url = 'https://shop.example.com/v1/store'; Verb = 'GET'; Resource = '/'; Method = 'GET'; Fn = 'root' }                    # base path alone is the root
    ) {
        $targets = @(Get-ApiIntegrationTarget -Uri $Url -HttpMethod $Verb)
        $targets | Should -HaveCount 1
        $target = $targets[0]
        $target.ResourcePath | Should -Be $Resource
        $target.HttpMethod | Should -Be $Method
        $target.StageName | Should -Be 'prod'
        $target.FunctionArn | Should -Be $fns[$Fn]
        if ($Url.StartsWith($base)) {
            $target.Trace[0] | Should -BeLike 'Host: api1.execute-api.us-east-1.amazonaws.com is REST API api1 in us-east-1*'
            $target.Trace[1] | Should -Be "Stage: the first path segment names stage 'prod'"
        } else {
            $target.Trace[0] | Should -Be 'Host: shop.example.com is a custom domain name (routing mode API_MAPPING_ONLY)'
            $target.Trace[1] | Should -BeLike "API mapping: base path * maps to stage 'prod' of REST API api1"
        }
        $target.Trace[2] | Should -Be "Deployment: stage 'prod' serves deployment 'd-prod' (read with GetExport)"
        $target.Trace[3] | Should -BeLike "Resource: * matches $Resource"
        $target.Trace[4] | Should -BeLike 'Method: *'
        $target.Trace[5] | Should -BeLike 'Integration: AWS_PROXY *'
        $target.Trace[6] | Should -BeLike "Function: $($fns[$Fn]), presented source ARN arn:aws:execute-api:us-east-1:111122223333:api1/prod/$Method/*"
    }

    It 'a finding''s Trace ends with the policy statement compared, and the list view shows the Trace' {
        $fake.SeedPermission($fns.pet, $null, 'pets-prod', 'arn:aws:execute-api:us-east-1:111122223333:api1/prod/*/pets/*')
        $finding = Test-ApiLambdaPermission -Uri "$base/prod/pets/42"
        $finding.Status | Should -Be 'Allowed'
        $finding.Trace[-1] | Should -Be "Policy: statement 'pets-prod' of the policy of $($fns.pet) compared: Allowed (GrantedByPolicy)"
        $listed = $finding | Format-List | Out-String -Width 300
        $listed | Should -Match 'Trace\s+: Host: api1\.execute-api'
        $listed | Should -Match "Policy: statement 'pets-prod'"
        ($finding | Format-Table | Out-String -Width 300) | Should -Not -Match 'Host:'
    }

    It 'a Denied finding''s last step says why no statement decides it' {
        $finding = Test-ApiLambdaPermission -Uri "$base/prod/a/b"
        $finding.Status | Should -Be 'Denied'
        $finding.Trace[-1] | Should -BeLike "Policy: Denied (NoPolicy) by the policy of $($fns.proxy): *has no resource policy*"
    }

    It 'judges the authorizer first, then the integration, and only those' {
        $findings = @(Test-ApiLambdaPermission -Uri "$base/prod/pets" -HttpMethod get)
        $findings.Kind | Should -Be @('Authorizer', 'Integration')
        $findings.FunctionArn | Should -Be @($auth, $pets)
        $findings.Status | Should -Be @('Denied', 'Denied')
        $findings[0].Trace[-3] | Should -BeLike 'Authorizer: token-auth (au1, TOKEN) calls *'
        $findings[0].Trace[-1] | Should -BeLike "Policy: Denied (NoPolicy) by the policy of $auth*"
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

    Context 'an HTTP API''s execute-api URL' {
        BeforeEach {
            $null = $fake.AddHttpApi('http1', 'pets-http').
                AddAuthorizer('au9', 'lambda-auth', 'REQUEST', (Get-LambdaUri $auth)).
                AddRoute('GET /pets/{id}', $fns.pet, 'AWS_PROXY', 'au9').
                AddRoute('ANY /{proxy+}', $fns.proxy).
                AddRoute('$default', $fns.root).
                AddStage('prod').AddStage('$default')
            $httpBase = 'https://http1.execute-api.us-east-1.amazonaws.com'
        }

        It 'is routed as API Gateway routes it: the named stage, the route, its authorizer first, each with its Trace' {
            $fake.ClearCalls()
            $targets = @(Get-ApiIntegrationTarget -Uri "$httpBase/prod/pets/42")
            $targets.Kind | Should -Be 'Authorizer', 'Integration'
            $targets.RouteKey | Sort-Object -Unique | Should -Be 'GET /pets/{id}'
            $targets.StageName | Sort-Object -Unique | Should -Be 'prod'
            $targets[1].FunctionArn | Should -Be $fns.pet
            $targets[1].Trace | Should -Contain "Route: GET /pets/42 fully matches route 'GET /pets/{id}'"
            $targets[1].Trace[0] | Should -Match 'is HTTP API http1'
            # The fakes page by two items, so GetRoutes and GetIntegrations take two calls each here.
            @($fake.Calls.Operation | Select-Object -Unique) | Should -Be @('GetStages', 'GetV2Stages', 'GetApis', 'GetRoutes', 'GetIntegrations', 'GetV2Authorizers', 'GetCallerIdentity')
        }

        It 'goes to the $default stage when no stage is named, and to the greedy route, then the $default route' {
            $greedy = @(Get-ApiIntegrationTarget -Uri "$httpBase/orders/7" -HttpMethod POST)
            ($greedy.StageName, $greedy.RouteKey, $greedy.FunctionArn) | Should -Be '$default', 'ANY /{proxy+}', $fns.proxy
            $root = @(Get-ApiIntegrationTarget -Uri "$httpBase/prod")
            ($root.StageName, $root.RouteKey) | Should -Be 'prod', '$default'
            $root.Trace | Should -Contain 'Route: GET / matches no route, so the $default route catches it'
        }

        It 'is judged by Test-ApiLambdaPermission, Denied until Add-ApiLambdaPermission adds the route''s grant' {
            $finding = @(Test-ApiLambdaPermission -Uri "$httpBase/prod/orders/7" -HttpMethod DELETE)
            $finding.Status | Should -Be 'Denied'
            $finding.SourceArn | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:http1/*/*/*' -Because 'ANY /{proxy+} is granted for every stage, verb and path'
            $null = $finding | Add-ApiLambdaPermission -Confirm:$false
            (Test-ApiLambdaPermission -Uri "$httpBase/prod/orders/7" -HttpMethod DELETE).Status | Should -Be 'Allowed'
        }

        It 'serves the root URL from the $default stage; a REST API''s root URL names no stage' {
            $root = @(Get-ApiIntegrationTarget -Uri "$httpBase/")
            ($root.StageName, $root.RouteKey, $root.FunctionArn) | Should -Be '$default', '$default', $fns.root
            $fake.ClearCalls()
            $null = Get-ApiIntegrationTarget -Uri "$base/" -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'RouteNotFound,*'
            $err[0].Exception.Message | Should -Match 'names no stage'
            @($fake.Calls.Operation) | Should -Be @('GetV2Stages') -Because 'only an HTTP API could serve a root URL'
        }

        It 'without a $default stage, a stage the API lacks is StageNotFound naming the stages' {
            $null = $fake.AddHttpApi('http2', 'no-default').AddRoute('GET /pets', $fns.pet).AddStage('prod')
            $null = Get-ApiIntegrationTarget -Uri 'https://http2.execute-api.us-east-1.amazonaws.com/dev/pets' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'StageNotFound,*'
            $err[0].Exception.Message | Should -Match '\(stages: prod\)'
        }

        It 'a WebSocket API''s URL is RouteNotFound that names -ApiId' {
            $null = $fake.AddWebSocketApi('ws1', 'chat').AddRoute('$connect', $fns.pet).AddStage('prod')
            $out = @(Test-ApiLambdaPermission -Uri 'https://ws1.execute-api.us-east-1.amazonaws.com/prod' -ErrorVariable err -ErrorAction SilentlyContinue)
            $out | Should -HaveCount 0
            $err[0].FullyQualifiedErrorId | Should -BeLike 'RouteNotFound,*'
            $err[0].ErrorDetails.RecommendedAction | Should -Match '-ApiId ws1'
        }
    }

    It 'an execute-api URL of no API at all stays RestApiNotFound' {
        $null = Get-ApiIntegrationTarget -Uri 'https://zzz9.execute-api.us-east-1.amazonaws.com/prod/pets' -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RestApiNotFound,*'
    }

    It 'an unknown custom domain is DomainNotFound after its one GetDomainName' {
        $fake.ClearCalls()
        $out = @(Test-ApiLambdaPermission -Uri 'https://nowhere.example.com/pets/42' -ErrorVariable err -ErrorAction SilentlyContinue)
        $out | Should -HaveCount 0
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @($fake.Calls.Operation) | Should -Be @('GetDomainName')
    }

    It 'RouteNotFound reads nothing after the stage and its export: no authorizers, no account, no policy' {
        $fake.ClearCalls()
        $null = Test-ApiLambdaPermission -Uri "$base/prod/pets/mine" -HttpMethod POST -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RouteNotFound,*'
        @($fake.Calls.Operation) | Should -Be @('GetStages', 'GetExport')
    }

    It 'a URL no base path of the domain maps is RouteNotFound naming the base paths, after the domain and its mappings' {
        $null = $fake.AddDomainName('strict.example.com').AddBasePathMapping('v2', 'api1', 'prod')
        $fake.ClearCalls()
        $null = Get-ApiIntegrationTarget -Uri 'https://strict.example.com/v1/pets' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RouteNotFound,*'
        $err[0].Exception.Message | Should -Match 'base paths: v2'
        @($fake.Calls.Operation) | Should -Be @('GetDomainName', 'GetBasePathMappings')
    }

    Context 'routing rules' {
        BeforeEach {
            $null = $api.AddStage('beta')
            $domain = $fake.AddDomainName('rules.example.com', 'ROUTING_RULE_THEN_BASE_PATH_MAPPING')
            $null = $domain.AddBasePathMapping('(none)', 'api1', 'prod')
            $null = $domain.AddRoutingRule(10, 'api1', 'beta').MatchHeaders('x-channel', 'beta*', 'x-canary', 'yes').MatchBasePaths('pets')
        }

        It '-Header that matches the rule gives only the rule''s stage' {
            $targets = @(Get-ApiIntegrationTarget -Uri 'https://rules.example.com/pets/42' -Header @{ 'X-Channel' = 'beta-1' })
            $targets.StageName | Should -Be 'beta'
            $targets[0].ResourcePath | Should -Be '/{proxy+}'   # the rule strips its base path: /42 is what the API sees
            $targets[0].Trace[1] | Should -Be "Routing rule rr1 (priority 10) matches: base path 'pets' matches, header X-Channel matches 'beta*': invokes stage 'beta' of REST API api1"
        }

        It '-Header that matches no condition falls through to the API mapping' {
            $targets = @(Get-ApiIntegrationTarget -Uri 'https://rules.example.com/pets/42' -Header @{ 'x-channel' = 'stable'; 'x-canary' = 'no' })
            $targets.StageName | Should -Be 'prod'
            $targets[0].ResourcePath | Should -Be '/pets/{petId}'
        }

        It 'without -Header every stage the request could reach is judged, each Trace naming the rule and the headers' {
            $findings = @(Test-ApiLambdaPermission -Uri 'https://rules.example.com/pets/42')
            $findings.StageName | Should -Be @('beta', 'prod')
            $findings[0].Trace[1] | Should -Be "Routing rule rr1 (priority 10) would pick it if header x-channel matches 'beta*' or header x-canary matches 'yes' (not given in -Header); base path 'pets' matches: invokes stage 'beta' of REST API api1"
            $findings[1].Trace[1] | Should -Be "API mapping: base path (none) maps to stage 'prod' of REST API api1"
            @($fake.CallsOf('ListRoutingRules')) | Should -HaveCount 1
        }
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
