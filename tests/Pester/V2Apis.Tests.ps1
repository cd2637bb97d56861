# HTTP and WebSocket APIs (API Gateway v2) against the in-memory fakes (tests/LambdaPermTools.TestDoubles), which
# follow v2's semantics (docs/aws-rules.md §8): routes target integrations/{id}, JWT authorizers invoke nothing,
# lists are paged by maxResults/nextToken. The fakes record v2's GetAuthorizers/GetStages as GetV2Authorizers/GetV2Stages.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    $script:http = 'arn:aws:execute-api:us-east-1:111122223333:http1'
    $script:ws = 'arn:aws:execute-api:us-east-1:111122223333:ws1'

    function New-V2Scene {
        # HTTP API http1: GET /pets/{id} behind Lambda REQUEST authorizer au1, ANY /{proxy+} behind JWT authorizer jw1,
        # the $default route, all on petsFn, stage $default (auto-deploy). WebSocket API ws1: $connect behind REQUEST
        # authorizer wa1 (wsAuth), $default and sendmessage on wsFn, stage production.
        $fake = New-FakeAws
        $pets = $fake.AddFunction('petsFn')
        $auth = $fake.AddFunction('authFn')
        $wsFn = $fake.AddFunction('wsFn')
        $wsAuth = $fake.AddFunction('wsAuth')
        $null = $fake.AddHttpApi('http1', 'pets-http').
            AddAuthorizer('au1', 'lambda-auth', 'REQUEST', (Get-LambdaUri $auth)).
            AddAuthorizer('jw1', 'jwt-auth', 'JWT', $null).
            AddRoute('GET /pets/{id}', $pets, 'AWS_PROXY', 'au1').
            AddRoute('ANY /{proxy+}', (Get-LambdaUri $pets), 'AWS_PROXY', 'jw1').
            AddRoute('$default', $pets).
            AddStage('$default')
        $null = $fake.AddWebSocketApi('ws1', 'chat').
            AddAuthorizer('wa1', 'connect-auth', 'REQUEST', (Get-LambdaUri $wsAuth)).
            AddRoute('$connect', (Get-LambdaUri $wsFn), 'AWS_PROXY', 'wa1').
            AddRoute('$default', (Get-LambdaUri $wsFn)).
            AddRoute('sendmessage', (Get-LambdaUri $wsFn)).
            AddStage('production')
        $fake, $pets, $auth, $wsFn, $wsAuth
    }

    function Find-Target($Findings, [string] $ApiId, [string] $RouteKey, [string] $Kind = 'Integration') {
        @($Findings | Where-Object { $_.ApiId -eq $ApiId -and $_.RouteKey -eq $RouteKey -and "$($_.Kind)" -eq $Kind })
    }
}

AfterAll {
    Remove-FakeAws
}

