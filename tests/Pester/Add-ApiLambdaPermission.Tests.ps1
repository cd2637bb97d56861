# Add-ApiLambdaPermission against the in-memory fakes (tests/LambdaPermTools.TestDoubles), injected through
# [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory. The fake Lambda enforces AWS's optimistic concurrency
# (docs/aws-rules.md §6.2): a new RevisionId after each change, 412 on a stale one, 409 on a duplicate Sid.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    function Assert-OnlyLeastPrivilegeGrants {
        # Every AddPermission call: the API Gateway service principal, lambda:InvokeFunction, an execute-api SourceArn.
        param($Fake)
        foreach ($call in $Fake.CallsOf('AddPermission')) {
            $call['Principal'] | Should -Be 'apigateway.amazonaws.com'
            $call['Action'] | Should -Be 'lambda:InvokeFunction'
            $call['SourceArn'] | Should -Match '^arn:aws:execute-api:[a-z0-9-]+:\d{12}:[a-z0-9]+/.'
            $call['FunctionName'] | Should -Not -Match ':function:[^:]+:'   # unqualified; the qualifier goes in Qualifier
        }
    }
}

AfterAll {
    Remove-FakeAws
}

Describe 'Add-ApiLambdaPermission' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.
            AddMethod('/pets/{id}', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).
            AddStage('prod').AddStage('dev')
    }

    It 'adds one least-privilege grant per method and authorizer, and the targets become Allowed' {
        $changes = @(Test-ApiLambdaPermission -RestApiId api1 | Add-ApiLambdaPermission)
        $changes | Should -HaveCount 3
        $changes | ForEach-Object { $_ | Should -BeOfType ([LambdaPermTools.PermissionChange]) }
        $changes.Result | Sort-Object -Unique | Should -Be 'Added'
        ($changes.SourceArn | Sort-Object) | Should -Be @(
            'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets',
            'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets/*',
            'arn:aws:execute-api:us-east-1:111122223333:api1/authorizers/au1')
        foreach ($change in $changes) {
            $statement = $change.Statement | ConvertFrom-Json
            $statement.Sid | Should -Be $change.StatementId
            $statement.Condition.ArnLike.'AWS:SourceArn' | Should -Be $change.SourceArn
        }
        $fake.CallCount('AddPermission') | Should -Be 3
        Assert-OnlyLeastPrivilegeGrants $fake
        (Test-ApiLambdaPermission -RestApiId api1).Status | Sort-Object -Unique | Should -Be 'Allowed'
    }

    It 'is idempotent: a second run adds nothing and calls AddPermission not at all' {
        $first = @(Add-ApiLambdaPermission -RestApiId api1)
        $fake.ClearCalls()
        $second = @(Add-ApiLambdaPermission -RestApiId api1)
        $fake.CallCount('AddPermission') | Should -Be 0
        $second.Result | Sort-Object -Unique | Should -Be 'Skipped' -Because 'every finding is now Allowed'
        $fake.StatementIdsOf($pets) | Should -HaveCount 2
        # Findings captured before the first run are Denied, but the grants exist now: AlreadyPresent, no call.
        $fake2 = New-FakeAws
        $p2 = $fake2.AddFunction('pets')
        $null = $fake2.AddRestApi('api1', 'PetStore').AddMethod('/pets', 'GET', 'AWS_PROXY', (Get-LambdaUri $p2)).AddStage('prod')
        $stale = @(Test-ApiLambdaPermission -RestApiId api1)
        $null = $stale | Add-ApiLambdaPermission
        $fake2.ClearCalls()
        $again = @($stale | Add-ApiLambdaPermission)
        $again.Result | Should -Be 'AlreadyPresent'
        $again.Statement | Should -Not -BeNullOrEmpty
        $fake2.CallCount('AddPermission') | Should -Be 0
        $fake2.StatementIdsOf($p2) | Should -HaveCount 1
    }

    It 'reports an equivalent grant someone else added as AlreadyPresent, with that statement''s id' {
        $stale = @(Test-ApiLambdaPermission -RestApiId api1 -StageName prod | Where-Object ResourcePath -eq '/pets' | Where-Object Kind -eq 'Integration')
        $null = $fake.SeedPermission($pets, $null, 'kc-method', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets')
        $change = $stale | Add-ApiLambdaPermission
        $change.Result | Should -Be 'AlreadyPresent'
        $change.StatementId | Should -Be 'kc-method'
        ($change.Statement | ConvertFrom-Json).Sid | Should -Be 'kc-method'
        $fake.CallCount('AddPermission') | Should -Be 0
    }

    It 'passes the policy''s RevisionId, and on a 412 re-reads, re-checks and retries' {
        $null = $fake.SeedPermission($pets, $null, 'other-team', 'arn:aws:execute-api:us-east-1:111122223333:zzz/*/GET/x')
        $revision = $fake.RevisionOf($pets)
        $fake.ChangeConcurrentlyBeforeAddPermission($pets, $null, 1)
        $changes = @(Test-ApiLambdaPermission -RestApiId api1 -StageName prod | Where-Object FunctionName -eq $pets | Where-Object HttpMethod -eq 'GET' | Select-Object -First 1 | Add-ApiLambdaPermission)
        $changes.Result | Should -Be 'Added'
        $adds = $fake.CallsOf('AddPermission')
        $adds | Should -HaveCount 2
        $adds[0]['RevisionId'] | Should -Be $revision
        $adds[1]['RevisionId'] | Should -Not -Be $revision
        $adds[1]['RevisionId'] | Should -Not -BeNullOrEmpty
        $fake.StatementIdsOf($pets) | Should -Contain 'other-team' -Because 'nothing is ever removed or rewritten'
        $fake.StatementIdsOf($pets) | Should -HaveCount 3
    }

    It 'gives up after a bounded number of 412s with PolicyChangedConcurrently' {
        $null = $fake.SeedPermission($pets, $null, 'other-team', 'arn:aws:execute-api:us-east-1:111122223333:zzz/*/GET/x')
        $fake.ChangeConcurrentlyBeforeAddPermission($pets, $null, 10)
        $finding = Test-ApiLambdaPermission -RestApiId api1 -StageName prod | Where-Object { $_.FunctionName -eq $pets -and $_.ResourcePath -eq '/pets' }
        $changes = @($finding | Add-ApiLambdaPermission -ErrorVariable errs -ErrorAction SilentlyContinue)
        $changes | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'PolicyChangedConcurrently,LambdaPermTools.Commands.AddApiLambdaPermissionCommand'
        $errs[0].TargetObject | Should -Be $pets
        $fake.CallCount('AddPermission') | Should -Be 3
    }

    It 'treats a 409 for its own statement id (someone added the same grant meanwhile) as AlreadyPresent' {
        $fake.ChangeConcurrentlyBeforeAddPermission($auth, $null, 1, $true)
        $changes = @(Test-ApiLambdaPermission -RestApiId api1 | Where-Object Kind -eq 'Authorizer' | Add-ApiLambdaPermission)
        $changes | Should -HaveCount 1
        $changes.Result | Should -Be 'AlreadyPresent'
        $fake.CallCount('AddPermission') | Should -Be 1
        $fake.StatementIdsOf($auth) | Should -HaveCount 1
    }

    It 'skips Allowed and Unknown findings with a reason and no call' {
        $null = $fake.SeedPermission($auth, $null, 'kc-auth', 'arn:aws:execute-api:us-east-1:111122223333:api1/authorizers/au1')
        $fake.DenyPolicyRead($pets)
        $changes = @(Test-ApiLambdaPermission -RestApiId api1 | Add-ApiLambdaPermission)
        $changes.Result | Sort-Object -Unique | Should -Be 'Skipped'
        $changes | ForEach-Object { $_.Reason | Should -Not -BeNullOrEmpty }
        @($changes | Where-Object { $_.Reason -match 'already allowed' }) | Should -HaveCount 2
        @($changes | Where-Object { $_.Reason -match 'AccessDenied' }) | Should -HaveCount 4
        $fake.CallCount('AddPermission') | Should -Be 0
    }

    It 'skips a $LATEST target: no resource policy can fix it' {
        $null = $fake.AddRestApi('api2', 'Latest').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri "${pets}:`$LATEST")).AddStage('prod')
        $change = Add-ApiLambdaPermission -RestApiId api2
        $change.Result | Should -Be 'Skipped'
        $change.Reason | Should -Match 'LatestQualifier'
        $fake.CallCount('AddPermission') | Should -Be 0
    }

    It 'adds an alias''s grant to the alias policy (Qualifier), not to the bare function' {
        $fake.AddQualifier($pets, 'live')
        $null = $fake.AddRestApi('api3', 'Alias').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri "${pets}:live")).AddStage('prod')
        $change = Add-ApiLambdaPermission -RestApiId api3
        $change.Result | Should -Be 'Added'
        $change.Qualifier | Should -Be 'live'
        $fake.CallsOf('AddPermission')[0]['Qualifier'] | Should -Be 'live'
        $fake.StatementIdsOf($pets, 'live') | Should -HaveCount 1
        $fake.PolicyOf($pets) | Should -BeNullOrEmpty
        Assert-OnlyLeastPrivilegeGrants $fake
    }

    It 'judges Get-ApiIntegrationTarget output piped to it: only those targets and stages, without reading the API again' {
        $fake.AddQualifier($pets, 'live'); $fake.AddQualifier($pets, 'beta')
        $null = $fake.AddRestApi('api5', 'Staged').AddMethod('/s', 'GET', 'AWS_PROXY', (Get-LambdaUri "${pets}:`${stageVariables.alias}")).
            AddStage('prod', @{ alias = 'live' }).AddStage('dev', @{ alias = 'beta' })
        $targets = @(Get-ApiIntegrationTarget -RestApiId api5 -StageName prod)
        $fake.ClearCalls()
        $changes = @($targets | Add-ApiLambdaPermission)
        $changes | Should -HaveCount 1
        $changes.Result | Should -Be 'Added'
        $changes.Qualifier | Should -Be 'live'
        @($fake.Calls | Where-Object Service -eq 'apigateway') | Should -BeNullOrEmpty
        $fake.PolicyOf($pets, 'beta') | Should -BeNullOrEmpty -Because 'the dev stage was not piped'
        ($targets | ConvertTo-ApiLambdaPermissionTemplate -Format AwsCli -WarningAction SilentlyContinue) | Should -BeNullOrEmpty -Because 'the grant now exists: nothing left to write'
    }

    It 'maps -Scope to the width of each grant' {
        $stage = @(Add-ApiLambdaPermission -RestApiId api1 -Scope Stage -WhatIf:$false)
        ($stage | Where-Object { $_.SourceArn -like '*/GET/pets' }).SourceArn | Sort-Object | Should -Be @(
            'arn:aws:execute-api:us-east-1:111122223333:api1/dev/GET/pets',
            'arn:aws:execute-api:us-east-1:111122223333:api1/prod/GET/pets')
        $fake2 = New-FakeAws
        $p2 = $fake2.AddFunction('pets')
        $null = $fake2.AddRestApi('api1', 'PetStore').AddMethod('/a', 'GET', 'AWS_PROXY', (Get-LambdaUri $p2)).AddMethod('/b', 'PUT', 'AWS_PROXY', (Get-LambdaUri $p2)).AddStage('prod')
        $api = @(Add-ApiLambdaPermission -RestApiId api1 -Scope Api)
        $api | Should -HaveCount 1
        $api.SourceArn | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:api1/*'
    }

    It 'warns, naming the function and the bytes left, when its policy (about 19 KB) would pass Lambda''s limit, before any write' {
        $i = 0
        while ([Text.Encoding]::UTF8.GetByteCount([string] $fake.PolicyOf($pets)) -lt 19 * 1024) {
            $i++
            $null = $fake.SeedPermission($pets, $null, "other-api-$i", "arn:aws:execute-api:us-east-1:111122223333:other$i/*/GET/items")
        }
        $left = 20480 - [Text.Encoding]::UTF8.GetByteCount($fake.PolicyOf($pets))
        $null = Add-ApiLambdaPermission -RestApiId api1 -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue
        $sizeWarnings = @($warnings | Where-Object { "$_" -match 'bytes left' })
        $sizeWarnings | Should -HaveCount 1 -Because 'only the policy of pets is near the limit; the one of auth is empty'
        "$sizeWarnings" | Should -Match ([regex]::Escape("'$pets'"))
        "$sizeWarnings" | Should -Match ([regex]::Escape([string]::Format([cultureinfo]::InvariantCulture, '{0:N0} bytes left', $left)))
        $fake.CallCount('AddPermission') | Should -Be 0
    }

    It 'refuses a function of another account with CrossAccountFunction and calls nothing' {
        $shared = $fake.AddFunction('shared', 'us-east-1', '444455556666')
        $fake.AllowCrossAccountRead($shared)
        $null = $fake.AddRestApi('api4', 'Cross').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $shared)).AddStage('prod')
        $finding = Test-ApiLambdaPermission -RestApiId api4
        $finding.Status | Should -Be 'Denied'
        $changes = @($finding | Add-ApiLambdaPermission -ErrorVariable errs -ErrorAction SilentlyContinue)
        $changes | Should -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'CrossAccountFunction,LambdaPermTools.Commands.AddApiLambdaPermissionCommand'
        $errs[0].TargetObject | Should -Be $shared
        $errs[0].ErrorDetails.RecommendedAction | Should -Match '444455556666'
        $fake.CallCount('AddPermission') | Should -Be 0
    }

    It 'writes a non-terminating AccessDenied per grant when the caller''s account cannot be read, and adds nothing' {
        $findings = @(Test-ApiLambdaPermission -RestApiId api1)
        $fake.Inject('GetCallerIdentity', 'AccessDenied')
        $changes = @($findings | Add-ApiLambdaPermission -ErrorVariable errs -ErrorAction SilentlyContinue)
        $changes | Should -BeNullOrEmpty
        $errs | Should -HaveCount 3
        $errs.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'AccessDenied,LambdaPermTools.Commands.AddApiLambdaPermissionCommand'
        $errs.CategoryInfo.Category | Sort-Object -Unique | Should -Be 'PermissionDenied'
        ($errs.TargetObject | Sort-Object -Unique) | Should -Be @($auth, $pets)
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'sts:GetCallerIdentity'
        $fake.CallCount('AddPermission') | Should -Be 0
    }

    It 'writes FunctionNotFound when the function disappeared, and goes on with the other grants' {
        $findings = @(Test-ApiLambdaPermission -RestApiId api1)
        $fake.RemoveFunction($auth)
        $changes = @($findings | Add-ApiLambdaPermission -ErrorVariable errs -ErrorAction SilentlyContinue)
        $changes.Result | Sort-Object -Unique | Should -Be 'Added'
        $changes | Should -HaveCount 2
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FunctionNotFound,LambdaPermTools.Commands.AddApiLambdaPermissionCommand'
        $errs[0].TargetObject | Should -Be $auth
    }

    It 'never sends Principal *, another action, or a grant without an execute-api SourceArn, even when asked directly' {
        $run = [LambdaPermTools.Aws.Runs.Run]::new([LambdaPermTools.Aws.Ports.ConnectionOptions]::new(), $fake, [System.Threading.CancellationToken]::None)
        $unsafe = @(
            @{ Principal = '*'; SourceArn = 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets' },
            @{ Principal = 'apigateway.amazonaws.com'; SourceArn = '' },
            @{ Principal = 'apigateway.amazonaws.com'; SourceArn = 'arn:aws:s3:::bucket' },
            @{ Principal = 'apigateway.amazonaws.com'; SourceArn = 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets'; Action = 'lambda:*' })
        foreach ($shape in $unsafe) {
            $grant = [LambdaPermTools.Planning.PlannedGrant]@{ FunctionName = $pets; Region = 'us-east-1'; FunctionAccountId = '111122223333'; StatementId = 'x' }
            foreach ($key in $shape.Keys) { $grant.$key = $shape[$key] }
            $outcome = $run.PrepareAsync($grant).GetAwaiter().GetResult()
            $outcome.Error.Id | Should -Be 'UnsafeGrant'
            $outcome.Pending | Should -BeNullOrEmpty -Because 'only a pending grant can be applied'
        }
        $fake.Calls | Should -BeNullOrEmpty -Because 'an unsafe grant is refused before any call'
    }

    It 'declares SupportsShouldProcess with ConfirmImpact Medium, -Force and its output type' {
        $command = Get-Command Add-ApiLambdaPermission
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.Parameters.Keys | Should -Contain 'Force'
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact | Should -Be 'Medium'
        $command.OutputType.Type | Should -Be ([LambdaPermTools.PermissionChange])
        $command.Parameters['Scope'].ParameterType | Should -Be ([LambdaPermTools.Planning.FixScope])
    }

    It 'shows the default table columns' {
        $table = Add-ApiLambdaPermission -RestApiId api1 | Format-Table | Out-String -Width 300
        $table | Should -Match 'Result\s+FunctionName\s+Qualifier\s+StatementId\s+SourceArn'
    }

    Context '-WhatIf, -Confirm and -Force (in a fresh pwsh, to see the host''s What if: lines)' {
        BeforeAll {
            $setup = Get-PetStoreChildSetup
        }

        It '-WhatIf calls nothing that changes AWS, emits no change, and shows exactly each statement' {
            $run = Invoke-ChildPwsh -Command "$setup`n`$out = @(Test-ApiLambdaPermission -RestApiId api1 | Add-ApiLambdaPermission -WhatIf)`n'OUT=' + `$out.Count`n'ADDS=' + `$fake.CallCount('AddPermission')`n'POLICY=' + [string]`$fake.PolicyOf(`$pets)"
            $run.Output | Should -Match 'OUT=0'
            $run.Output | Should -Match 'ADDS=0'
            $run.Output | Should -Match 'POLICY=\s*$|POLICY=\r?\n'
            $whatIf = @($run.Output -split "`n" | Where-Object { $_ -like 'What if:*' })
            $whatIf | Should -HaveCount 2
            $run.Output | Should -Match ([regex]::Escape("SourceArn 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets'"))
            $run.Output | Should -Match ([regex]::Escape("SourceArn 'arn:aws:execute-api:us-east-1:111122223333:api1/authorizers/au1'"))
            $run.Output | Should -Match "principal 'apigateway.amazonaws.com'"
            $run.Output | Should -Match "statement 'lpt-"
            $run.Output | Should -Match ([regex]::Escape('on target "arn:aws:lambda:us-east-1:111122223333:function:pets"'))
        }

        It '-Force never overrides -WhatIf, given as a switch or as $WhatIfPreference' {
            $run = Invoke-ChildPwsh -Command "$setup`n`$a = @(Add-ApiLambdaPermission -RestApiId api1 -WhatIf -Force)`n`$WhatIfPreference = `$true`n`$b = @(Add-ApiLambdaPermission -RestApiId api1 -Force)`n'OUT=' + (`$a.Count + `$b.Count)`n'ADDS=' + `$fake.CallCount('AddPermission')"
            $run.Output | Should -Match 'OUT=0'
            $run.Output | Should -Match 'ADDS=0'
            @($run.Output -split "`n" | Where-Object { $_ -like 'What if:*' }) | Should -HaveCount 4
        }

        It 'asks per grant when $ConfirmPreference is Medium, and -Force skips the prompt' {
            $prompted = Invoke-ChildPwsh -Command "$setup`n`$ConfirmPreference = 'Medium'`ntry { Add-ApiLambdaPermission -RestApiId api1 -ErrorAction Stop } catch { 'PROMPT=' + `$_.FullyQualifiedErrorId }`n'ADDS=' + `$fake.CallCount('AddPermission')"
            $prompted.Output | Should -Match 'PROMPT='
            $prompted.Output | Should -Match 'ADDS=0'
            $forced = Invoke-ChildPwsh -Command "$setup`n`$ConfirmPreference = 'Medium'`n`$out = @(Add-ApiLambdaPermission -RestApiId api1 -Force)`n'ADDED=' + @(`$out | Where-Object Result -eq 'Added').Count"
            $forced.Output | Should -Match 'ADDED=2'
        }
    }
}
