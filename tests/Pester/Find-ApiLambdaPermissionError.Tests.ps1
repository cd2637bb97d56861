# Find-ApiLambdaPermissionError against the in-memory fakes: the knowledge-center lines (integration and authorizer
# forms, docs/aws-rules.md §7.2, §7.3), read from a fake log group and as pasted text, become PermissionFailures that
# Test-ApiLambdaPermission judges Denied and Add-ApiLambdaPermission fixes; bad input, LogGroupNotFound, paging.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
    $group = 'API-Gateway-Execution-Logs_api1/prod'

    function Get-SeedLine {
        # One request failing on GET /pets (integration, behind the authorizer) and one failing in the authorizer.
        @(Get-ExecutionLogLine -RequestId '11111111-aaaa-4bbb-8ccc-000000000001' -FunctionArn $pets -ResourcePath '/pets') +
            @(Get-ExecutionLogLine -RequestId '22222222-aaaa-4bbb-8ccc-000000000002' -FunctionArn $auth -Authorizer)
    }
}

AfterAll {
    Remove-FakeAws
}

Describe 'Find-ApiLambdaPermissionError' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddMethod('/pets', 'POST', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
        $fake.LogPageSize = 3
    }

    Context 'from the seed lines to the fix' {
        It 'reads <Source> into failures that Test- judges Denied, Add- fixes, and the re-test finds Allowed' -ForEach @(
            @{ Source = 'a fake log group' }
            @{ Source = 'pasted text' }
        ) {
            if ($Source -eq 'pasted text') {
                $failures = @(Get-SeedLine | Find-ApiLambdaPermissionError -RestApiId api1 -StageName prod)
                $failures.LogGroupName | Sort-Object -Unique | Should -Be '(text)'
                $fake.CallCount('FilterLogEvents') | Should -Be 0 -Because 'text is read without AWS'
            }
            else {
                $fake.AddLogEvents($group, [DateTimeOffset]::UtcNow.AddMinutes(-5), [string[]] (Get-SeedLine))
                $failures = @(Find-ApiLambdaPermissionError -RestApiId api1)
                $failures.LogGroupName | Sort-Object -Unique | Should -Be $group
            }

            $failures | Should -HaveCount 2
            $failures[0].GetType().FullName | Should -Be 'LambdaPermTools.PermissionFailure'
            $integration = $failures | Where-Object Kind -EQ 'Integration'
            ($integration.HttpMethod, $integration.ResourcePath, $integration.FunctionArn, $integration.Count) | Should -Be @('GET', '/pets', $pets, 1)
            ($failures | Where-Object Kind -EQ 'Authorizer').FunctionArn | Should -Be $auth
            $failures.RestApiId | Sort-Object -Unique | Should -Be 'api1'
            $failures.StageName | Sort-Object -Unique | Should -Be 'prod'

            $findings = @($failures | Test-ApiLambdaPermission)
            $findings | Should -HaveCount 2 -Because 'exactly the two named targets, not POST /pets'
            $findings.Status | Sort-Object -Unique | Should -Be 'Denied'
            ($findings | Where-Object Kind -EQ 'Integration').HttpMethod | Should -Be 'GET'

            $changes = @($findings | Add-ApiLambdaPermission -Confirm:$false)
            $changes.Result | Sort-Object -Unique | Should -Be 'Added'
            @($failures | Test-ApiLambdaPermission).Status | Sort-Object -Unique | Should -Be 'Allowed'
        }

        It 'reads console Test pane lines with their date prefix' {
            $pasted = Get-SeedLine | Select-Object -First 6 | ForEach-Object { 'Wed, 05 Jun 2024 14:22:11 GMT : ' + ($_ -replace '^\([^)]+\) ', '') }
            $failure = Find-ApiLambdaPermissionError -LogText $pasted -RestApiId api1 -StageName prod
            ($failure.Kind, $failure.FunctionArn, $failure.ResourcePath) | Should -Be @('Integration', $pets, '/pets')
            $failure.FirstSeen | Should -Be ([DateTimeOffset]::new(2024, 6, 5, 14, 22, 11, [TimeSpan]::Zero))
        }
    }

    Context 'counts, window and paging' {
        It 'pages through the group, counts per target, and asks CloudWatch to filter' {
            $start = [DateTimeOffset]::UtcNow.AddMinutes(-50)
            foreach ($i in 1..12) {
                $fake.AddLogEvents($group, $start.AddMinutes($i), [string[]] @(Get-ExecutionLogLine -RequestId "req-$i" -FunctionArn $pets -ResourcePath '/pets'))
                $fake.AddLogEvents($group, $start.AddMinutes($i).AddSeconds(1), [string[]] @("(ok-$i) Starting execution for request: ok-$i", "(ok-$i) Method completed with status: 200"))
            }
            $fake.AddLogEvents($group, $start.AddHours(-3), [string[]] @(Get-ExecutionLogLine -RequestId 'too-old' -FunctionArn $pets -ResourcePath '/pets'))

            $failure = Find-ApiLambdaPermissionError -RestApiId api1 -StageName prod
            $failure.Count | Should -Be 12
            $failure.RequestIds | Should -Be @('req-1', 'req-2', 'req-3', 'req-4', 'req-5')
            $failure.FirstSeen | Should -BeLessThan $failure.LastSeen
            $calls = $fake.CallsOf('FilterLogEvents')
            $calls[0]['filterPattern'] | Should -Be '"Invalid permissions on Lambda function"'
            @($calls | Where-Object { $_['nextToken'] }).Count | Should -BeGreaterThan 5 -Because 'pages of 3 events'
            ($calls | Where-Object { $_['filterPattern'].StartsWith('?') })[0]['filterPattern'] | Should -BeLike '?"(req-1)" ?"(req-2)"*'
        }

        It 'honours -StartTime and -EndTime' {
            $fake.AddLogEvents($group, [DateTimeOffset]::UtcNow.AddDays(-2), [string[]] (Get-SeedLine))
            $fake.AddLogEvents($group, [DateTimeOffset]::UtcNow.AddMinutes(-5), [string[]] @('(x) Method completed with status: 200'))
            @(Find-ApiLambdaPermissionError -RestApiId api1).Count | Should -Be 0
            @(Find-ApiLambdaPermissionError -RestApiId api1 -StartTime (Get-Date).AddDays(-3) -EndTime (Get-Date).AddDays(-1)).Count | Should -Be 2
        }

        It 'shows progress over stages' {
            $null = $api.AddStage('dev')
            $fake.AddLogEvents($group, [DateTimeOffset]::UtcNow.AddMinutes(-5), [string[]] (Get-SeedLine))
            $fake.AddLogEvents('API-Gateway-Execution-Logs_api1/dev', [DateTimeOffset]::UtcNow.AddMinutes(-5), [string[]] @('(x) Method completed with status: 200'))
            $ps = New-LptPowerShell
            $null = $ps.AddCommand('Find-ApiLambdaPermissionError').AddParameter('RestApiId', 'api1').Invoke()
            $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Reading execution logs')
            $progress.StatusDescription | Should -Be @('1 of 2 stages read (last: api1/prod)', '2 of 2 stages read (last: api1/dev)', 'Done')
            $ps.Dispose()
        }
    }

    Context 'what is not an answer' {
        It 'a stage without a log group is LogGroupNotFound saying how to turn logging on, not an empty result' {
            $failures = @(Find-ApiLambdaPermissionError -RestApiId api1 -ErrorVariable errs -ErrorAction SilentlyContinue)
            $failures | Should -HaveCount 0
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'LogGroupNotFound*'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be $group
            $errs[0].ErrorDetails.RecommendedAction | Should -Match 'loggingLevel'
            $errs[0].ErrorDetails.RecommendedAction | Should -Match 'cloudwatchRoleArn'
        }

        It 'a group that logged nothing in the window is LogGroupNotFound too' {
            $fake.AddLogGroup($group)
            $null = Find-ApiLambdaPermissionError -RestApiId api1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'LogGroupNotFound*'
            $errs[0].Exception.Message | Should -Match 'has no event between'
        }

        It 'text with no recognised line gives one warning naming the shapes' {
            $failures = @('hello', 'world' | Find-ApiLambdaPermissionError -WarningVariable warned -WarningAction SilentlyContinue)
            $failures | Should -HaveCount 0
            $warned | Should -HaveCount 1
            "$warned" | Should -Match 'Sending request to'
            "$warned" | Should -Match 'date'
        }

        It 'a failure from text without -RestApiId cannot be judged: a per-item error, no AWS call' {
            $failures = @(Get-SeedLine | Find-ApiLambdaPermissionError)
            $failures | Should -HaveCount 2
            $findings = @($failures | Test-ApiLambdaPermission -ErrorVariable errs -ErrorAction SilentlyContinue)
            $findings | Should -HaveCount 0
            $errs | Should -HaveCount 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRestApiId*'
            $fake.Calls | Should -HaveCount 0
        }

        It 'a -StartTime after -EndTime ends the command before any call' {
            { Find-ApiLambdaPermissionError -RestApiId api1 -StartTime (Get-Date) -EndTime (Get-Date).AddHours(-1) } |
                Should -Throw -ErrorId 'InvalidTimeWindow*'
            $fake.Calls | Should -HaveCount 0
        }

        It 'a failure whose target the stage no longer serves is a warning' {
            $failure = Get-ExecutionLogLine -RequestId 'r9' -FunctionArn $pets -HttpMethod 'PUT' -ResourcePath '/gone' |
                Find-ApiLambdaPermissionError -RestApiId api1 -StageName prod
            $findings = @($failure | Test-ApiLambdaPermission -WarningVariable warned -WarningAction SilentlyContinue)
            $findings | Should -HaveCount 0
            "$warned" | Should -Match 'redeployed'
        }
    }
}
