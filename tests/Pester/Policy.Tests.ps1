# Issue 12, the policy half, against the in-memory fakes (tests/LambdaPermTools.TestDoubles): deeper diagnosis of
# denied targets (QualifierMismatch on another alias or version), a RevisionId on every AddPermission, PolicyTooLarge,
# and whole-document policies (docs/aws-rules.md §3.6): Deny, statements without Sid, conditions the tool cannot evaluate.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    function New-ShopFake {
        # Function orders (versions 1 and 2, alias live) behind GET /orders of api1, integration URI as given.
        param([string] $Qualifier, [string[]] $Stages = @('prod'))
        $fake = New-FakeAws
        $orders = $fake.AddFunction('orders')
        '1', '2', 'live' | ForEach-Object { $fake.AddQualifier($orders, $_) }
        $arn = if ($Qualifier) { "${orders}:$Qualifier" } else { $orders }
        $api = $fake.AddRestApi('api1', 'Shop').AddMethod('/orders', 'GET', 'AWS_PROXY', (Get-LambdaUri $arn))
        foreach ($stage in $Stages) { $null = $api.AddStage($stage) }
        $fake, $orders
    }

    $script:OrdersArn = 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/orders'
}

AfterAll {
    Remove-FakeAws
}

Describe 'Deeper diagnosis of denied targets' {
    It 'finds QualifierMismatch for an unqualified integration whose grant is only on an alias, naming the alias' {
        $fake, $orders = New-ShopFake
        $null = $fake.SeedPermission($orders, 'live', 'on-live', $OrdersArn)
        $finding = Test-ApiLambdaPermission -RestApiId api1 -StageName prod | Where-Object StageName -EQ 'prod'
        $finding.Status | Should -Be 'Denied'
        $finding.Cause | Should -Be 'QualifierMismatch'
        $finding.Reason | Should -Match "qualifier 'live'"
        $finding.Qualifier | Should -BeNullOrEmpty
        $finding.SourceArn | Should -Be $OrdersArn -Because 'the fix is a grant on the qualifier the integration calls'
        $fake.CallCount('ListAliases') | Should -Be 1
        $fake.CallCount('ListVersionsByFunction') | Should -Be 1
        @($fake.CallsOf('GetPolicy') | Where-Object { $_['Qualifier'] -eq 'live' }) | Should -HaveCount 1
    }

    It 'finds QualifierMismatch for a version-qualified integration whose grant is on another version' {
        $fake, $orders = New-ShopFake -Qualifier 2
        $null = $fake.SeedPermission($orders, '1', 'on-v1', $OrdersArn)
        $finding = Test-ApiLambdaPermission -RestApiId api1 -StageName prod | Where-Object StageName -EQ 'prod'
        $finding.Cause | Should -Be 'QualifierMismatch'
        $finding.Reason | Should -Match "qualifier '1'"
        $finding.Qualifier | Should -Be '2'
    }

    It 'says QualifierMismatch is not ruled out when the caller may not list the aliases, and keeps the denial' {
        $fake, $orders = New-ShopFake
        $null = $fake.SeedPermission($orders, 'live', 'on-live', $OrdersArn)
        $fake.Inject('ListAliases', 'AccessDenied')
        $finding = Test-ApiLambdaPermission -RestApiId api1 -StageName prod -ErrorVariable scanErrors | Where-Object StageName -EQ 'prod'
        $finding.Status | Should -Be 'Denied'
        $finding.Cause | Should -Be 'NoPolicy' -Because 'the grant on the alias was never seen'
        $finding.Reason | Should -Match 'A grant on another qualifier \(QualifierMismatch\) is not ruled out: its aliases and versions could not be listed\.$'
        $finding.SourceArn | Should -Be $OrdersArn -Because 'the fix is the same grant on the qualifier the integration calls'
        $scanErrors | Should -BeNullOrEmpty -Because 'the diagnosis is an explanation; its gap is said in the finding'
    }

    It 'reads no other qualifier when nothing is denied, and each one once per run' {
        $fake, $orders = New-ShopFake -Stages prod, dev
        $null = $fake.SeedPermission($orders, $null, 'ok', $OrdersArn)
        $null = Test-ApiLambdaPermission -RestApiId api1 -StageName prod, dev
        $fake.CallCount('ListAliases') | Should -Be 0
        $fake.CallCount('ListVersionsByFunction') | Should -Be 0

        $fake2, $orders2 = New-ShopFake -Stages prod, dev
        $null = Test-ApiLambdaPermission -RestApiId api1
        $fake2.CallCount('ListAliases') | Should -Be 1
        $fake2.CallCount('ListVersionsByFunction') | Should -Be 1
        foreach ($q in '1', '2', 'live') {
            @($fake2.CallsOf('GetPolicy') | Where-Object { $_['Qualifier'] -eq $q }) | Should -HaveCount 1
        }
    }
}

