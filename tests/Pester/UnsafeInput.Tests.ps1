# Input that lies (issue 18): findings edited after Test-ApiLambdaPermission wrote them, and bad items among good ones.
# An edited finding never becomes a grant wider than one API (UnsafeGrant, non-terminating, the finding as target, no
# AddPermission for it), and one bad piped item or value is that item's error while the others are still read.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles

    function Get-PetsFinding {
        # A fresh GET /pets finding (Denied, fixable), to edit.
        Test-ApiLambdaPermission -RestApiId api1 | Where-Object { $_.Kind -eq 'Integration' -and $_.ResourcePath -eq '/pets' }
    }
}

AfterAll {
    Remove-FakeAws
}

Describe 'Edited findings' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddMethod('/pets/{id}', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
        $script:granted = @(
            'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets',
            'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/pets/*',
            'arn:aws:execute-api:us-east-1:111122223333:api1/authorizers/au1')
    }

    It 'refuses a finding whose <Field> was edited to ''<Value>'' with UnsafeGrant, and adds the good findings of the same pipeline' -ForEach @(
        @{ Field = 'RestApiId'; Value = '*' }
        @{ Field = 'RestApiId'; Value = 'a1b2*' }
        @{ Field = 'RestApiId'; Value = 'api1/*' }
        @{ Field = 'RestApiId'; Value = '${RestApi}' }
        @{ Field = 'Region'; Value = '*' }
        @{ Field = 'Region'; Value = 'us-east-*' }
        @{ Field = 'ApiAccountId'; Value = '*' }
        @{ Field = 'ApiAccountId'; Value = '1111*' }
        @{ Field = 'ResourcePath'; Value = '/../x' }
        @{ Field = 'ResourcePath'; Value = '/*/..' }
        @{ Field = 'ResourcePath'; Value = '/pe*' }
        @{ Field = 'StageName'; Value = '' }
        @{ Field = 'HttpMethod'; Value = '*' }
    ) {
        $good = @(Test-ApiLambdaPermission -RestApiId api1)
        $good | Should -HaveCount 3
        $edited = Get-PetsFinding
        $edited.$Field = $Value
        $fake.ClearCalls()

        # -Region on the command line: a piped finding's Region then stays in the finding instead of binding to -Region.
        $changes = @($good[0], $edited, $good[1], $good[2] | Add-ApiLambdaPermission -Region us-east-1 -Scope Method -Force -ErrorVariable errs -ErrorAction SilentlyContinue)

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'UnsafeGrant,LambdaPermTools.Commands.AddApiLambdaPermissionCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        [object]::ReferenceEquals($errs[0].TargetObject, $edited) | Should -BeTrue -Because 'the edited finding is the error''s target'
        $errs[0].Exception.Message | Should -Match "$Field '$([regex]::Escape($Value))'"
        $changes.Result | Sort-Object -Unique | Should -Be 'Added'
        ($changes.SourceArn | Sort-Object) | Should -Be $granted
        @($fake.CallsOf('AddPermission') | ForEach-Object { $_['SourceArn'] } | Sort-Object) | Should -Be $granted -Because 'no AddPermission for the edited finding'
    }

    It 'refuses an edited finding in ConvertTo-ApiLambdaPermissionTemplate too, and writes the good grants' {
        $edited = Get-PetsFinding
        $edited.RestApiId = '*'
        $text = $edited, (Get-PetsFinding) | ConvertTo-ApiLambdaPermissionTemplate -Region us-east-1 -Format AwsCli -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'UnsafeGrant,LambdaPermTools.Commands.ConvertToApiLambdaPermissionTemplateCommand'
        $text | Should -Match ([regex]::Escape('api1/*/GET/pets'))
        $text | Should -Not -Match ([regex]::Escape(':*/'))
    }

    It 'still adds one grant per function and API with -Scope Api, warning once per grant that it is wider than least privilege and why' {
        $changes = @(Test-ApiLambdaPermission -RestApiId api1 | Add-ApiLambdaPermission -Scope Api -Force -WarningVariable warnings -WarningAction SilentlyContinue)
        $changes | Should -HaveCount 2 -Because 'pets and auth each get api1/*'
        $changes.SourceArn | Sort-Object -Unique | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:api1/*'
        $wider = @($warnings | Where-Object { "$_" -match 'wider than least privilege' })
        $wider | Should -HaveCount 2
        foreach ($warning in $wider) {
            "$warning" | Should -Match '20 KB'
            "$warning" | Should -Match '-Scope Method'
        }
        $fake.CallCount('AddPermission') | Should -Be 2
    }

    It 'does not warn about the scope with -Scope Method' {
        $null = Test-ApiLambdaPermission -RestApiId api1 | Add-ApiLambdaPermission -Force -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Where-Object { "$_" -match 'wider than least privilege' } | Should -BeNullOrEmpty
    }

    It 'refuses a grant with an unsafe SourceArn at the last step, even when handed to the run directly' {
        $run = [LambdaPermTools.Aws.Runs.Run]::new([LambdaPermTools.Aws.Ports.ConnectionOptions]::new(), $fake, [System.Threading.CancellationToken]::None)
        foreach ($sourceArn in 'arn:aws:execute-api:us-east-1:111122223333:*/*', 'arn:aws:execute-api:*:111122223333:api1/*',
            'arn:aws:execute-api:us-east-1:*:api1/*', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/../x') {
            $grant = [LambdaPermTools.Planning.PlannedGrant]@{ FunctionName = $pets; Region = 'us-east-1'; FunctionAccountId = '111122223333'; StatementId = 'x'; SourceArn = $sourceArn }
            $outcome = $run.PrepareAsync($grant).GetAwaiter().GetResult()
            $outcome.Error.Id | Should -Be 'UnsafeGrant'
            $outcome.Pending | Should -BeNullOrEmpty
        }
        $fake.Calls | Should -BeNullOrEmpty
    }
}

Describe 'Bad items among good ones' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        foreach ($id in 'id1', 'id2') {
            $null = $fake.AddRestApi($id, "Api $id").AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
        }
    }

    It 'gives the findings of id1 and id2 and one non-terminating InvalidRestApiId for ''../'' (<Form>)' -ForEach @(
        @{ Form = 'piped'; Invoke = { 'id1', '../', 'id2' | Test-ApiLambdaPermission -ErrorVariable script:errs -ErrorAction SilentlyContinue } }
        @{ Form = '-RestApiId list'; Invoke = { Test-ApiLambdaPermission -RestApiId 'id1', '../', 'id2' -ErrorVariable script:errs -ErrorAction SilentlyContinue } }
    ) {
        $findings = @(& $Invoke)
        ($findings.RestApiId | Sort-Object -Unique) | Should -Be @('id1', 'id2')
        $findings | ForEach-Object { $_ | Should -BeOfType ([LambdaPermTools.PermissionFinding]) }
        $script:errs | Should -HaveCount 1
        $script:errs[0].FullyQualifiedErrorId | Should -Be 'InvalidRestApiId,LambdaPermTools.Commands.TestApiLambdaPermissionCommand'
        $script:errs[0].TargetObject | Should -Be '../'
    }

    It 'gives the findings of the API objects and a non-terminating InputObjectNotRestApi for <Name> among them' -ForEach @(
        @{ Name = 'a hashtable'; Make = { @{ Name = 'not an api' } }; Type = 'System.Collections.Hashtable' }
        @{ Name = 'an int'; Make = { 42 }; Type = 'System.Int32' }
    ) {
        $bad = & $Make
        $findings = @([Amazon.APIGateway.Model.RestApi]@{ Id = 'id1'; Name = 'Api id1' }, $bad, [Amazon.APIGateway.Model.RestApi]@{ Id = 'id2'; Name = 'Api id2' } |
            Test-ApiLambdaPermission -ErrorVariable errs -ErrorAction SilentlyContinue)
        ($findings.RestApiId | Sort-Object -Unique) | Should -Be @('id1', 'id2')
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InputObjectNotRestApi,LambdaPermTools.Commands.TestApiLambdaPermissionCommand'
        $errs[0].TargetObject.GetType().FullName | Should -Be $Type
    }
}
