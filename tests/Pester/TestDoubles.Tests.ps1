# The in-memory fakes (tests/LambdaPermTools.TestDoubles) follow AWS's real semantics, not moto's: every
# other Pester suite relies on that, so the rules are pinned here, each with its section of docs/aws-rules.md.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    function Wait-Task($task) { $task.GetAwaiter().GetResult() }
    function Get-AwsError([scriptblock] $call) {
        try { & $call; $null } catch { $_.Exception.GetBaseException() }
    }
    $none = [System.Threading.CancellationToken]::None
}

AfterAll {
    Remove-FakeAws
}

Describe 'FakeAws' {
    BeforeEach {
        $fake = New-FakeAws
        $services = $fake.Create([LambdaPermTools.Aws.Ports.ConnectionOptions]::new())
        $lambda = $services.Lambda('us-east-1')
        $fn = $fake.AddFunction('pets')
        $fake.AddQualifier($fn, 'live')
        function New-Grant([string] $sid, [string] $qualifier, [string] $revision) {
            $request = [LambdaPermTools.Aws.Ports.AddPermissionRequest]::new()
            $request.FunctionName = $fn
            $request.Qualifier = if ($qualifier) { $qualifier } else { [NullString]::Value }
            $request.StatementId = $sid
            $request.SourceArn = 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets'
            $request.RevisionId = if ($revision) { $revision } else { [NullString]::Value }
            $request
        }
    }

    It 'answers GetPolicy with 404 NotFound when the function has no policy (§6.2)' {
        $e = Get-AwsError { Wait-Task $lambda.GetPolicyAsync($fn, $null, $none) }
        $e.Kind | Should -Be 'NotFound'
        $e.ErrorCode | Should -Be 'ResourceNotFoundException'
        $e.StatusCode | Should -Be 404
        Wait-Task $lambda.FunctionExistsAsync($fn, $null, $none) | Should -BeTrue
        Wait-Task $lambda.FunctionExistsAsync($fn, 'nope', $none) | Should -BeFalse
    }

    It 'keeps one policy per qualifier, never merged (§3.1)' {
        $null = Wait-Task $lambda.AddPermissionAsync((New-Grant 'on-alias' 'live'), $none)
        (Get-AwsError { Wait-Task $lambda.GetPolicyAsync($fn, $null, $none) }).Kind | Should -Be 'NotFound'
        $policy = (Wait-Task $lambda.GetPolicyAsync($fn, 'live', $none)).PolicyJson | ConvertFrom-Json
        $policy.Statement[0].Resource | Should -Be "${fn}:live"
        $null = Wait-Task $lambda.AddPermissionAsync((New-Grant 'on-alias' $null), $none)
        $fake.StatementIdsOf($fn) | Should -Be @('on-alias') -Because 'the same Sid may exist on each qualifier'
    }

    It 'writes the statement AddPermission writes (§3.2)' {
        $statement = (Wait-Task $lambda.AddPermissionAsync((New-Grant 's1' $null), $none)) | ConvertFrom-Json
        $statement.Effect | Should -Be 'Allow'
        $statement.Principal.Service | Should -Be 'apigateway.amazonaws.com'
        $statement.Action | Should -Be 'lambda:InvokeFunction'
        $statement.Condition.ArnLike.'AWS:SourceArn' | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets'
    }

    It 'answers 409 Conflict for a duplicate statement id and 412 for a stale RevisionId, with a new RevisionId after each change (§6.2)' {
        $null = Wait-Task $lambda.AddPermissionAsync((New-Grant 's1' $null), $none)
        $first = (Wait-Task $lambda.GetPolicyAsync($fn, $null, $none)).RevisionId
        (Get-AwsError { Wait-Task $lambda.AddPermissionAsync((New-Grant 's1' $null), $none) }).StatusCode | Should -Be 409
        $null = Wait-Task $lambda.AddPermissionAsync((New-Grant 's2' $null $first), $none)
        $second = (Wait-Task $lambda.GetPolicyAsync($fn, $null, $none)).RevisionId
        $second | Should -Not -Be $first
        $stale = Get-AwsError { Wait-Task $lambda.AddPermissionAsync((New-Grant 's3' $null $first), $none) }
        $stale.Kind | Should -Be 'PreconditionFailed'
        $stale.StatusCode | Should -Be 412
    }

    It 'rejects a policy on $LATEST, a Sid with a dot, and a qualifier that contradicts the name (§3.1, §6.2)' {
        (Get-AwsError { Wait-Task $lambda.AddPermissionAsync((New-Grant 's1' '$LATEST'), $none) }).Message | Should -Match 'LATEST'
        (Get-AwsError { Wait-Task $lambda.AddPermissionAsync((New-Grant 'a.b' $null), $none) }).StatusCode | Should -Be 400
        (Get-AwsError { Wait-Task $lambda.GetPolicyAsync("${fn}:live", 'other', $none) }).Message | Should -Match 'derived qualifier'
    }

    It 'refuses functions of another region or account' {
        $eu = $fake.AddFunction('eu', 'eu-west-1')
        (Get-AwsError { Wait-Task $lambda.GetPolicyAsync($eu, $null, $none) }).Kind | Should -Be 'Validation'
        $other = $fake.AddFunction('other', 'us-east-1', '444455556666')
        (Get-AwsError { Wait-Task $lambda.GetPolicyAsync($other, $null, $none) }).Kind | Should -Be 'AccessDenied'
    }

    It 'pages API Gateway lists with one recorded call per page, and records every call with its arguments' {
        foreach ($i in 1..5) { $null = $fake.AddRestApi("api$i", "Api $i") }
        $apis = Wait-Task $services.ApiGateway.GetRestApisAsync($none)
        $apis.Id | Should -Be @('api1', 'api2', 'api3', 'api4', 'api5')
        $pages = $fake.CallsOf('GetRestApis')
        $pages | Should -HaveCount 3
        $pages.ForEach({ $_['position'] }) | Should -Be @($null, '2', '4')
        (Get-AwsError { Wait-Task $services.ApiGateway.GetStagesAsync('nope', $none) }).ErrorCode | Should -Be 'NotFoundException'
    }

    It 'injects throttling per function, a given number of times' {
        $fake.Inject('GetPolicy', 'Throttled', 1, $fn)
        (Get-AwsError { Wait-Task $lambda.GetPolicyAsync($fn, $null, $none) }).StatusCode | Should -Be 429
        (Get-AwsError { Wait-Task $lambda.GetPolicyAsync($fn, $null, $none) }).Kind | Should -Be 'NotFound'
    }
}
