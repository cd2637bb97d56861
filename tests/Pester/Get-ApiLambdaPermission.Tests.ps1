# Policy hygiene against the in-memory fakes: Get-ApiLambdaPermission judges every API Gateway statement of a policy
# (InUse, ApiDeleted, Unused, Redundant, Foreign) and Remove-ApiLambdaPermission removes what it is given, with the
# policy's RevisionId, idempotently, refusing statements in use and statements of whole-document policies.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    function New-HygieneScene {
        # api1 (PetStore): GET /pets behind authorizer au1, GET /pets/{id}; stages prod and dev. The pets policy holds
        # grants for two deleted APIs, stage-wide grants for prod and dev, a method-level grant under the prod one, a
        # grant for a method api1 does not have, one without SourceArn and one for another account's API.
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddMethod('/pets/{id}', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod').AddStage('dev')
        $arn = 'arn:aws:execute-api:us-east-1:111122223333'
        $null = $fake.SeedPermission($pets, $null, 'gone-1', "${arn}:dead1/*/GET/pets")
        $null = $fake.SeedPermission($pets, $null, 'gone-2', "${arn}:dead2/*/*/*")
        $null = $fake.SeedPermission($pets, $null, 'prod-all', "${arn}:api1/prod/*/*")
        $null = $fake.SeedPermission($pets, $null, 'prod-pets', "${arn}:api1/prod/GET/pets")
        $null = $fake.SeedPermission($pets, $null, 'dev-all', "${arn}:api1/dev/*/*")
        $null = $fake.SeedPermission($pets, $null, 'post-pets', "${arn}:api1/*/POST/pets")
        $null = $fake.SeedPermission($pets, $null, 'no-source', $null)
        $null = $fake.SeedPermission($pets, $null, 'other-account', 'arn:aws:execute-api:us-east-1:444455556666:xapi1/*/GET/pets')
        $null = $fake.SeedPermission($auth, $null, 'auth', "${arn}:api1/authorizers/au1")
        $fake, $pets, $auth
    }

    function Get-Usage {
        param($Grants)
        $map = [ordered]@{}
        $Grants | Sort-Object StatementId | ForEach-Object { $map[$_.StatementId] = "$($_.Usage)" }
        $map
    }
}

AfterAll {
    Remove-FakeAws
}

