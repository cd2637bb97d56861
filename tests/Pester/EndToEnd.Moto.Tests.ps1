# End to end against a local moto_server (tests/Support/MotoServer.psm1): the real signed-HTTP clients, the
# knowledge-center scenario (https://repost.aws/knowledge-center/api-gateway-rest-api-lambda-integrations):
# a REST API whose GET /pets has a Lambda proxy integration and a TOKEN authorizer, built with the aws CLI.
#
# Where moto differs from AWS, and why each test still holds:
# - moto checks no signature and answers for account 123456789012 with any keys: the tests use dummy keys; the
#   account in every source ARN is whatever GetCallerIdentity says, as on AWS.
# - moto merges alias and function policies (AWS keeps one per qualifier, docs/aws-rules.md §3.1): the scenario
#   uses unqualified functions only, where both agree; the per-qualifier rules are tested against the fakes.
# - moto never throttles, and these tests never race another writer: the 412/409 handling is tested against
#   the fakes, which enforce RevisionId and duplicate statement ids as AWS does.
# - moto's CloudFormation writes AWS::Lambda::Permission statements with a random Sid and an extra
#   "FunctionName" key inside the statement; the evaluator judges Principal, Action, Resource and Condition
#   only, so the grants it deploys are still recognised (that is what the test asserts).
# - The tests never call the deployed API: on AWS the permission is checked when API Gateway invokes the
#   function; here "Allowed" is established by reading the policies back, which is what Test-ApiLambdaPermission
#   does against AWS as well (the aws CLI's own get-policy confirms the statements in one test).
# - moto has no real GetExport (it answers every export with a bare Swagger 2.0 document of the current methods,
#   without API Gateway's integration extensions, whatever the stage) and no canaries: the scenario tests judge
#   -Configuration Current, and one test pins that the default (Deployed) falls back to the current configuration
#   with one clear warning per stage. What stages serve, canaries and undeployed changes are tested against the fakes
#   (Deployed.Tests.ps1), whose GetExport follows API Gateway's deployed-snapshot semantics.
# - The aws CLI first on PATH is v1, which ignores AWS_REGION: AWS_DEFAULT_REGION is set as well.
# - moto's RemovePermission reads the RevisionId query parameter as the list its query parser returns
#   (moto/awslambda/responses.py remove_permission, unlike Qualifier, which takes [0]), so it rejects every
#   RevisionId with 412. The server is started with a prelude that hands it the first value, as AWS reads it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Support/MotoServer.psm1') -Force
    # Only the helpers (module path, New-LptPowerShell) of the test doubles; no fake is injected here.
    Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1') -Force
    Import-Module (Join-Path (Get-LptModulePath) 'LambdaPermTools.psd1') -Force

    $savedEnv = @{}
    $testEnv = @{
        AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_SESSION_TOKEN = $null
        AWS_DEFAULT_REGION = 'us-east-1'; AWS_REGION = 'us-east-1'; AWS_EC2_METADATA_DISABLED = 'true'
        AWS_CONFIG_FILE = (Join-Path $TestDrive 'config'); AWS_SHARED_CREDENTIALS_FILE = (Join-Path $TestDrive 'credentials')
        AWS_PROFILE = $null; AWS_ENDPOINT_URL = $null
    }
    function Set-EnvValue([string] $name, $value) {
        # $null removes the variable ([Environment]::SetEnvironmentVariable would get "" from PowerShell).
        if ($null -eq $value) { Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "env:$name" -Value $value }
    }
    foreach ($name in $testEnv.Keys) {
        $savedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-EnvValue $name $testEnv[$name]
    }
    Set-Content -LiteralPath $env:AWS_CONFIG_FILE -Value ''
    Set-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE -Value ''

    $moto = Start-MotoServer -Prelude @'
from moto.awslambda import responses as _lambda
_remove_permission = _lambda.LambdaResponse.remove_permission
def _first_revision(self):
    value = self.querystring.get("RevisionId")
    if isinstance(value, list):
        self.querystring["RevisionId"] = value[0] if value else ""
    return _remove_permission(self)
