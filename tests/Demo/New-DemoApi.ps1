<#
.SYNOPSIS
Creates, in a local emulator, the situation of the AWS knowledge-center article "Why does my API Gateway REST API
return 'Invalid permissions on Lambda function'": a REST API `pets` whose Lambda functions API Gateway may not invoke.

.DESCRIPTION
Uses the AWS CLI exactly as the AWS documentation tells users to (create-function, create-alias, create-rest-api,
put-integration, create-deployment, create-stage), and deliberately never calls `aws lambda add-permission`:
that is the step the API Gateway console does for its users and that the CLI, SDKs and most IaC tools leave out.

    pets (REST API)
      GET /pets          AWS_PROXY -> petsFn                                (protected by the TOKEN authorizer)
      GET /pets/{petId}  AWS_PROXY -> petsFn:${stageVariables.alias}        (the alias is chosen per stage)
      authorizer petsAuth (TOKEN) -> petsAuthorizer
      stages: prod (alias=prod -> version 1), dev (alias=dev -> $LATEST)

Every call names the endpoint and the region explicitly (--endpoint-url, --region): this script must only ever
talk to the emulator. Emulator (moto) differences that matter here: it needs no deployment to be "current",
does not check signatures, and keeps one resource policy per function that it also returns for every alias.

.OUTPUTS
An object with RestApiId, AccountId and Region.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidatePattern('^http://127\.0\.0\.1:\d+$')] [string] $EndpointUrl,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [string] $WorkFolder
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1')

function Invoke-Aws {
    # One AWS CLI call against the emulator; text output, trimmed. A failing call stops the demo with its message.
    # Each command is shown (without the endpoint, region and --query plumbing) so readers see how the state arose.
    $shown = for ($i = 0; $i -lt $args.Count; $i++) {
        if ($args[$i] -eq '--query') { $i++; continue }
        if ("$($args[$i])".Length -gt 60 -and "$($args[$i])".StartsWith('{')) { "'{...}'" } else { $args[$i] }
    }
    Write-Host "  aws $($shown -join ' ')" -ForegroundColor DarkGray
    $output = Invoke-AwsCli --endpoint-url $EndpointUrl --region $Region --output text @args 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "aws $($args -join ' ') failed (exit code $LASTEXITCODE): $($output -join ' ')"
    }
    ($output -join "`n").Trim()
}

# A function package: a handler that answers like a proxy integration expects. The emulator never runs it.
$source = Join-Path $WorkFolder 'index.py'
Set-Content -LiteralPath $source -Value "def handler(event, context):`n    return {'statusCode': 200, 'body': '[]'}"
$package = Join-Path $WorkFolder 'function.zip'
Remove-Item -LiteralPath $package -ErrorAction SilentlyContinue
Compress-Archive -LiteralPath $source -DestinationPath $package

$trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
$account = Invoke-Aws sts get-caller-identity --query Account
$role = Invoke-Aws iam create-role --role-name petsFunctionRole --assume-role-policy-document $trust --query Role.Arn

foreach ($name in 'petsFn', 'petsAuthorizer') {
    $null = Invoke-Aws lambda create-function --function-name $name --runtime python3.12 --handler index.handler `
        --role $role --zip-file "fileb://$package" --query FunctionArn
}
$version = Invoke-Aws lambda publish-version --function-name petsFn --query Version
$null = Invoke-Aws lambda create-alias --function-name petsFn --name prod --function-version $version --query AliasArn
$null = Invoke-Aws lambda create-alias --function-name petsFn --name dev --function-version '$LATEST' --query AliasArn

$lambdaUri = { param($function) "arn:aws:apigateway:${Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${Region}:${account}:function:$function/invocations" }
$api = Invoke-Aws apigateway create-rest-api --name pets --query id
$rootId = Invoke-Aws apigateway get-resources --rest-api-id $api --query 'items[?path==`/`].id'
$pets = Invoke-Aws apigateway create-resource --rest-api-id $api --parent-id $rootId --path-part pets --query id
$pet = Invoke-Aws apigateway create-resource --rest-api-id $api --parent-id $pets --path-part '{petId}' --query id
$authorizer = Invoke-Aws apigateway create-authorizer --rest-api-id $api --name petsAuth --type TOKEN `
    --identity-source method.request.header.Authorization --authorizer-uri (& $lambdaUri 'petsAuthorizer') --query id

$null = Invoke-Aws apigateway put-method --rest-api-id $api --resource-id $pets --http-method GET `
    --authorization-type CUSTOM --authorizer-id $authorizer
$null = Invoke-Aws apigateway put-integration --rest-api-id $api --resource-id $pets --http-method GET `
    --type AWS_PROXY --integration-http-method POST --uri (& $lambdaUri 'petsFn')
$null = Invoke-Aws apigateway put-method --rest-api-id $api --resource-id $pet --http-method GET --authorization-type NONE
$null = Invoke-Aws apigateway put-integration --rest-api-id $api --resource-id $pet --http-method GET `
    --type AWS_PROXY --integration-http-method POST --uri (& $lambdaUri 'petsFn:${stageVariables.alias}')

$deployment = Invoke-Aws apigateway create-deployment --rest-api-id $api --query id
foreach ($stage in 'prod', 'dev') {
    $null = Invoke-Aws apigateway create-stage --rest-api-id $api --stage-name $stage --deployment-id $deployment `
        --variables "alias=$stage" --query stageName
}

[pscustomobject]@{ RestApiId = $api; AccountId = $account; Region = $Region }