Describe 'Get-ApiLambdaPermission' {
    BeforeEach {
        $fake, $pets, $auth = New-HygieneScene
    }

    It 'gives each statement the right Usage, with reasons, targets, sizes and breadth' {
        $grants = @(Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1)
        $grants | ForEach-Object { $_ | Should -BeOfType ([LambdaPermTools.PermissionGrant]) }
        $usage = Get-Usage $grants
        $usage['gone-1'] | Should -Be 'ApiDeleted'
        $usage['gone-2'] | Should -Be 'ApiDeleted'
        $usage['prod-all'] | Should -Be 'InUse'
        $usage['prod-pets'] | Should -Be 'Redundant' -Because 'prod-all grants GET /pets in prod too, and stays'
        $usage['dev-all'] | Should -Be 'InUse'
        $usage['post-pets'] | Should -Be 'Unused' -Because 'api1 exists but has no POST /pets'
        $usage['no-source'] | Should -Be 'Foreign' -Because 'without SourceArn any API may use it, also ones the tool cannot see'
        $usage['other-account'] | Should -Be 'Foreign'
        $usage.Count | Should -Be 8

        $byId = @{}; $grants | ForEach-Object { $byId[$_.StatementId] = $_ }
        ($byId['prod-all'].UsedBy | Sort-Object) | Should -Be @('api1/prod GET /pets', 'api1/prod GET /pets/{id}')
        $byId['prod-pets'].Reason | Should -Match "'prod-all'"
        $byId['other-account'].Reason | Should -Match '444455556666'
        $byId['no-source'].OverlyBroad | Should -BeTrue
        $byId['no-source'].Reason | Should -Match 'SourceArn'
        $byId['prod-all'].OverlyBroad | Should -BeFalse
        $byId['gone-1'].ApiId | Should -Be 'dead1'
        $byId['gone-1'].StageName | Should -Be '*'
        $byId['gone-1'].HttpMethod | Should -Be 'GET'
        $byId['gone-1'].ResourcePath | Should -Be '/pets'
        $policy = [Text.Encoding]::UTF8.GetByteCount($fake.PolicyOf($pets))
        $grants.PolicyBytes | Sort-Object -Unique | Should -Be $policy
        $grants.PolicyBytesLeft | Sort-Object -Unique | Should -Be (20480 - $policy)
        $byId['gone-1'].StatementBytes | Should -Be ([Text.Encoding]::UTF8.GetByteCount($byId['gone-1'].Statement))
        (Get-ApiLambdaPermission -FunctionName $auth -ApiRegion us-east-1).Usage | Should -Be 'InUse'
    }

    It 'finds the same statements from the API, and from every function of the region' {
        $fromApi = @(Get-ApiLambdaPermission -RestApiId api1 -ApiRegion us-east-1)
        $everyFunction = @(Get-ApiLambdaPermission -AllFunctions -ApiRegion us-east-1)
        $fromApi | Should -HaveCount 9
        (Get-Usage $everyFunction).Values -join ',' | Should -Be ((Get-Usage $fromApi).Values -join ',')
    }

    It 'never calls a grant deleted while its API may live in another region: that takes -ApiRegion' {
        # A grant for an API of another region names the function's region (docs/aws-rules.md §1.1), like gone-1 does.
        $null = $fake.AddRestApi('euapi1', 'eu', 'eu-west-1')
        $null = $fake.SeedPermission($pets, $null, 'from-eu', 'arn:aws:execute-api:us-east-1:111122223333:euapi1/*/GET/pets')
        $unsaid = @(Get-ApiLambdaPermission -FunctionName pets)
        (Get-Usage $unsaid)['gone-1'], (Get-Usage $unsaid)['from-eu'] | Should -Be 'Foreign', 'Foreign'
        ($unsaid | Where-Object StatementId -EQ 'gone-1').Reason | Should -Match 'another region .* -ApiRegion'

        $said = @(Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1, eu-west-1)
        (Get-Usage $said)['gone-1'], (Get-Usage $said)['from-eu'] | Should -Be 'ApiDeleted', 'Foreign'
        ($said | Where-Object StatementId -EQ 'from-eu').Reason | Should -Match "API 'euapi1' is in region eu-west-1"
        ($said | Where-Object StatementId -EQ 'gone-1').Reason | Should -Match 'none of the regions checked \(us-east-1, eu-west-1\)'
        @($fake.CallsOf('GetRestApis') | Where-Object Region -EQ 'eu-west-1') | Should -HaveCount 1
    }

    It 'writes a non-terminating AccessDenied when the caller''s account cannot be read, and judges nothing' {
        $fake.Inject('GetCallerIdentity', 'AccessDenied')
        $grants = @(Get-ApiLambdaPermission -FunctionName pets -ErrorVariable errs -ErrorAction SilentlyContinue)
        $grants | Should -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'sts:GetCallerIdentity'
    }

    It 'shows progress over the APIs it reads, then over the functions whose policies it reads' {
        $ps = New-LptPowerShell
        $null = $ps.AddCommand('Get-ApiLambdaPermission').AddParameter('All').AddParameter('ApiRegion', 'us-east-1').Invoke()
        $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Listing API Gateway grants').StatusDescription
        $ps.Dispose()
        $progress[-1] | Should -Be 'Done'
        # The two functions finish in either order.
        $progress | Where-Object { $_ -like '2 of 2 read (last: function *)' } | Should -HaveCount 1
        $progress | Where-Object { $_ -like '1 of 2 read (last: function *)' } | Should -HaveCount 1
    }

    It 'refuses a region name that is no region' {
        { Get-ApiLambdaPermission -FunctionName pets -ApiRegion 'eu west' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'reads each alias, and the versions that aliases point to, at their own policy' {
        $fake.AddQualifier($pets, '3')
        $fake.AddAlias($pets, 'live', '3')
        $null = $fake.SeedPermission($pets, 'live', 'live-gone', 'arn:aws:execute-api:us-east-1:111122223333:dead3/*/GET/pets')
        $null = $fake.SeedPermission($pets, '3', 'v3-gone', 'arn:aws:execute-api:us-east-1:111122223333:dead4/*/GET/pets')
        $grants = @(Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1)
        ($grants | Where-Object Qualifier -eq 'live').StatementId | Should -Be 'live-gone'
        ($grants | Where-Object Qualifier -eq '3').StatementId | Should -Be 'v3-gone'
        ($grants | Where-Object Qualifier -ne '').Usage | Sort-Object -Unique | Should -Be 'ApiDeleted'
        @($fake.CallsOf('GetPolicy') | ForEach-Object { "$($_['Qualifier'])" } | Sort-Object) | Should -Be @('', '3', 'live')
    }

    It 'calls AWS no more than the frugal minimum for a many-function account' {
        # 9 functions, each with a grant for api1 (or a deleted API); every third with an alias on version 1.
        $fake.PageSize = 2
        $names = 1..9 | ForEach-Object { "fn$_" }
        foreach ($name in $names) {
            $arn = $fake.AddFunction($name)
            $i = [int]$name.Substring(2)
            $target = if ($i % 2) { 'api1/*/GET/x' } else { "dead$i/*/GET/x" }
            $null = $fake.SeedPermission($arn, $null, "g-$name", "arn:aws:execute-api:us-east-1:111122223333:$target")
            if ($i % 3 -eq 0) { $fake.AddQualifier($arn, '1'); $fake.AddAlias($arn, 'live', '1') }
        }
        $null = $fake.AddRestApi('api2', 'Other').AddStage('prod')
        $null = $fake.AddRestApi('api3', 'Third').AddStage('prod')
        # What one scan of api1 costs (its targets come from the same reads).
        $fake.ClearCalls()
        $null = Get-ApiIntegrationTarget -RestApiId api1
        $scan = @{}
        foreach ($op in 'GetResources', 'GetAuthorizers', 'GetStages', 'GetExport') { $scan[$op] = $fake.CallCount($op) }
        $fake.ClearCalls()

        $grants = @(Get-ApiLambdaPermission -AllFunctions -ApiRegion us-east-1)

        $functions = 11   # pets, auth and fn1..fn9
        $aliased = 3      # fn3, fn6, fn9: alias live and version 1, each with a policy to read
        $expected = @{
            GetCallerIdentity = 1
            GetRestApis       = [math]::Ceiling(3 / $fake.PageSize)            # api1..api3, once for every statement
            GetApis           = 1                                               # no HTTP or WebSocket API: one empty page
            ListFunctions     = [math]::Ceiling($functions / $fake.PageSize)
            ListAliases       = $functions
            GetPolicy         = $functions + 2 * $aliased
            GetResources      = $scan['GetResources']                           # only api1 is named and exists
            GetAuthorizers    = $scan['GetAuthorizers']
            GetStages         = $scan['GetStages']
            GetExport         = $scan['GetExport']                              # one per deployment; GetRestApis gave the name
        }
        $actual = @{}
        $fake.Calls | Group-Object Operation | ForEach-Object { $actual[$_.Name] = $_.Count }
        ($actual.Keys | Sort-Object) | Should -Be ($expected.Keys | Sort-Object)
        foreach ($op in $expected.Keys) { $actual[$op] | Should -Be $expected[$op] -Because $op }
        ($grants | Where-Object StatementId -like 'g-fn*' | Group-Object Usage -NoElement | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ',' |
            Should -Be 'ApiDeleted=4,Unused=5'
    }
}

Describe 'Remove-ApiLambdaPermission' {
    BeforeEach {
        $fake, $pets, $auth = New-HygieneScene
    }

    It 'removes the ApiDeleted and Redundant statements, and every live target stays Allowed' {
        (Test-ApiLambdaPermission -RestApiId api1).Status | Sort-Object -Unique | Should -Be 'Allowed'
        $changes = @(Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1 | Where-Object Usage -in 'ApiDeleted', 'Redundant' | Remove-ApiLambdaPermission -Confirm:$false)
        $changes | ForEach-Object { $_ | Should -BeOfType ([LambdaPermTools.PermissionChange]) }
        $changes.Result | Sort-Object -Unique | Should -Be 'Removed'
        ($changes.StatementId | Sort-Object) | Should -Be @('gone-1', 'gone-2', 'prod-pets')
        ($changes | Where-Object StatementId -eq 'gone-1').Statement | Should -Match 'dead1'
        ($fake.StatementIdsOf($pets) | Sort-Object) | Should -Be @('dev-all', 'no-source', 'other-account', 'post-pets', 'prod-all')
        foreach ($call in $fake.CallsOf('RemovePermission')) { $call['RevisionId'] | Should -Not -BeNullOrEmpty }
        (Test-ApiLambdaPermission -RestApiId api1).Status | Sort-Object -Unique | Should -Be 'Allowed'
    }

    It 'changes nothing with -WhatIf' {
        $before = $fake.PolicyOf($pets)
        $changes = @(Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1 | Remove-ApiLambdaPermission -WhatIf -Force)
        $changes | Should -HaveCount 0
        $fake.CallCount('RemovePermission') | Should -Be 0
        $fake.PolicyOf($pets) | Should -Be $before
    }

    It 'refuses a statement in use without -Force, naming what would break; removes it with -Force' {
        $inUse = Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1 | Where-Object StatementId -eq 'prod-all'
        $changes = @($inUse | Remove-ApiLambdaPermission -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue)
        $changes | Should -HaveCount 0
        $refused | Should -HaveCount 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'GrantInUse*'
        $refused[0].Exception.Message | Should -Match 'api1/prod GET /pets/\{id\}'
        $refused[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $fake.CallCount('RemovePermission') | Should -Be 0

        $forced = $inUse | Remove-ApiLambdaPermission -Force
        $forced.Result | Should -Be 'Removed'
        $fake.StatementIdsOf($pets) | Should -Not -Contain 'prod-all'
    }

    It 'lists the targets that would break under -WhatIf -Force (in a fresh pwsh, to see the host''s What if: lines)' {
        $command = (Get-PetStoreChildSetup) + @"

`$null = `$fake.SeedPermission(`$pets, `$null, 'prod-all', 'arn:aws:execute-api:us-east-1:111122223333:api1/prod/*/*')
`$out = @(Get-ApiLambdaPermission -FunctionName pets | Remove-ApiLambdaPermission -WhatIf -Force)
'OUT=' + `$out.Count
'REMOVES=' + `$fake.CallCount('RemovePermission')
"@
        $run = Invoke-ChildPwsh -Command $command
        $run.Output | Should -Match 'OUT=0'
        $run.Output | Should -Match 'REMOVES=0'
        $whatIf = @($run.Output -split "`n" | Where-Object { $_ -like 'What if:*' })
        $whatIf | Should -HaveCount 1
        $whatIf[0] | Should -Match "statement 'prod-all'"
        $whatIf[0] | Should -Match 'api1/prod GET /pets'
        $whatIf[0] | Should -Match ':function:pets'
    }

    It 're-reads the policy and retries when it changed during the removal (412)' {
        $gone = Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1 | Where-Object StatementId -eq 'gone-1'
        $fake.ClearCalls()
        $fake.ChangeConcurrentlyBeforeRemovePermission($pets, $null, 1)
        $change = $gone | Remove-ApiLambdaPermission -Confirm:$false
        $change.Result | Should -Be 'Removed'
        $calls = $fake.CallsOf('RemovePermission')
        $calls | Should -HaveCount 2
        $calls[1]['RevisionId'] | Should -Not -Be $calls[0]['RevisionId']
        $fake.CallCount('GetPolicy') | Should -Be 2
        $fake.StatementIdsOf($pets) | Should -Not -Contain 'gone-1'
    }

    It 'removes nothing on a second run: what is gone is Skipped (NotFound)' {
        $stale = @(Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1 | Where-Object Usage -in 'ApiDeleted', 'Redundant')
        $null = $stale | Remove-ApiLambdaPermission -Confirm:$false
        $fake.ClearCalls()
        $again = @($stale | Remove-ApiLambdaPermission -Confirm:$false)
        $again.Result | Sort-Object -Unique | Should -Be 'Skipped'
        $again.Reason | Sort-Object -Unique | Should -BeLike 'NotFound*'
        $fake.CallCount('RemovePermission') | Should -Be 0
        @(Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1 | Where-Object Usage -in 'ApiDeleted', 'Redundant') | Should -HaveCount 0
    }

    It 'removes one statement named by -FunctionName and -StatementId, and skips a Sid that is not there' {
        (Remove-ApiLambdaPermission -FunctionName pets -StatementId gone-2 -Confirm:$false).Result | Should -Be 'Removed'
        $missing = Remove-ApiLambdaPermission -FunctionName pets -StatementId gone-2 -Confirm:$false
        $missing.Result | Should -Be 'Skipped'
        $fake.CallCount('RemovePermission') | Should -Be 1
        Remove-ApiLambdaPermission -FunctionName pets -StatementId prod-all -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'GrantInUse*'
    }

    It 'refuses a statement of a whole-document policy (WholeDocumentPolicy), naming the document-level change' {
        $fake.SeedStatement($pets, $null, '{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"*","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:111122223333:dead9/*"}}}')
        $noSid = Get-ApiLambdaPermission -FunctionName pets -ApiRegion us-east-1 | Where-Object StatementId -eq ''
        $noSid.Usage | Should -Be 'ApiDeleted'
        $noSid.WholeDocumentReason | Should -Match 'no Sid'
        $null = $noSid | Remove-ApiLambdaPermission -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'WholeDocumentPolicy*'
        $refused[0].ErrorDetails.RecommendedAction | Should -Match 'AWS::Lambda::ResourcePolicy'
        $fake.CallCount('RemovePermission') | Should -Be 0
    }
}