_lambda.LambdaResponse.remove_permission = _first_revision
'@
    $connection = @{ Region = 'us-east-1'; EndpointUrl = $moto.Url; Configuration = 'Current' }

    function Invoke-Aws {
        # The aws CLI against moto; JSON output parsed. Fails the test when the CLI fails.
        $output = Invoke-AwsCli --endpoint-url $moto.Url --output json @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "aws $($args -join ' ') failed: $output" }
        if ($output) { ($output | Out-String) | ConvertFrom-Json }
    }

    function New-MotoFunction {
        # Lambda functions with a trivial handler and an execution role of their own; returns name -> function ARN.
        param([string] $RoleName, [string[]] $Names)
        $zip = Join-Path $TestDrive 'handler.zip'
        if (-not (Test-Path -LiteralPath $zip)) {
            $source = Join-Path $TestDrive 'index.py'
            Set-Content -LiteralPath $source -Value "def handler(event, context):`n    return {'statusCode': 200, 'body': 'ok'}"
            Compress-Archive -LiteralPath $source -DestinationPath $zip
        }

        $trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
        $role = (Invoke-Aws iam create-role --role-name $RoleName --assume-role-policy-document $trust).Role.Arn
        $functions = @{}
        foreach ($name in $Names) {
            $functions[$name] = (Invoke-Aws lambda create-function --function-name $name --runtime python3.12 --role $role --handler index.handler --zip-file "fileb://$zip").FunctionArn
        }
        $functions
    }

    function New-KnowledgeCenterApi {
        # The scenario of the knowledge-center article: Lambda proxy integration on GET /pets behind a TOKEN authorizer.
        $functions = New-MotoFunction -RoleName lambda-exec -Names pets, auth

        $api = (Invoke-Aws apigateway create-rest-api --name PetStore).id
        $root = (Invoke-Aws apigateway get-resources --rest-api-id $api).items[0].id
        $pets = (Invoke-Aws apigateway create-resource --rest-api-id $api --parent-id $root --path-part pets).id
        $authorizerUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/$($functions.auth)/invocations"
        $authorizer = (Invoke-Aws apigateway create-authorizer --rest-api-id $api --name token-auth --type TOKEN --authorizer-uri $authorizerUri --identity-source method.request.header.Authorization).id
        $null = Invoke-Aws apigateway put-method --rest-api-id $api --resource-id $pets --http-method GET --authorization-type CUSTOM --authorizer-id $authorizer
        $null = Invoke-Aws apigateway put-integration --rest-api-id $api --resource-id $pets --http-method GET --type AWS_PROXY --integration-http-method POST `
            --uri "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/$($functions.pets)/invocations"
        $null = Invoke-Aws apigateway create-deployment --rest-api-id $api --stage-name prod
        $account = (Invoke-Aws sts get-caller-identity).Account
        [pscustomobject]@{ Api = $api; Authorizer = $authorizer; Pets = $functions.pets; Auth = $functions.auth; Account = $account }
    }
}

AfterAll {
    if ($moto) { $moto.Stop() }
    foreach ($name in $savedEnv.Keys) { Set-EnvValue $name $savedEnv[$name] }
}

Describe 'The knowledge-center scenario against moto' {
    BeforeAll {
        $kc = New-KnowledgeCenterApi

        function Reset-Policies {
            # Back to the starting state (no resource policy on either function) with fewer aws CLI calls than
            # rebuilding the API: remove every statement, whoever added it.
            foreach ($function in $kc.Pets, $kc.Auth) {
                $policy = Invoke-AwsCli --endpoint-url $moto.Url --output json lambda get-policy --function-name $function 2>$null
                if ($LASTEXITCODE -ne 0) { continue }   # 404: no policy
                foreach ($statement in (($policy | Out-String | ConvertFrom-Json).Policy | ConvertFrom-Json).Statement) {
                    $null = Invoke-Aws lambda remove-permission --function-name $function --statement-id $statement.Sid
                }
            }
        }
    }

    BeforeEach {
        Reset-Policies
        $start = @(Test-ApiLambdaPermission -RestApiId $kc.Api @connection)
    }

    It 'finds both targets Denied; the two add-permission commands of the article make both Allowed' {
        $before = $start
        $before | Should -HaveCount 2
        ($before | Where-Object Kind -eq 'Integration').Cause | Should -Be 'NoPolicy'
        ($before | Where-Object Kind -eq 'Authorizer').Cause | Should -Be 'NoPolicy'
        $before.Status | Sort-Object -Unique | Should -Be 'Denied'

        # The article's two commands: the method form and the authorizer form of the source ARN.
        $null = Invoke-Aws lambda add-permission --function-name $kc.Pets --statement-id kc-method --action lambda:InvokeFunction `
            --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:us-east-1:$($kc.Account):$($kc.Api)/*/GET/pets"
        $null = Invoke-Aws lambda add-permission --function-name $kc.Auth --statement-id kc-authorizer --action lambda:InvokeFunction `
            --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:us-east-1:$($kc.Account):$($kc.Api)/authorizers/$($kc.Authorizer)"

        $after = @(Test-ApiLambdaPermission -RestApiId $kc.Api @connection)
        $after.Status | Sort-Object -Unique | Should -Be 'Allowed'
        ($after | Where-Object Kind -eq 'Integration').MatchedStatementId | Should -Be 'kc-method'
        ($after | Where-Object Kind -eq 'Authorizer').MatchedStatementId | Should -Be 'kc-authorizer'
    }

    It 'fixes the same starting state with Add-ApiLambdaPermission, idempotently' {
        # moto deviation: moto keeps a policy's RevisionId apart from the function's (moto awslambda/policy.py) and its
        # GetFunction gives none, while Lambda has one ("Call the GetFunction or the GetAlias API to retrieve the latest
        # RevisionId", moto's own message). So each function first gets a policy (a grant for another API) and the Add
        # passes the GetPolicy RevisionId, which moto checks. The no-policy path is covered against the in-memory fakes
        # (tests/Pester/Policy.Tests.ps1).
        foreach ($function in $kc.Pets, $kc.Auth) {
            $null = Invoke-Aws lambda add-permission --function-name $function --statement-id other-api --action lambda:InvokeFunction `
                --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:us-east-1:$($kc.Account):otherapi/*/GET/x"
        }
        $start = @(Test-ApiLambdaPermission -RestApiId $kc.Api @connection)
        $start.Status | Sort-Object -Unique | Should -Be 'Denied'
        $changes = @($start | Add-ApiLambdaPermission @connection)
        $changes | Should -HaveCount 2
        $changes.Result | Sort-Object -Unique | Should -Be 'Added'
        ($changes | Where-Object FunctionName -eq $kc.Auth).SourceArn | Should -Be "arn:aws:execute-api:us-east-1:$($kc.Account):$($kc.Api)/authorizers/$($kc.Authorizer)"
        ($changes | Where-Object FunctionName -eq $kc.Pets).SourceArn | Should -Be "arn:aws:execute-api:us-east-1:$($kc.Account):$($kc.Api)/*/GET/pets"

        $policy = (Invoke-Aws lambda get-policy --function-name $kc.Pets).Policy | ConvertFrom-Json
        $policy.Statement | Should -HaveCount 2
        $policy.Statement[1].Principal.Service | Should -Be 'apigateway.amazonaws.com'
        $policy.Statement[1].Condition.ArnLike.'AWS:SourceArn' | Should -Be "arn:aws:execute-api:us-east-1:$($kc.Account):$($kc.Api)/*/GET/pets"

        (Test-ApiLambdaPermission -RestApiId $kc.Api @connection).Status | Sort-Object -Unique | Should -Be 'Allowed'
        $again = @(Add-ApiLambdaPermission -RestApiId $kc.Api @connection)
        $again.Result | Sort-Object -Unique | Should -Be 'Skipped'
        ((Invoke-Aws lambda get-policy --function-name $kc.Pets).Policy | ConvertFrom-Json).Statement | Should -HaveCount 2
    }

    It 'fixes the same starting state by deploying the CloudFormation text of ConvertTo-ApiLambdaPermissionTemplate' {
        $template = Join-Path $TestDrive 'fix.yaml'
        $start.Status | Sort-Object -Unique | Should -Be 'Denied'
        $start | ConvertTo-ApiLambdaPermissionTemplate -Format CloudFormationYaml |
            Set-Content -LiteralPath $template
        $null = Invoke-Aws cloudformation create-stack --stack-name lpt-fix --template-body "file://$template"
        (Invoke-Aws cloudformation describe-stacks --stack-name lpt-fix).Stacks[0].StackStatus | Should -Be 'CREATE_COMPLETE'
        @((Invoke-Aws cloudformation describe-stack-resources --stack-name lpt-fix).StackResources) | Should -HaveCount 2

        (Test-ApiLambdaPermission -RestApiId $kc.Api @connection).Status | Sort-Object -Unique | Should -Be 'Allowed'
    }

    It 'never writes a secret to any stream, while -Debug says where credentials and region came from' {
        $secret = 'Secret-' + [guid]::NewGuid().ToString('N')
        $token = 'Token-' + [guid]::NewGuid().ToString('N')
        $ps = (New-LptPowerShell).AddCommand('Test-ApiLambdaPermission').AddParameter('RestApiId', $kc.Api).AddParameter('EndpointUrl', $moto.Url).
            AddParameter('Region', 'us-east-1').AddParameter('AccessKey', 'AKIDSECRETTEST').AddParameter('SecretKey', $secret).AddParameter('SessionToken', $token).
            AddParameter('Verbose').AddParameter('Debug').AddParameter('WarningAction', 'Continue')
        # -Debug makes a compiled cmdlet ask before each warning; the warning of moto's unreadable export (the default
        # -Configuration Deployed falls back, see above) is kept in the stream and checked for secrets too.
        $findings = $ps.Invoke()
        $streams = @($ps.Streams.Debug) + @($ps.Streams.Verbose) + @($ps.Streams.Warning) + @($ps.Streams.Error) + @($ps.Streams.Information)
        $ps.Dispose()
        $findings | Should -HaveCount 2
        $text = ($streams | ForEach-Object { "$_" }) -join "`n"
        $text | Should -Match 'Credentials obtained from'
        $text | Should -Match 'Region obtained from'
        $text | Should -Not -Match $secret
        $text | Should -Not -Match $token
        ($findings | Out-String) | Should -Not -Match $secret
    }

    It 'falls back from moto''s export (no OpenAPI 3, no extensions) to the current configuration, with one clear warning per stage' {
        $findings = @(Test-ApiLambdaPermission -RestApiId $kc.Api -Region us-east-1 -EndpointUrl $moto.Url -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $findings | Should -HaveCount $start.Count
        ($findings.Status | Sort-Object) | Should -Be ($start.Status | Sort-Object)
        $findings | ForEach-Object { $_.Reason | Should -Match 'could not be read.*current configuration' }
        $warnings | Should -HaveCount 1 -Because 'one stage (prod)'
        "$warnings" | Should -Match "Stage 'prod'.*could not be read.*not an OpenAPI 3 document.*current configuration"
    }

    It 'reports RestApiNotFound from the real API Gateway error, as a non-terminating error' {
        $findings = @(Test-ApiLambdaPermission -RestApiId nosuchapi, $kc.Api @connection -ErrorVariable errs -ErrorAction SilentlyContinue)
        $findings | Should -HaveCount 2
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'RestApiNotFound,LambdaPermTools.Commands.TestApiLambdaPermissionCommand'
    }
}