Describe 'Add-ApiLambdaPermission and the policy' {
    It 'passes a RevisionId on every AddPermission, from GetFunction or GetAlias when there is no policy yet' {
        $fake, $orders = New-ShopFake -Stages prod
        $null = $fake.AddRestApi('api2', 'Alias').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri "${orders}:live")).AddStage('prod')
        $changes = @(Add-ApiLambdaPermission -RestApiId api1, api2)
        $changes.Result | Sort-Object -Unique | Should -Be 'Added'
        $calls = @($fake.CallsOf('AddPermission'))
        $calls | Should -HaveCount 2
        foreach ($call in $calls) { $call['RevisionId'] | Should -Not -BeNullOrEmpty }
        $fake.CallCount('GetAlias') | Should -BeGreaterOrEqual 1 -Because 'an alias without a policy takes its RevisionId from GetAlias'
    }

    It 'reports PolicyTooLarge for one function and adds the run''s other grants' {
        $fake, $orders = New-ShopFake -Stages prod
        $big = $fake.AddFunction('big')
        $null = $fake.AddRestApi('api2', 'Big').AddMethod('/b', 'GET', 'AWS_PROXY', (Get-LambdaUri $big)).AddStage('prod')
        # Fill big's policy to just under Lambda's 20,480 bytes, so one more statement passes it.
        $i = 0
        while (($fake.PolicyOf($big)).Length -lt 20200) {
            $null = $fake.SeedPermission($big, $null, "old-$i", "arn:aws:execute-api:us-east-1:111122223333:gone$i/*/GET/old/path/number/$i"); $i++
        }
        $changes = @(Add-ApiLambdaPermission -RestApiId api1, api2 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $tooLarge = @($failures | Where-Object { $_.FullyQualifiedErrorId -like 'PolicyTooLarge*' })
        $tooLarge | Should -HaveCount 1
        $tooLarge[0].Exception.Message | Should -Match 'big'
        $tooLarge[0].Exception.Message | Should -Match '\d{2},\d{3} bytes'
        $tooLarge[0].ErrorDetails.RecommendedAction + $tooLarge[0].Exception.Message | Should -Match 'Remove-ApiLambdaPermission'
        @($changes | Where-Object { $_.Result -eq 'Added' }).FunctionName | Should -Be $orders
        $fake.StatementIdsOf($orders) | Should -HaveCount 1
    }

    It 'lets two Add runs racing on a function without a policy leave exactly one statement' {
        $fake, $orders = New-ShopFake -Stages prod
        # Both runs read (no policy: the function's RevisionId) before either writes; then both write.
        $fake.Hold('AddPermission')
        $runs = 1..2 | ForEach-Object {
            $ps = (New-LptPowerShell).AddCommand('Add-ApiLambdaPermission').AddParameter('RestApiId', 'api1').AddParameter('StageName', 'prod')
            [pscustomobject]@{ PowerShell = $ps; Async = $ps.BeginInvoke() }
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($fake.InFlight('AddPermission') -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $fake.InFlight('AddPermission') | Should -Be 2
        $fake.Release('AddPermission')
        $results = foreach ($run in $runs) { $run.PowerShell.EndInvoke($run.Async); $run.PowerShell.Dispose() }
        $fake.StatementIdsOf($orders) | Should -HaveCount 1
        (@($results | Where-Object Result -NE 'Skipped').Result | Sort-Object) | Should -Be @('Added', 'AlreadyPresent')
        $calls = @($fake.CallsOf('AddPermission'))
        $calls | Should -HaveCount 2
        $calls[0]['RevisionId'] | Should -Not -BeNullOrEmpty
        $calls[1]['RevisionId'] | Should -Be $calls[0]['RevisionId'] -Because 'the loser is refused for its stale revision (412), then re-reads'
    }
}

Describe 'Whole-document policies' {
    BeforeEach {
        $fake, $orders = New-ShopFake -Stages prod, dev, beta, gamma
        $prefix = 'arn:aws:execute-api:us-east-1:111122223333:api1'
        $resource = "arn:aws:lambda:us-east-1:111122223333:function:orders"
        $fake.SeedStatement($orders, $null, "{`"Sid`":`"deny-prod`",`"Effect`":`"Deny`",`"Principal`":{`"Service`":`"apigateway.amazonaws.com`"},`"Action`":`"lambda:InvokeFunction`",`"Resource`":`"$resource`",`"Condition`":{`"ArnLike`":{`"AWS:SourceArn`":`"$prefix/prod/*`"}}}")
        $fake.SeedStatement($orders, $null, "{`"Effect`":`"Allow`",`"Principal`":{`"Service`":`"apigateway.amazonaws.com`"},`"Action`":[`"lambda:InvokeFunction`"],`"Resource`":`"$resource`",`"Condition`":{`"ArnLike`":{`"AWS:SourceArn`":`"$prefix/dev/GET/orders`"}}}")
        $fake.SeedStatement($orders, $null, "{`"Sid`":`"beta-office`",`"Effect`":`"Allow`",`"Principal`":{`"Service`":`"apigateway.amazonaws.com`"},`"Action`":`"lambda:InvokeFunction`",`"Resource`":`"$resource`",`"Condition`":{`"ArnLike`":{`"AWS:SourceArn`":`"$prefix/beta/GET/orders`"},`"IpAddress`":{`"aws:SourceIp`":`"10.0.0.0/8`"}}}")
        $findings = @(Test-ApiLambdaPermission -RestApiId api1)
        $byStage = @{}; $findings | ForEach-Object { $byStage[$_.StageName] = $_ }
    }

    It 'judges a matching Deny ExplicitDeny, a grant without Sid by position, an aws:SourceIp condition Unknown' {
        $byStage['prod'].Status, $byStage['prod'].Cause | Should -Be 'Denied', 'ExplicitDeny'
        $byStage['prod'].SourceArn | Should -BeNullOrEmpty -Because 'a grant cannot beat a Deny'
        $byStage['dev'].Status, $byStage['dev'].Cause | Should -Be 'Allowed', 'GrantedByPolicy'
        $byStage['dev'].MatchedStatementId | Should -Be 'statement #2'
        $byStage['dev'].Reason | Should -Match 'no Sid'
        $byStage['beta'].Status, $byStage['beta'].Cause | Should -Be 'Unknown', 'UnsupportedCondition'
        $byStage['gamma'].Status, $byStage['gamma'].Cause | Should -Be 'Denied', 'NoMatchingStatement'
        $byStage['gamma'].SourceArn | Should -Be $OrdersArn
    }

    It 'Add-ApiLambdaPermission skips the Deny with a reason, adds the missing grant and warns that a whole-document write removes it' {
        $changes = @($findings | Add-ApiLambdaPermission -WarningVariable warnings -WarningAction SilentlyContinue)
        @($changes | Where-Object Result -EQ 'Added') | Should -HaveCount 1
        ($changes | Where-Object { $_.Reason -match 'ExplicitDeny' }) | Should -Not -BeNullOrEmpty
        $whole = @($warnings | Where-Object { "$_" -match 'whole' })
        $whole | Should -HaveCount 1 -Because 'one warning per function and qualifier'
        "$($whole[0])" | Should -Match 'orders'
        "$($whole[0])" | Should -Match 'ResourcePolicy'
    }

    It '-Format ResourcePolicy writes the whole policy with the missing grant merged, keeping every statement' {
        $out = $findings | ConvertTo-ApiLambdaPermissionTemplate -Format ResourcePolicy
        $document = ($out -join "`n") -replace '(?m)^#.*$', '' | ConvertFrom-Json
        $policy = $document.Policy | ConvertFrom-Json
        $statements = @($policy.Statement)
        $statements | Should -HaveCount 4
        $statements[0].Sid | Should -Be 'deny-prod'
        $statements[0].Effect | Should -Be 'Deny'
        $statements[1].PSObject.Properties.Name | Should -Not -Contain 'Sid'
        $statements[2].Condition.IpAddress.'aws:SourceIp' | Should -Be '10.0.0.0/8'
        $statements[3].Condition.ArnLike.'AWS:SourceArn' | Should -Be $OrdersArn
        $statements[3].Principal.Service | Should -Be 'apigateway.amazonaws.com'
        $document.ResourceArn | Should -Be $orders
        $document.RevisionId | Should -Be $fake.RevisionOf($orders) -Because 'a write fails rather than overwrite a policy changed since'
        $fake.CallCount('GetPolicy') | Should -BeGreaterThan 0 -Because 'piped findings carry no policy: it is read'
        $fake.CallCount('AddPermission') | Should -Be 0
    }

    It '-Format ResourcePolicy on the selected APIs merges into the policy it judged, reading it once' {
        $fake.ClearCalls()
        $out = ConvertTo-ApiLambdaPermissionTemplate -RestApiId api1 -Format ResourcePolicy
        $out | Should -Match 'put-resource-policy'
        $out | Should -Match 'AWS::Lambda::ResourcePolicy'
        $out | Should -Match 'aws_lambda_resource_policy'
        $policy = (($out -join "`n") -replace '(?m)^#.*$', '' | ConvertFrom-Json).Policy | ConvertFrom-Json
        @($policy.Statement) | Should -HaveCount 4
        @($fake.CallsOf('GetPolicy') | Where-Object { -not $_['Qualifier'] }) | Should -HaveCount 1
    }
}
