# Get-ApiIntegrationTarget against the in-memory fakes (tests/LambdaPermTools.TestDoubles), injected through
# the documented hook [LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory. Every call the cmdlet makes is
# recorded by the fake, so the tests assert on what was called as well as on what was written.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-LptTestDoubles
}

AfterAll {
    Remove-FakeAws
}

Describe 'Get-ApiIntegrationTarget' {
    BeforeEach {
        $fake, $pets, $auth, $api = New-PetStoreFake
        $null = $api.AddAuthorizer('cog', 'cognito', 'COGNITO_USER_POOLS', $null).
            AddMethod('/pets/{id}', 'ANY', 'AWS', (Get-LambdaUri $pets)).
            AddMethod('/health', 'GET', 'MOCK', $null).
            AddStage('prod').AddStage('dev')
    }

    It 'emits one IntegrationTarget per Lambda integration or authorizer per stage (not MOCK, not Cognito)' {
        $targets = @(Get-ApiIntegrationTarget -RestApiId api1)
        $targets | Should -HaveCount 6   # (2 integrations + 1 Lambda authorizer) x 2 stages
        $targets | ForEach-Object { $_ | Should -BeOfType ([LambdaPermTools.IntegrationTarget]) }
        @($targets | Where-Object Kind -eq 'Authorizer') | Should -HaveCount 2
        $any = $targets | Where-Object { $_.HttpMethod -eq 'ANY' -and $_.StageName -eq 'prod' }
        $any.ResourcePath | Should -Be '/pets/{id}'
        $any.FunctionName | Should -Be $pets
        $any.ApiAccountId | Should -Be '111122223333'
        $any.ApiRegion | Should -Be 'us-east-1'
        $any.PresentedSourceArn | Should -Be 'arn:aws:execute-api:us-east-1:111122223333:api1/prod/ANY/pets/{id}'
    }

    It 'reads each API with GetResources(embed=methods) pages, GetAuthorizers pages, one GetStages, GetRestApi for the name and one GetExport per deployment only' {
        $null = Get-ApiIntegrationTarget -RestApiId api1
        # 5 resources (/, /pets, /pets/{id}, /health) = 4 -> 2 pages of 2; 2 authorizers -> 1 page.
        $fake.CallCount('GetResources') | Should -Be 2
        $fake.CallsOf('GetResources') | ForEach-Object { $_['embed'] | Should -Be 'methods' }
        $fake.CallCount('GetAuthorizers') | Should -Be 1
        $fake.CallCount('GetStages') | Should -Be 1
        $fake.CallCount('GetCallerIdentity') | Should -Be 1
        @($fake.Calls | Where-Object Service -eq 'lambda') | Should -BeNullOrEmpty
        $fake.CallCount('GetRestApi') | Should -Be 1 -Because '-RestApiId gives no name: one GetRestApi per API fills RestApiName'
        $fake.CallCount('GetExport') | Should -Be 2 -Because 'prod and dev serve a deployment each'
        $fake.CallsOf('GetExport') | ForEach-Object { $_['extensions'] | Should -Be 'apigateway' }
    }

    It 'limits stages with -StageName and adds test-invoke-stage with -IncludeTestInvoke' {
        $prod = @(Get-ApiIntegrationTarget -RestApiId api1 -StageName prod)
        $prod | Should -HaveCount 3
        $prod.StageName | Sort-Object -Unique | Should -Be 'prod'
        $withTest = @(Get-ApiIntegrationTarget -RestApiId api1 -StageName prod -IncludeTestInvoke)
        ($withTest | Where-Object StageName -eq 'test-invoke-stage' | Where-Object Kind -eq 'Integration') | Should -HaveCount 2
    }

    Context '-StageName that names no stage' {
        It 'writes a non-terminating StageNotFound that names the API''s stages, and lists the stages that exist' {
            $targets = @(Get-ApiIntegrationTarget -RestApiId api1 -StageName prod, prd -ErrorVariable errs -ErrorAction SilentlyContinue)
            $targets | Should -HaveCount 3
            $targets.StageName | Sort-Object -Unique | Should -Be 'prod'
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'StageNotFound,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'prd'
            $errs[0].Exception.Message | Should -Match "'api1'.*'prd'.*dev, prod"
            $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Get-AGStageList'
            $fake.CallCount('GetStages') | Should -Be 1 -Because 'the stages the scan read are enough to tell'
        }

        It 'is no error for a stage that only some of the APIs have, or that has no Lambda target; it is when no API has it' {
            $null = $fake.AddRestApi('api8', 'Beta').AddMethod('/m', 'GET', 'MOCK', $null).AddStage('beta')
            @(Get-ApiIntegrationTarget -RestApiId api1, api8 -StageName beta -ErrorVariable none -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
            $none | Should -BeNullOrEmpty
            $null = Get-ApiIntegrationTarget -RestApiId api1, api8 -StageName gamma -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Should -HaveCount 1
            $errs[0].Exception.Message | Should -Match "None of the 2 REST APIs.*'gamma'"
        }

        It 'writes no StageNotFound when the API itself is missing (RestApiNotFound says it all)' {
            $null = Get-ApiIntegrationTarget -RestApiId nope -StageName prod -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.FullyQualifiedErrorId | Should -Be 'RestApiNotFound,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
        }

        It 'takes -StageName test-invoke-stage as the console''s Test button' {
            $targets = @(Get-ApiIntegrationTarget -RestApiId api1 -StageName test-invoke-stage -ErrorVariable errs)
            $errs | Should -BeNullOrEmpty
            $targets | Should -HaveCount 2
            $targets.StageName | Sort-Object -Unique | Should -Be 'test-invoke-stage'
        }
    }

    Context 'selecting APIs' {
        BeforeEach {
            foreach ($i in 2..7) {
                $null = $fake.AddRestApi("api$i", "Api $i").AddMethod('/x', 'POST', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
            }
        }

        It '-All pages through GetRestApis and scans every API once, with names' {
            $targets = @(Get-ApiIntegrationTarget -All)
            $fake.CallCount('GetRestApis') | Should -Be 4   # 7 APIs, pages of 2
            $fake.CallCount('GetStages') | Should -Be 7
            ($targets.RestApiId | Sort-Object -Unique) | Should -Be @('api1', 'api2', 'api3', 'api4', 'api5', 'api6', 'api7')
            ($targets | Where-Object RestApiId -eq 'api3').RestApiName | Should -Be 'Api 3'
        }

        It 'takes Get-AGRestApiList objects (Id, Name) from the pipeline' {
            $apis = 'api2', 'api3' | ForEach-Object { [Amazon.APIGateway.Model.RestApi]@{ Id = $_; Name = "Api $($_.Substring(3))"; RootResourceId = 'root' } }
            $targets = @($apis | Get-ApiIntegrationTarget)
            ($targets.RestApiId | Sort-Object) | Should -Be @('api2', 'api3')
            ($targets | Where-Object RestApiId -eq 'api2').RestApiName | Should -Be 'Api 2'
        }

        It 'takes objects with a RestApiId property from the pipeline' {
            $targets = @([pscustomobject]@{ RestApiId = 'api4' } | Get-ApiIntegrationTarget)
            $targets.RestApiId | Should -Be 'api4'
        }

        It 'rejects Get-AGResourceList objects with a clear error' {
            $resource = [Amazon.APIGateway.Model.Resource]@{ Id = 'abc123'; ParentId = 'root'; Path = '/pets'; PathPart = 'pets' }
            { $resource | Get-ApiIntegrationTarget -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotRestApi,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $fake.CallCount('GetResources') | Should -Be 0
        }

        It 'rejects Get-AGAuthorizerList objects, which also carry Id and Name, and still reads the APIs piped with them' {
            $authorizer = [Amazon.APIGateway.Model.Authorizer]@{ Id = 'au1'; Name = 'token-auth'; Type = 'TOKEN'; AuthorizerUri = 'arn:x' }
            $targets = @([Amazon.APIGateway.Model.RestApi]@{ Id = 'api1'; Name = 'PetStore' }, $authorizer | Get-ApiIntegrationTarget -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InputObjectNotRestApi,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $errs[0].TargetObject | Should -Be $authorizer
            $targets.RestApiId | Sort-Object -Unique | Should -Be 'api1'
        }

        It 'scans at most 4 APIs at a time and writes each API''s targets as soon as it is read' {
            $fake.CallDelayMilliseconds = 150
            $ps = (New-LptPowerShell).AddCommand('Get-ApiIntegrationTarget').AddParameter('All')
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            while ($output.Count -eq 0 -and -not $async.IsCompleted) { Start-Sleep -Milliseconds 10 }
            $stagesReadAtFirstOutput = $fake.CallCount('GetStages')
            $ps.EndInvoke($async)
            $progress = @($ps.Streams.Progress)
            $ps.Dispose()
            $stagesReadAtFirstOutput | Should -BeLessThan 7 -Because 'output streams per API, not after the whole scan'
            $fake.MaxCallsInFlight | Should -BeGreaterThan 1
            $fake.MaxInFlight('GetResources') | Should -BeLessOrEqual 4
            # An API's GetResources, GetAuthorizers and GetStages share a round trip, beside the run's one GetCallerIdentity.
            $fake.MaxCallsInFlight | Should -BeLessOrEqual (4 * 3 + 1)
            # Progress for a multi-API scan: one record per API, then the completed record.
            $progress.Count | Should -Be 8
            $progress[-1].RecordType | Should -Be 'Completed'
            $progress[0].Activity | Should -Be 'Scanning APIs'
        }

        It 'completes its progress when credentials expire mid-scan (terminating SsoTokenExpired)' {
            $fake.FailCallsWithConnection('SsoTokenExpired', 'SSO Token has expired. Please login by running Invoke-AWSSSOLogin.', 12)
            $ps = (New-LptPowerShell).AddCommand('Get-ApiIntegrationTarget').AddParameter('All')
            $err = $null
            try { $null = $ps.Invoke() } catch { $err = $_.Exception.InnerException }
            $progress = @($ps.Streams.Progress)
            $ps.Dispose()
            $err.ErrorRecord.FullyQualifiedErrorId | Should -Be 'SsoTokenExpired,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $progress.Count | Should -BeGreaterThan 0 -Because 'some APIs were scanned before the token expired'
            $progress[-1].RecordType | Should -Be 'Completed'
        }

        It 'writes no progress for a single API' {
            $ps = (New-LptPowerShell).AddCommand('Get-ApiIntegrationTarget').AddParameter('RestApiId', 'api1')
            $null = $ps.Invoke()
            $ps.Streams.Progress | Should -BeNullOrEmpty
            $ps.Dispose()
        }

        It 'scans APIs concurrently and still reads each exactly once' {
            $null = Get-ApiIntegrationTarget -RestApiId api1, api2, api3, api4, api5, api6, api7, api3
            $fake.CallCount('GetStages') | Should -Be 7
            $fake.CallCount('GetCallerIdentity') | Should -Be 1
        }
    }

    Context 'errors' {
        It 'writes RestApiNotFound for a missing API, with the API as target, and goes on with the others' {
            $targets = @(Get-ApiIntegrationTarget -RestApiId nope, api1 -ErrorVariable errs -ErrorAction SilentlyContinue)
            $targets | Should -HaveCount 6
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'RestApiNotFound,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $errs[0].TargetObject | Should -Be 'nope'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            # A missing API costs one call: GetResources answers 404 and nothing else is asked about it.
            @($fake.Calls | Where-Object { $_['restapi_id'] -eq 'nope' }) | Should -HaveCount 1
        }

        It 'writes Throttled and AccessDenied as non-terminating errors with stable ids' {
            $null = $fake.AddRestApi('api2', 'Other').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
            $null = $fake.AddRestApi('api3', 'Third').AddMethod('/x', 'GET', 'AWS_PROXY', (Get-LambdaUri $pets)).AddStage('prod')
            $fake.Inject('GetResources', 'Throttled', 1, 'api2')
            $fake.Inject('GetStages', 'AccessDenied', 1, 'api3')
            $targets = @(Get-ApiIntegrationTarget -RestApiId api1, api2, api3 -ErrorVariable errs -ErrorAction SilentlyContinue)
            ($targets.RestApiId | Sort-Object -Unique) | Should -Be 'api1'
            ($errs | ForEach-Object { "$($_.TargetObject)=$($_.FullyQualifiedErrorId)" } | Sort-Object) |
                Should -Be @('api2=Throttled,LambdaPermTools.Commands.GetApiIntegrationTargetCommand', 'api3=AccessDenied,LambdaPermTools.Commands.GetApiIntegrationTargetCommand')
            ($errs | Where-Object TargetObject -eq 'api2').CategoryInfo.Category | Should -Be 'LimitsExceeded'
            ($errs | Where-Object TargetObject -eq 'api3').CategoryInfo.Category | Should -Be 'PermissionDenied'
        }

        It 'ends with a terminating error when no connection can be made (NoRegion)' {
            $fake.FailConnection('NoRegion', 'No region specified or obtained from persisted/shell defaults.')
            { Get-ApiIntegrationTarget -RestApiId api1 -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId 'NoRegion,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
        }

        It 'ends with a terminating error when credentials fail only when first used (SsoTokenExpired)' {
            $fake.FailCallsWithConnection('SsoTokenExpired', 'SSO Token has expired. Please login by running Invoke-AWSSSOLogin.')
            { Get-ApiIntegrationTarget -RestApiId api1 -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId 'SsoTokenExpired,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
        }

        It 'writes a non-terminating InvalidRestApiId (InvalidArgument) for <Id>, reads no API by it, and still reads the valid id beside it' -ForEach @(
            @{ Id = 'abc/def' }, @{ Id = 'a b' }, @{ Id = ' ' }, @{ Id = 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5' },
            @{ Id = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod' }
        ) {
            # A value list on the command line is still one value per item (issue 18): each bad value is its own error.
            $targets = @(Get-ApiIntegrationTarget -RestApiId api1, $Id -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidRestApiId,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].TargetObject | Should -Be $Id
            $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Get-AGRestApiList'
            $targets.RestApiId | Sort-Object -Unique | Should -Be 'api1'
            $fake.CallCount('GetResources') | Should -BeGreaterThan 0
        }

        It 'writes a non-terminating InvalidRestApiId for a malformed id bound by property name, and reads the other record' {
            $targets = @([pscustomobject]@{ RestApiId = 'pets api' }, [pscustomobject]@{ RestApiId = 'api1' } | Get-ApiIntegrationTarget -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidRestApiId,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $errs[0].TargetObject | Should -Be 'pets api'
            $targets.RestApiId | Sort-Object -Unique | Should -Be 'api1'
        }

        It 'names a piped object that is not a REST API, with the object itself as target: <Name>' -ForEach @(
            # Made in the test: the types load after discovery.
            @{ Name = 'a number'; Make = { 42 }; Type = 'System.Int32'; Says = 'System.Int32' }
            @{ Name = 'a PermissionChange'; Make = { [LambdaPermTools.PermissionChange]@{ FunctionName = 'f' } }; Type = 'LambdaPermTools.PermissionChange'; Says = 'LambdaPermTools.PermissionChange' }
            @{ Name = 'an API Gateway resource'; Make = { [Amazon.APIGateway.Model.Resource]@{ Id = 'abc123'; ParentId = 'root'; Path = '/pets'; PathPart = 'pets' } }; Type = 'Amazon.APIGateway.Model.Resource'; Says = 'API Gateway resource' }
        ) {
            $null = & $Make | Test-ApiLambdaPermission -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Should -HaveCount 1
            $err = $errs[0]
            $err.FullyQualifiedErrorId | Should -Be 'InputObjectNotRestApi,LambdaPermTools.Commands.TestApiLambdaPermissionCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject.GetType().FullName | Should -Be $Type
            $err.Exception.Message | Should -Match ([regex]::Escape($Says))
            $fake.Calls | Should -BeNullOrEmpty
        }

        It 'ends with a terminating InvalidRegion (InvalidArgument) for a -Region that is not a region name, before any call' {
            $err = $null
            try { Get-ApiIntegrationTarget -RestApiId api1 -Region 'not a region' -ErrorAction SilentlyContinue } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be 'InvalidRegion,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be 'not a region'
            $err.ErrorDetails.RecommendedAction | Should -Match 'us-east-1'
            $fake.Calls | Should -BeNullOrEmpty
            $fake.Connections | Should -BeNullOrEmpty
        }

        It 'writes a non-terminating InvalidRegion for a garbage Region bound by property name: that record is dropped, the others are read' {
            $targets = @([pscustomobject]@{ RestApiId = 'api1'; Region = 'Mars-1' }, [pscustomobject]@{ RestApiId = 'api1'; Region = 'us-east-1' } |
                Get-ApiIntegrationTarget -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidRegion,LambdaPermTools.Commands.GetApiIntegrationTargetCommand'
            $errs[0].TargetObject | Should -Be 'Mars-1'
            $targets.RestApiId | Sort-Object -Unique | Should -Be 'api1'
            $targets.ApiRegion | Sort-Object -Unique | Should -Be 'us-east-1'
        }

        It 'recommends what fixes each connection error: <ErrorId>' -ForEach @(
            @{ ErrorId = 'InvalidRegion'; Parameters = @{ AccessKey = 'AKIDEXAMPLE'; SecretKey = 'not-a-secret' }; StoredRegion = 'mars'; Action = 'region' }
            @{ ErrorId = 'ProfileNotFound'; Parameters = @{ ProfileName = 'no-such-profile'; Region = 'us-east-1' }; StoredRegion = $null; Action = 'profile' }
            @{ ErrorId = 'InvalidEndpoint'; Parameters = @{ AccessKey = 'AKIDEXAMPLE'; SecretKey = 'not-a-secret'; Region = 'us-east-1'; EndpointUrl = 'not a url' }; StoredRegion = $null; Action = 'EndpointUrl' }
        ) {
            # The real factory (no fakes): these are decided before any network call.
            Remove-FakeAws
            $StoredAWSRegion = $StoredRegion
            $err = $null
            try { Get-ApiIntegrationTarget -RestApiId api1 @Parameters -ErrorAction SilentlyContinue } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be "$ErrorId,LambdaPermTools.Commands.GetApiIntegrationTargetCommand"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.ErrorDetails.RecommendedAction | Should -Match $Action
            $err.ErrorDetails.RecommendedAction | Should -Not -Match 'AWS_ACCESS_KEY_ID' -Because 'credentials are not what is wrong'
        }
    }

    Context 'connection parameters' {
        It 'passes the AWS Tools parameters and the session''s stored credentials and region' {
            $StoredAWSRegion = 'eu-west-1'
            $StoredAWSCredentials = 'team-profile'
            $null = $fake.AddRestApi('euapi', 'EU', 'eu-west-1').AddStage('prod')
            $null = Get-ApiIntegrationTarget -RestApiId euapi -ProfileName other -EndpointUrl 'http://127.0.0.1:1'
            $options = $fake.Connections[-1]
            $options.StoredRegion | Should -Be 'eu-west-1'
            $options.StoredCredentials | Should -Be 'team-profile'
            $options.ProfileName | Should -Be 'other'
            $options.EndpointUrl | Should -Be 'http://127.0.0.1:1'
            $fake.CallsOf('GetStages')[0].Region | Should -Be 'eu-west-1'
        }

        It 'accepts the AWS Tools aliases' {
            $null = Get-ApiIntegrationTarget -RestApiId api1 -RegionToCall us-east-1 -AK AKIDEXAMPLE -SK secret -ST token -StoredCredentials p -ProfilesLocation /tmp/creds
            $options = $fake.Connections[-1]
            $options.Region | Should -Be 'us-east-1'
            $options.AccessKey | Should -Be 'AKIDEXAMPLE'
            $options.SecretKey | Should -Be 'secret'
            $options.SessionToken | Should -Be 'token'
            $options.ProfileName | Should -Be 'p'
            $options.ProfileLocation | Should -Be '/tmp/creds'
        }

        It 'takes -Region as a string, a Get-AWSRegion object or a RegionEndpoint' {
            $null = $fake.AddRestApi('euapi', 'EU', 'eu-west-1').AddStage('prod')
            $null = Get-ApiIntegrationTarget -RestApiId euapi -Region ([Amazon.Powershell.Common.AWSRegion]::new('eu-west-1', 'Europe (Ireland)'))
            $fake.Connections[-1].Region | Should -Be 'eu-west-1'
            $null = Get-ApiIntegrationTarget -RestApiId euapi -Region ([Amazon.RegionEndpoint]::new('eu-west-1', 'Europe (Ireland)'))
            $fake.Connections[-1].Region | Should -Be 'eu-west-1'
        }

        It 'binds every connection parameter by property name' {
            $command = Get-Command Get-ApiIntegrationTarget
            foreach ($name in 'Region', 'ProfileName', 'ProfileLocation', 'AccessKey', 'SecretKey', 'SessionToken', 'Credential', 'EndpointUrl', 'RestApiId') {
                $command.Parameters[$name].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName |
                    Should -Not -Contain $false -Because "$name binds by property name"
            }
        }

        It 'opens one connection per distinct region among piped records' {
            $null = $fake.AddRestApi('euapi', 'EU', 'eu-west-1').AddStage('prod')
            $targets = @([pscustomobject]@{ RestApiId = 'api1'; Region = 'us-east-1' }, [pscustomobject]@{ RestApiId = 'euapi'; Region = 'eu-west-1' }, [pscustomobject]@{ RestApiId = 'api1'; Region = 'us-east-1' } |
                Get-ApiIntegrationTarget)
            $fake.Connections | Should -HaveCount 2
            ($targets.ApiRegion | Sort-Object -Unique) | Should -Be 'us-east-1'
            $fake.CallsOf('GetStages').Region | Sort-Object | Should -Be @('eu-west-1', 'us-east-1')
        }
    }

    It 'names its output type and shows the default table columns' {
        (Get-Command Get-ApiIntegrationTarget).OutputType.Type | Should -Be ([LambdaPermTools.IntegrationTarget])
        $table = Get-ApiIntegrationTarget -RestApiId api1 -StageName prod | Format-Table | Out-String -Width 300
        $table | Should -Match 'ApiId\s+StageName\s+Kind\s+HttpMethod\s+ResourcePath\s+RouteKey\s+FunctionName\s+Qualifier'
    }
}