Describe 'Policy hygiene against moto' {
    # Only the unqualified function: moto merges alias policies into the function's (AWS keeps one per qualifier),
    # so the per-qualifier reads are tested against the fakes.
    It 'shows the grants of an API deleted with the aws CLI as ApiDeleted, and removes them' {
        # The grant cmdlets select no stages, so they take no -Configuration.
        $grantReader = @{ Region = $connection.Region; EndpointUrl = $connection.EndpointUrl }
        $orders = (New-MotoFunction -RoleName hygiene-exec -Names orders).orders
        $api = (Invoke-Aws apigateway create-rest-api --name Orders).id
        $account = (Invoke-Aws sts get-caller-identity).Account
        foreach ($grant in @(@{ Sid = 'orders-get'; Arn = "$api/*/GET/orders" }, @{ Sid = 'orders-stage'; Arn = "$api/prod/*/*" })) {
            $null = Invoke-Aws lambda add-permission --function-name $orders --statement-id $grant.Sid --action lambda:InvokeFunction `
                --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:us-east-1:${account}:$($grant.Arn)"
        }
        (Get-ApiLambdaPermission -FunctionName orders @grantReader).Usage | Sort-Object -Unique | Should -Be 'Unused'

        $null = Invoke-Aws apigateway delete-rest-api --rest-api-id $api
        $grants = @(Get-ApiLambdaPermission -FunctionName orders @grantReader)
        ($grants.StatementId | Sort-Object) | Should -Be @('orders-get', 'orders-stage')
        $grants.Usage | Sort-Object -Unique | Should -Be 'ApiDeleted'
        $grants.ApiId | Sort-Object -Unique | Should -Be $api
        $grants.PolicyBytesLeft | Sort-Object -Unique | Should -BeLessThan 20480

        $changes = @($grants | Remove-ApiLambdaPermission -Confirm:$false @grantReader)
        $changes.Result | Sort-Object -Unique | Should -Be 'Removed'
        $null = Invoke-AwsCli --endpoint-url $moto.Url --output json lambda get-policy --function-name $orders 2>&1
        $policyLeft = if ($LASTEXITCODE -eq 0) { @(((Invoke-Aws lambda get-policy --function-name $orders).Policy | ConvertFrom-Json).Statement).Count } else { 0 }
        $policyLeft | Should -Be 0
        @(Get-ApiLambdaPermission -FunctionName orders @grantReader) | Should -HaveCount 0
        (@($grants | Remove-ApiLambdaPermission -Confirm:$false @grantReader)).Result | Sort-Object -Unique | Should -Be 'Skipped'
    }
}