Describe 'HTTP and WebSocket APIs' {
    BeforeEach {
        $fake, $pets, $auth, $wsFn, $wsAuth = New-V2Scene
    }

    Context 'no grants' {
        It 'finds every route and Lambda authorizer (not the JWT one) and denies each with the v2 grant that fixes it' {
            $findings = @(Test-ApiLambdaPermission -ApiId http1, ws1)
            $findings | Should -HaveCount 8
            $findings.Status | Sort-Object -Unique | Should -Be 'Denied'
            $findings.Cause | Sort-Object -Unique | Should -Be 'NoPolicy'
            $findings | ForEach-Object { $_.RestApiId | Should -BeNullOrEmpty }
            (Find-Target $findings http1 'GET /pets/{id}').PresentedSourceArn | Should -Be "$http/`$default/GET/pets/{id}"
            (Find-Target $findings http1 'GET /pets/{id}').SourceArn | Should -Be "$http/*/GET/pets/*"
            (Find-Target $findings http1 'ANY /{proxy+}').SourceArn | Should -Be "$http/*/*/*"
            (Find-Target $findings http1 '$default').PresentedSourceArn | Should -Be "$http/`$default/`$default"
            (Find-Target $findings http1 '$default').SourceArn | Should -Be "$http/*/`$default"
            $authorizer = @($findings | Where-Object { $_.ApiId -eq 'http1' -and "$($_.Kind)" -eq 'Authorizer' })
            $authorizer | Should -HaveCount 1 -Because 'a JWT authorizer invokes no Lambda'
            $authorizer.AuthorizerId | Should -Be 'au1'
            $authorizer.SourceArn | Should -Be "$http/authorizers/au1"
            (Find-Target $findings ws1 '$connect').PresentedSourceArn | Should -Be "$ws/production/`$connect"
            (Find-Target $findings ws1 'sendmessage').SourceArn | Should -Be "$ws/*/sendmessage"
            $wsAuthorizer = Find-Target $findings ws1 '$connect' 'Authorizer'
            $wsAuthorizer.PresentedSourceArn | Should -Be "$ws/authorizers/wa1"
            $wsAuthorizer.Reason | Should -Match ([regex]::Escape("'$ws/authorizers/wa1' and '$ws/*/`$connect'"))
            (Find-Target $findings http1 '$default').ApiType | Should -Be 'Http' -Because 'APIs are delivered as each is done, in no fixed order'
            (Find-Target $findings ws1 '$default').ApiType | Should -Be 'WebSocket'
        }

        It 'Add- fixes every Denied, the re-test is Allowed, and a second Add- adds nothing' {
            $changes = @(Add-ApiLambdaPermission -ApiId http1, ws1)
            $changes.Result | Sort-Object -Unique | Should -Be 'Added'
            ($changes | Where-Object FunctionName -eq $pets).SourceArn | Sort-Object | Should -Be (@("$http/*/`$default", "$http/*/*/*", "$http/*/GET/pets/*") | Sort-Object)
            ($changes | Where-Object FunctionName -eq $auth).SourceArn | Should -Be "$http/authorizers/au1"
            ($changes | Where-Object FunctionName -eq $wsFn).SourceArn | Sort-Object | Should -Be (@("$ws/*/`$connect", "$ws/*/`$default", "$ws/*/sendmessage") | Sort-Object)
            ($changes | Where-Object FunctionName -eq $wsAuth).SourceArn | Sort-Object | Should -Be (@("$ws/*/`$connect", "$ws/authorizers/wa1") | Sort-Object) -Because 'the $connect authorizer form is uncertain: both'

            (Test-ApiLambdaPermission -ApiId http1, ws1).Status | Sort-Object -Unique | Should -Be 'Allowed'

            $fake.ClearCalls()
            $second = @(Add-ApiLambdaPermission -ApiId http1, ws1)
            $fake.CallCount('AddPermission') | Should -Be 0
            $second.Result | Sort-Object -Unique | Should -Be 'Skipped'
        }

        It 'ConvertTo- writes the v2 grants in every format' {
            $findings = @(Test-ApiLambdaPermission -ApiId http1)
            foreach ($format in [Enum]::GetNames([LambdaPermTools.Rendering.TemplateFormat])) {
                $text = ($findings | ConvertTo-ApiLambdaPermissionTemplate -Format $format) -join "`n"
                $text | Should -Match ([regex]::Escape("http1/*/`$default")) -Because $format
                $text | Should -Match ([regex]::Escape('http1/authorizers/au1')) -Because $format
            }
            $cfn = ($findings | ConvertTo-ApiLambdaPermissionTemplate -Format CloudFormationJson) | ConvertFrom-Json
            @($cfn.Resources.PSObject.Properties.Value.Type | Sort-Object -Unique) | Should -Be 'AWS::Lambda::Permission'
        }
    }

    Context 'a WebSocket route with a non-proxy Lambda integration' {
        It 'is judged like a proxy one, and Add- grants it (WebSocket AWS integrations invoke Lambda too, §4.1)' {
            $null = $fake.AddWebSocketApi('ws2', 'custom').
                AddRoute('sendmessage', (Get-LambdaUri $wsFn), 'AWS').
                AddRoute('putitem', 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem', 'AWS').
                AddStage('prod')
            $finding = @(Test-ApiLambdaPermission -ApiId ws2)
            $finding | Should -HaveCount 1 -Because 'an AWS integration to DynamoDB invokes no Lambda'
            ($finding.IntegrationType, $finding.Status, $finding.Cause) | Should -Be @('AWS', 'Denied', 'NoPolicy')
            $finding.PresentedSourceArn | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:ws2/prod/sendmessage'
            (Add-ApiLambdaPermission -ApiId ws2).SourceArn | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:ws2/*/sendmessage'
            (Test-ApiLambdaPermission -ApiId ws2).Status | Should -Be 'Allowed'
            # The grant listing reads the same targets: the route's grant is in use, so Remove- would refuse it.
            $grant = Get-ApiLambdaPermission -ApiId ws2 -ApiRegion us-east-1 | Where-Object SourceArn -Like '*ws2/*/sendmessage'
            $grant.Usage | Should -Be 'InUse'
            $grant.UsedBy | Should -Match 'sendmessage'
        }

        It 'Get-ApiLambdaPermission -ApiId names an id GetApis does not list as ApiNotFound, and goes on' {
            $null = $fake.AddWebSocketApi('ws2', 'custom').AddRoute('sendmessage', (Get-LambdaUri $wsFn), 'AWS').AddStage('prod')
            $null = $fake.SeedPermission($wsFn, $null, 'ws2-send', 'arn:aws:execute-api:us-east-1:111122223333:ws2/*/sendmessage')
            $grants = @(Get-ApiLambdaPermission -ApiId nosuch1, ws2 -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApiNotFound,*'
            $errs[0].TargetObject | Should -Be 'nosuch1'
            ($grants | Where-Object StatementId -EQ 'ws2-send').Usage | Should -Be 'InUse' -Because 'ws2 was still read, and names the function whose policy is listed'
        }
    }

    Context 'grants in the right form' {
        It 'allows every target' {
            foreach ($arn in "$http/*/GET/pets/*", "$http/*/*/*", "$http/*/`$default") { $null = $fake.SeedPermission($pets, $null, "ok$($arn.Length)", $arn) }
            $null = $fake.SeedPermission($auth, $null, 'okauth', "$http/authorizers/au1")
            foreach ($arn in "$ws/*/`$connect", "$ws/*/`$default", "$ws/*/sendmessage") { $null = $fake.SeedPermission($wsFn, $null, "ok$($arn.Length)", $arn) }
            $null = $fake.SeedPermission($wsAuth, $null, 'wsa1', "$ws/authorizers/wa1")
            $null = $fake.SeedPermission($wsAuth, $null, 'wsa2', "$ws/*/`$connect")
            $findings = @(Test-ApiLambdaPermission -ApiId http1, ws1)
            $findings.Status | Sort-Object -Unique | Should -Be 'Allowed'
            $findings.Cause | Sort-Object -Unique | Should -Be 'GrantedByPolicy'
        }
    }

    Context 'grants in a wrong form' {
        BeforeEach {
            # Nearest statements tie on equal distance and go to the earlier one: the stage one first.
            $null = $fake.SeedPermission($pets, $null, 'other-stage', "$http/prod/GET/pets/*")
            $null = $fake.SeedPermission($pets, $null, 'sam-default', "$http/*/*/`$default")          # aws/serverless-application-model#1860
            $null = $fake.SeedPermission($pets, $null, 'template', "$http/*/ANY/{proxy+}")
            $null = $fake.SeedPermission($auth, $null, 'rest-style', "$http/*/GET/pets/*")           # method-style, as a REST methodArn
            $null = $fake.SeedPermission($wsFn, $null, 'ws-dev', "$ws/dev/sendmessage")
            $null = $fake.SeedPermission($wsAuth, $null, 'ws-auth-only', "$ws/authorizers/wa1")
        }

        It 'names the part that differs, and says Unknown where AWS does not document the form' {
            $findings = @(Test-ApiLambdaPermission -ApiId http1, ws1)
            $default = Find-Target $findings http1 '$default'
            $default.Status | Should -Be 'Denied'
            $default.Cause | Should -Be 'NoMatchingStatement'
            $default.Reason | Should -Match ([regex]::Escape("'{apiId}/*/*/`$default' form never matches"))
            $get = Find-Target $findings http1 'GET /pets/{id}'
            $get.Status | Should -Be 'Denied'
            $get.Reason | Should -Match ([regex]::Escape("the stage (it allows 'prod', this is '`$default'"))
            $any = Find-Target $findings http1 'ANY /{proxy+}'
            $any.Status | Should -Be 'Unknown' -Because 'path parameters as template and ANY as a literal are UNCONFIRMED for v2'
            $any.Reason | Should -Match 'uncertain'
            $authorizer = Find-Target $findings http1 'GET /pets/{id}' 'Authorizer'
            $authorizer.Status | Should -Be 'Denied'
            $authorizer.Reason | Should -Match 'the authorizer form'
            $send = Find-Target $findings ws1 'sendmessage'
            $send.Reason | Should -Match ([regex]::Escape("the stage (it allows 'dev', this is 'production'"))
            $wsAuthorizer = Find-Target $findings ws1 '$connect' 'Authorizer'
            $wsAuthorizer.Status | Should -Be 'Unknown' -Because 'the $connect authorizer source ARN is UNCONFIRMED'
            $wsAuthorizer.Reason | Should -Match ([regex]::Escape("not from '$ws/production/`$connect'"))
        }

        It 'Add- fixes every Denied one (not the Unknown ones), and the re-test allows them' {
            $before = @(Test-ApiLambdaPermission -ApiId http1, ws1)
            $denied = @($before | Where-Object Status -eq Denied)
            $null = $before | Add-ApiLambdaPermission
            $after = @(Test-ApiLambdaPermission -ApiId http1, ws1)
            foreach ($finding in $denied) {
                (Find-Target $after $finding.ApiId $finding.RouteKey $finding.Kind).Status | Should -Be 'Allowed' -Because "$($finding.ApiId) $($finding.RouteKey) $($finding.Kind)"
            }
            @($after | Where-Object Status -eq Denied) | Should -HaveCount 0
        }
    }

    Context 'selection' {
        It 'binds Get-AG2ApiList output by ApiId' {
            $findings = @([pscustomobject]@{ ApiId = 'ws1'; Name = 'chat'; ProtocolType = 'WEBSOCKET' } | Test-ApiLambdaPermission)
            $findings | Should -HaveCount 4
            $findings.ApiId | Sort-Object -Unique | Should -Be 'ws1'
        }

        It '-All covers REST, HTTP and WebSocket APIs; -ApiType narrows it' {
            $null = $fake.AddRestApi('rest1', 'classic').AddMethod('/pets', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
            (@(Test-ApiLambdaPermission -All).ApiType | Sort-Object -Unique) | Should -Be @('Rest', 'Http', 'WebSocket')
            $fake.ClearCalls()
            @(Test-ApiLambdaPermission -All -ApiType Http).ApiId | Sort-Object -Unique | Should -Be 'http1'
            $fake.CallCount('GetRestApis') | Should -Be 0
            $fake.ClearCalls()
            @(Test-ApiLambdaPermission -All -ApiType Rest).ApiId | Sort-Object -Unique | Should -Be 'rest1'
            $fake.CallCount('GetApis') | Should -Be 0
            (@(Get-ApiIntegrationTarget -All -ApiType WebSocket).RouteKey | Sort-Object -Unique) | Should -Be @('$connect', '$default', 'sendmessage')
        }

        It 'an unknown API id is ApiNotFound, and the other APIs are still read' {
            $findings = @(Test-ApiLambdaPermission -ApiId nosuchapi, http1 -ErrorVariable errs -ErrorAction SilentlyContinue)
            $findings | Should -HaveCount 4
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApiNotFound*'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'shows RouteKey in the default table' {
            $table = Test-ApiLambdaPermission -ApiId http1 | Format-Table | Out-String -Width 300
            $table | Should -Match 'RouteKey'
            $table | Should -Match ([regex]::Escape('GET /pets/{id}'))
        }
    }

    Context 'a manually deployed stage' {
        It 'judges the current configuration and says so, in the Reason and in one warning per stage' {
            $null = $fake.AddHttpApi('manual1', 'manual').AddRoute('$default', $pets).AddRoute('GET /pets', $pets).AddStage('live', $false)
            $findings = @(Test-ApiLambdaPermission -ApiId manual1 -WarningVariable warnings -WarningAction SilentlyContinue)
            $findings | Should -HaveCount 2
            $findings.Status | Sort-Object -Unique | Should -Be 'Denied'
            foreach ($finding in $findings) {
                $finding.Reason | Should -Match ([regex]::Escape("Stage 'live' is deployed manually and serves deployment 'dep-live', which the tool does not read for HTTP APIs: this verdict is for the API's current configuration"))
            }
            $warnings | Should -HaveCount 1
            "$warnings" | Should -Match ([regex]::Escape("Stage 'live' of HTTP API 'manual1' is deployed manually"))
        }

        It 'says nothing of deployments with -Configuration Current, nor for an auto-deploying stage' {
            $null = $fake.AddHttpApi('manual1', 'manual').AddRoute('$default', $pets).AddStage('live', $false)
            $current = Test-ApiLambdaPermission -ApiId manual1 -Configuration Current -WarningVariable warnings
            $current.Reason | Should -Not -Match 'deployed manually'
            $warnings | Should -BeNullOrEmpty
            $auto = @(Test-ApiLambdaPermission -ApiId http1, ws1 -WarningVariable warnings)
            $auto.Reason | Should -Not -Match 'deployed manually'
            $warnings | Should -BeNullOrEmpty
        }
    }

    Context 'grant hygiene' {
        It 'sees the grants HTTP and WebSocket targets need as InUse, and a deleted v2 API''s as ApiDeleted' {
            $null = Add-ApiLambdaPermission -ApiId http1, ws1
            $null = $fake.SeedPermission($wsFn, $null, 'gone', 'arn:aws:execute-api:us-east-1:111122223333:deadv2/*/$default')
            $null = $fake.SeedPermission($pets, $null, 'no-route', "$http/*/GET/nothing")
            $grants = @(Get-ApiLambdaPermission -FunctionName $pets, $auth, $wsFn, $wsAuth -ApiRegion us-east-1)
            ($grants | Where-Object StatementId -eq 'gone').Usage | Should -Be 'ApiDeleted'
            ($grants | Where-Object StatementId -eq 'no-route').Usage | Should -Be 'Unused'
            $added = @($grants | Where-Object StatementId -notin 'gone', 'no-route')
            $added | Should -HaveCount 9   # petsFn 3, authFn 1, wsFn 3, wsAuth 2
            # ANY /{proxy+}'s grant {api}/*/*/* also grants GET /pets/{id}: that route's own grant is Redundant, not Unused.
            ($added | Where-Object SourceArn -eq "$http/*/GET/pets/*").Usage | Should -Be 'Redundant'
            ($added | Where-Object SourceArn -ne "$http/*/GET/pets/*").Usage | Sort-Object -Unique | Should -Be 'InUse'
            ($added | Where-Object SourceArn -eq "$http/*/`$default").UsedBy | Should -Be 'http1/$default $default'
            # Either form of the $connect authorizer may be the one AWS presents (§8): each is in use, neither redundant.
            ($added | Where-Object FunctionName -eq $wsAuth).UsedBy | Sort-Object -Unique | Should -Be 'ws1/production authorizer connect-auth'
        }
    }

    Context 'call counts' {
        It 'a mixed REST + HTTP + WebSocket account costs the minimum: list pages per API, one export per deployment, one GetPolicy per function' {
            # REST rest1 shares petsFn with the HTTP API: its policy is read once for both.
            $null = $fake.AddRestApi('rest1', 'classic').AddMethod('/pets', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
            $fake.PageSize = 2
            $null = Test-ApiLambdaPermission -All
            $expected = @{
                GetCallerIdentity = 1
                GetRestApis       = 1   # rest1: one page
                GetResources      = 1   # root and /pets: one page of 2
                GetAuthorizers    = 1
                GetStages         = 1
                GetExport         = 1   # prod serves one deployment (-Configuration Deployed)
                GetApis           = 1   # http1, ws1: one page of 2
                GetRoutes         = 4   # 3 routes each: two pages per API
                GetIntegrations   = 4
                GetV2Authorizers  = 2   # http1 has 2 (one page), ws1 has 1
                GetV2Stages       = 2   # both auto-deploy: no deployment to read
                GetPolicy         = 4   # petsFn, authFn, wsFn, wsAuth: each once
                GetFunction       = 4   # each GetPolicy answers 404 (no policy): one GetFunction each, to tell NoPolicy from FunctionNotFound
                ListAliases       = 4   # the deeper diagnosis of denied targets (another qualifier's policy), once per function
                ListVersionsByFunction = 4
            }
            $actual = @{}
            $fake.Calls | Group-Object Operation | ForEach-Object { $actual[$_.Name] = $_.Count }
            ($actual.Keys | Sort-Object) | Should -Be ($expected.Keys | Sort-Object)
            foreach ($op in $expected.Keys) { $actual[$op] | Should -Be $expected[$op] -Because $op }
            ($fake.CallsOf('GetPolicy') | ForEach-Object { $_['FunctionName'] } | Sort-Object -Unique) | Should -HaveCount 4
        }
    }
}
