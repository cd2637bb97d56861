# Test-ApiLambdaPermission against the in-memory fakes (tests/LambdaPermTools.TestDoubles), injected through
# [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory. The fakes follow AWS, not moto: one policy per
# qualifier (docs/aws-rules.md §3.1), 404 without a policy, AccessDenied for another account's policy.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
    $trustApiGateway = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
}

AfterAll {
    Remove-FakeAws
}

Describe 'Test-ApiLambdaPermission' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddStage('prod')
    }

    Context 'findings' {
        It 'reports Denied/NoPolicy for a function without a policy, with the grant that fixes it' {
            $findings = @(Test-ApiLambdaPermission -RestApiId api1)
            $findings | Should -HaveCount 2
            $findings | ForEach-Object { $_ | Should -BeOfType ([LambdaPermTools.PermissionFinding]) }
            $method = $findings | Where-Object Kind -eq 'Integration'
            $method.Status | Should -Be 'Denied'
            $method.Cause | Should -Be 'NoPolicy'
            $method.Action | Should -Be 'lambda:InvokeFunction'
            $method.Principal | Should -Be 'apigateway.amazonaws.com'
            $method.SourceArn | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets'
            $method.StatementId | Should -Match '^[A-Za-z0-9_-]{1,100}$'
            ($findings | Where-Object Kind -eq 'Authorizer').SourceArn | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:api1/authorizers/au1'
        }

        It 'shows progress while judging piped targets, function by function' {
            $targets = @(Get-ApiIntegrationTarget -RestApiId api1)
            $ps = (New-LptPowerShell).AddCommand('Test-ApiLambdaPermission')
            $null = $ps.Invoke($targets)
            $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Judging targets').StatusDescription
            $ps.Dispose()
            # Two targets (the authorizer's and the method's), each of its own function, judged in either order.
            $progress | Should -HaveCount 3
            $progress[1] | Should -BeLike '2 of 2 targets judged (last: function *)'
            $progress[2] | Should -Be 'Done'
        }

        It 'reports Allowed/GrantedByPolicy with the matching statement id' {
            $null = $fake.SeedPermission($pets, $null, 'kc-method', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets')
            $method = Test-ApiLambdaPermission -RestApiId api1 | Where-Object Kind -eq 'Integration'
            $method.Status | Should -Be 'Allowed'
            $method.Cause | Should -Be 'GrantedByPolicy'
            $method.MatchedStatementId | Should -Be 'kc-method'
        }

        It 'tells NoPolicy from FunctionNotFound with one GetFunction after the 404' {
            $gone = 'arn:aws:lambda:us-east-1:111122223333:function:deleted'
            $null = $fake.AddRestApi('api2', 'Gone').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $gone)).AddStage('prod')
            $finding = Test-ApiLambdaPermission -RestApiId api2
            $finding.Status | Should -Be 'Denied'
            $finding.Cause | Should -Be 'FunctionNotFound'
            $fake.CallCount('GetPolicy') | Should -Be 1
            $fake.CallCount('GetFunction') | Should -Be 1
        }

        It 'does not let a grant on the bare function cover an alias (one policy per qualifier, not merged as moto does)' {
            $fake.AddQualifier($pets, 'live')
            $null = $fake.SeedPermission($pets, $null, 'bare', 'arn:aws:execute-api:us-east-1:111122223333:api3/*/GET/x')
            $null = $fake.AddRestApi('api3', 'Alias').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri "${pets}:live")).AddStage('prod')
            $finding = Test-ApiLambdaPermission -RestApiId api3
            $finding.Status | Should -Be 'Denied'
            $finding.Cause | Should -Be 'QualifierMismatch'
            $finding.Qualifier | Should -Be 'live'
            $policyReads = $fake.CallsOf('GetPolicy')
            $policyReads | Should -HaveCount 2
            @($policyReads | Where-Object { $_['Qualifier'] -eq 'live' }) | Should -HaveCount 1
            @($policyReads | Where-Object { $null -eq $_['Qualifier'] }) | Should -HaveCount 1
        }

        It 'sends Lambda calls to the function''s region' {
            $eu = $fake.AddFunction('eu-fn', 'eu-west-1')
            $null = $fake.AddRestApi('api4', 'CrossRegion').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $eu 'eu-west-1')).AddStage('prod')
            $finding = Test-ApiLambdaPermission -RestApiId api4
            $finding.Cause | Should -Be 'NoPolicy'
            $fake.CallsOf('GetPolicy').Region | Should -Be 'eu-west-1'
        }

        It 'judges targets piped from Get-ApiIntegrationTarget without calling API Gateway again' {
            $targets = @(Get-ApiIntegrationTarget -RestApiId api1)
            $fake.ClearCalls()
            $findings = @($targets | Test-ApiLambdaPermission)
            $findings | Should -HaveCount 2
            $findings.Status | Should -Be @('Denied', 'Denied')
            @($fake.Calls | Where-Object Service -eq 'apigateway') | Should -BeNullOrEmpty
            $fake.CallCount('GetPolicy') | Should -Be 2
        }

        It 'warns once per overly broad statement and marks the findings' {
            $null = $fake.SeedPermission($pets, $null, 'wide-open', $null)
            $null = $fake.AddRestApi('api5', 'Broad').AddMethod('/a', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddMethod('/b', 'POST', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod').AddStage('dev')
            $findings = @(Test-ApiLambdaPermission -RestApiId api5 -WarningVariable warnings -WarningAction SilentlyContinue)
            $findings | Should -HaveCount 4
            $findings.Status | Sort-Object -Unique | Should -Be 'Allowed'
            $findings.OverlyBroad | Sort-Object -Unique | Should -Be $true
            $warnings | Should -HaveCount 1
            "$warnings" | Should -Match 'wide-open'
            "$warnings" | Should -Match 'it has no SourceArn'
        }

        It 'warns about a grant for every API of the account, however narrow its method, and says why (§11.7)' {
            $null = $fake.SeedPermission($pets, $null, 'any-api', 'arn:aws:execute-api:us-east-1:111122223333:*/*/GET/x')
            $null = $fake.AddRestApi('api6', 'AnyApi').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
            $finding = @(Test-ApiLambdaPermission -RestApiId api6 -WarningVariable warnings -WarningAction SilentlyContinue)
            ($finding.Status, $finding.OverlyBroad) | Should -Be @('Allowed', $true)
            $finding.Reason | Should -Match "also matches APIs other than 'api6'"
            "$warnings" | Should -Match "'any-api'.*also matches APIs other than 'api6'"
        }

        It 'writes RestApiNotFound for a missing API as a non-terminating error and judges the other APIs' {
            $findings = @(Test-ApiLambdaPermission -RestApiId nope, api1 -ErrorVariable errs -ErrorAction SilentlyContinue)
            $findings | Should -HaveCount 2
            $findings.RestApiId | Sort-Object -Unique | Should -Be 'api1'
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'RestApiNotFound,LambdaPermTools.Commands.TestApiLambdaPermissionCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'nope'
            $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Get-AGRestApiList'
        }

        It 'names its output type and shows the default table columns' {
            (Get-Command Test-ApiLambdaPermission).OutputType.Type | Should -Be ([LambdaPermTools.PermissionFinding])
            $table = Test-ApiLambdaPermission -RestApiId api1 | Format-Table | Out-String -Width 300
            $table | Should -Match 'Status\s+Cause\s+StageName\s+HttpMethod\s+ResourcePath\s+RouteKey\s+FunctionName\s+Qualifier'
        }

        It 'writes each AWS call to Verbose from the worker threads' {
            $verbose = Test-ApiLambdaPermission -RestApiId api1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -match 'GetPolicy') | Should -HaveCount 2
        }
    }

    Context 'a many-API account' {
        BeforeEach {
            # 9 APIs (one also scanned by id) sharing 3 functions: pets (unqualified), orders:live (alias), and
            # reports through a credentials role used in two APIs.
            $orders = $fake.AddFunction('orders'); $fake.AddQualifier($orders, 'live')
            $reports = $fake.AddFunction('reports')
            $role = 'arn:aws:iam::111122223333:role/apigw-invoke'
            $fake.AddRole($role, $trustApiGateway, $reports)
            foreach ($i in 2..9) {
                $api = $fake.AddRestApi("api$i", "Api $i")
                $null = $api.AddMethod('/pets', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddMethod('/orders', 'POST', 'AWS', (Get-LambdaUri "${orders}:live")).
                    AddMethod('/orders/{id}', 'GET', 'AWS_PROXY', (Get-LambdaUri "${orders}:live")).AddStage('prod').AddStage('dev')
                if ($i -le 3) { $null = $api.AddMethod('/reports', 'GET', 'AWS', (Get-LambdaUri $reports), $role) }
                $null = $api.AddAuthorizer("a$i", 'token', 'TOKEN', (Get-LambdaUri $auth))
            }
        }

        It 'makes exactly the minimum calls' {
            $findings = @(Test-ApiLambdaPermission -All)
            $findings.Count | Should -BeGreaterThan 60
            $apis = 9
            $fake.CallCount('GetRestApis') | Should -Be 5                 # 9 APIs in pages of 2
            $resourcePages = 1 + 2 * 3 + 6 * 2                             # ceil(resources / 2): api1 has 2, api2-3 have 5, api4-9 have 4
            $fake.CallCount('GetResources') | Should -Be $resourcePages
            $fake.CallCount('GetAuthorizers') | Should -Be $apis
            $fake.CallCount('GetStages') | Should -Be $apis
            $fake.CallCount('GetCallerIdentity') | Should -Be 1
            # One GetPolicy per function and qualifier across the run: pets, auth, orders:live, bare orders
            # (read to explain a QualifierMismatch) and reports (the role's function: read to learn that it
            # still exists); each answered 404, so one GetFunction each.
            $fake.CallCount('GetPolicy') | Should -Be 5
            ($fake.CallsOf('GetPolicy') | ForEach-Object { "$($_['FunctionName'])|$($_['Qualifier'])" } | Sort-Object -Unique) | Should -HaveCount 5
            $fake.CallCount('GetFunction') | Should -Be 5
            # One IAM lookup for the role: GetRole once, SimulatePrincipalPolicy once.
            $fake.CallCount('GetRole') | Should -Be 1
            $fake.CallCount('SimulatePrincipalPolicy') | Should -Be 1
            $fake.CallCount('GetRestApi') | Should -Be 0 -Because '-All reads the names with GetRestApis'
            # One GetExport per distinct deployment: each of the 17 stages (api1 one, api2-9 prod and dev) serves its own.
            $fake.CallCount('GetExport') | Should -Be (1 + 8 * 2)
            ($fake.CallsOf('GetExport') | ForEach-Object { "$($_['restapi_id'])/$($_['stage_name'])" } | Sort-Object -Unique) | Should -HaveCount 17
        }

        It 'keeps every other finding intact when one function''s policy is AccessDenied' {
            $null = $fake.SeedPermission($pets, $null, 'all-pets', 'arn:aws:execute-api:us-east-1:111122223333:*/*/GET/pets')
            $fake.DenyPolicyRead($orders)
            $findings = @(Test-ApiLambdaPermission -All -ErrorVariable errs)
            $errs | Should -BeNullOrEmpty -Because 'a policy the caller may not read is a finding (Unknown/AccessDenied), not an error'
            $ordersFindings = $findings | Where-Object { $_.FunctionName -eq $orders }
            $ordersFindings.Status | Sort-Object -Unique | Should -Be 'Unknown'
            $ordersFindings.Cause | Sort-Object -Unique | Should -Be 'AccessDenied'
            ($findings | Where-Object { $_.FunctionName -eq $pets }).Status | Sort-Object -Unique | Should -Be 'Allowed'
            ($findings | Where-Object { $_.FunctionName -eq $auth }).Cause | Sort-Object -Unique | Should -Be 'NoPolicy'
            ($findings | Where-Object { $_.FunctionName -eq $reports }).Cause | Sort-Object -Unique | Should -Be 'GrantedByRole'
        }

        It 'writes Throttled once for a policy read that kept failing, and goes on' {
            $fake.Inject('GetPolicy', 'Throttled', [int]::MaxValue, $auth)
            $findings = @(Test-ApiLambdaPermission -All -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'Throttled,LambdaPermTools.Commands.TestApiLambdaPermissionCommand'
            $errs[0].TargetObject | Should -Be $auth
            $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            ($findings | Where-Object { $_.FunctionName -eq $auth }).Status | Sort-Object -Unique | Should -Be 'Unknown'
            ($findings | Where-Object { $_.FunctionName -eq $pets }).Cause | Sort-Object -Unique | Should -Be 'NoPolicy'
        }

        It 'stops promptly on Ctrl+C (StopProcessing)' {
            $fake.CallDelayMilliseconds = 300
            $ps = (New-LptPowerShell).AddCommand('Test-ApiLambdaPermission').AddParameter('All')
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 700
            $ps.Stop()
            $watch.Stop()
            $stopped = $null
            try { $ps.EndInvoke($async) } catch { $stopped = $_.Exception.GetBaseException() }
            $stopped | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
            $fake.CallCount('GetRestApis') | Should -BeGreaterThan 0 -Because 'the scan had started'
            $fake.CallCount('GetStages') | Should -BeLessThan 9 -Because 'the remaining APIs were never read'
            $ps.Dispose()
        }
    }

    Context 'functions of another account' {
        BeforeEach {
            $shared = $fake.AddFunction('shared', 'us-east-1', '444455556666')
            $null = $fake.AddRestApi('api6', 'CrossAccount').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $shared)).AddStage('prod')
        }

        It 'reports Unknown/AccessDenied naming the account whose credentials can read or fix it' {
            $finding = Test-ApiLambdaPermission -RestApiId api6
            $finding.Status | Should -Be 'Unknown'
            $finding.Cause | Should -Be 'AccessDenied'
            $finding.Reason | Should -Match '444455556666'
        }

        It 'reads the policy when the caller may, and judges it' {
            $fake.AllowCrossAccountRead($shared)
            $null = $fake.SeedPermission($shared, $null, 'from-api6', 'arn:aws:execute-api:us-east-1:111122223333:api6/*/GET/x')
            $finding = Test-ApiLambdaPermission -RestApiId api6
            $finding.Status | Should -Be 'Allowed'
            $finding.PresentedSourceArn | Should -Match ':111122223333:api6/'
        }
    }

    Context '-FailOnDenied' {
        It 'writes every finding, then ends with a terminating DeniedTargetsFound error that counts them' {
            $found = [System.Collections.Generic.List[object]]::new()
            $err = $null
            try { Test-ApiLambdaPermission -RestApiId api1 -FailOnDenied | ForEach-Object { $found.Add($_) } } catch { $err = $_ }
            $found | Should -HaveCount 2
            $err.FullyQualifiedErrorId | Should -Be 'DeniedTargetsFound,LambdaPermTools.Commands.TestApiLambdaPermissionCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidResult'
            $err.Exception.Message | Should -Match '^2 '
        }

        It 'makes pwsh -Command exit non-zero, and zero when nothing is denied' {
            $setup = Get-PetStoreChildSetup
            $denied = Invoke-ChildPwsh -Command "$setup`nTest-ApiLambdaPermission -RestApiId api1 -FailOnDenied | Out-Null"
            $denied.ExitCode | Should -Not -Be 0
            $denied.Output | Should -Match 'Denied'
            $grants = "`$null = `$fake.SeedPermission(`$pets, `$null, 'ok', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets')`n" +
                "`$null = `$fake.SeedPermission(`$auth, `$null, 'ok', 'arn:aws:execute-api:us-east-1:111122223333:api1/authorizers/au1')"
            $allowed = Invoke-ChildPwsh -Command "$setup`n$grants`nTest-ApiLambdaPermission -RestApiId api1 -FailOnDenied | Out-Null"
            $allowed.ExitCode | Should -Be 0 -Because $allowed.Output
        }
    }

    Context 'piping into AWS Tools'' Add-LMPermission, which ends the pipeline on a duplicate statement id' {
        BeforeAll {
            # AWS Tools' Add-LMPermission turns Lambda's 409 ResourceConflictException (the statement id exists) into a
            # TERMINATING error (docs/powershell-rules.md §9.1); the shared stand-in does the same.
            Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/AwsToolsStandIn.psm1') -Force
        }

        BeforeEach {
            $null = $api.AddStage('dev')
            Clear-AddLMPermissionCall
        }

        AfterAll {
            Remove-Module AwsToolsStandIn
        }

        It 'gives the findings of every stage that one grant fixes the same StatementId (the contract''s shape)' {
            $denied = @(Test-ApiLambdaPermission -RestApiId api1 | Where-Object Status -eq 'Denied')
            $denied | Should -HaveCount 4   # GET /pets and its authorizer, in prod and dev
            @($denied | Sort-Object FunctionName, Qualifier, StatementId -Unique) | Should -HaveCount 2
        }

        It 'stops at the first duplicate when findings are piped as they are' {
            $err = $null
            try { $null = Test-ApiLambdaPermission -RestApiId api1 | Where-Object Status -eq 'Denied' | Add-LMPermission } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'Amazon.Lambda.Model.ResourceConflictException*'
        }

        It 'adds each grant once in the form the help and README show (Sort-Object FunctionName, Qualifier, StatementId -Unique)' {
            $added = @(Test-ApiLambdaPermission -RestApiId api1 | Where-Object Status -eq 'Denied' | Sort-Object FunctionName, Qualifier, StatementId -Unique | Add-LMPermission)
            $added | Should -HaveCount 2
            Get-AddLMPermissionCall | Should -HaveCount 2
        }
    }

    Context 'piping into AWS Tools'' Add-LMPermission' {
        BeforeAll {
            # The shared stand-in has Add-LMPermission's parameter set (docs/powershell-rules.md §6, §2) and answers
            # with what was bound.
            Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/AwsToolsStandIn.psm1') -Force
        }

        BeforeEach {
            Clear-AddLMPermissionCall
        }

        AfterAll {
            Remove-Module AwsToolsStandIn
        }

        It 'binds FunctionName, Action, Principal, StatementId, SourceArn and Region, and nothing else' {
            $finding = Test-ApiLambdaPermission -RestApiId api1 | Where-Object Kind -eq 'Integration'
            $bound = $finding | Where-Object Status -eq 'Denied' | Add-LMPermission
            $names = @($bound.PSObject.Properties.Name | Where-Object { -not [string]::IsNullOrEmpty($bound.$_) } | Sort-Object)
            $names | Should -Be @('Action', 'FunctionName', 'Principal', 'Region', 'SourceArn', 'StatementId')
            $bound.FunctionName | Should -Be $pets
            $bound.FunctionName | Should -Not -Match ':live$'
            $bound.Action | Should -Be 'lambda:InvokeFunction'
            $bound.Principal | Should -Be 'apigateway.amazonaws.com'
            $bound.SourceArn | Should -Be $finding.SourceArn
            $bound.StatementId | Should -Be $finding.StatementId
            $bound.Region | Should -Be 'us-east-1'
        }

        It 'binds the alias to -Qualifier, never inside FunctionName, and the function''s region to -Region' {
            $eu = $fake.AddFunction('eu-pets', 'eu-west-1'); $fake.AddQualifier($eu, 'live')
            $null = $fake.AddRestApi('api7', 'Alias').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri "${eu}:live" 'eu-west-1')).AddStage('prod')
            $bound = Test-ApiLambdaPermission -RestApiId api7 | Add-LMPermission
            $bound.FunctionName | Should -Be $eu
            $bound.Qualifier | Should -Be 'live'
            $bound.Region | Should -Be 'eu-west-1'
            foreach ($never in 'Select', 'PassThru', 'Force', 'AccessKey', 'SecretKey', 'SessionToken', 'ProfileName', 'ProfileLocation', 'Credential',
                'NetworkCredential', 'EndpointUrl', 'ClientConfig', 'RevisionId', 'PrincipalOrgID', 'EventSourceToken', 'FunctionUrlAuthType', 'InvokedViaFunctionUrl', 'SourceAccount') {
                $bound.PSObject.Properties.Name | Should -Not -Contain $never
            }
        }
    }
}
