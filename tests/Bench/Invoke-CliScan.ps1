<#
.SYNOPSIS
The baseline: the scan a careful user scripts with the aws CLI, one CLI call per API operation.

.DESCRIPTION
Per REST API: get-resources --embed methods (--page-size 500, so one page per 500 resources),
get-authorizers and get-stages; the integration and authorizer URIs are resolved per stage
(stage variables substituted); then get-policy once per distinct function and qualifier.
With -PolicySample N only the first N get-policy calls run and the policy phase is extrapolated
linearly from them; the result says so (Extrapolated = $true).

.OUTPUTS
One object: Seconds (measured or measured + extrapolated), ApiGatewaySeconds, PolicySeconds,
PolicyCalls, PolicyCallsMeasured, Extrapolated, Calls (per operation).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $EndpointUrl,
    [string] $Region = 'us-east-1',
    [int] $PolicySample = 0
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1')

$common = @('--endpoint-url', $EndpointUrl, '--region', $Region, '--output', 'json')
$calls = [ordered]@{}

function Invoke-AwsJson {
    param([string] $Operation, [string[]] $Arguments, [switch] $AllowNotFound)
    $calls[$Operation] = 1 + ($calls.Contains($Operation) ? $calls[$Operation] : 0)
    $output = Invoke-AwsCli @Arguments @common 2>&1
    if ($LASTEXITCODE -ne 0) {
        if ($AllowNotFound -and "$output" -match 'ResourceNotFoundException') { return $null }
        throw "aws $($Arguments -join ' ') failed: $output"
    }
    ($output -join "`n") | ConvertFrom-Json
}

$uriPattern = '^arn:[^:]+:apigateway:[^:]+:lambda:path/2015-03-31/functions/(?<fn>.+)/invocations$'

function Resolve-FunctionRef {
    # The function ARN (and qualifier) a URI names in one stage; $null when a stage variable is missing.
    param([string] $Uri, [hashtable] $Variables)
    if ($Uri -notmatch $uriPattern) { return $null }
    $ref = $Matches['fn']
    foreach ($name in [regex]::Matches($ref, '\$\{stageVariables\.(\w+)\}') | ForEach-Object { $_.Groups[1].Value }) {
        if (-not $Variables.ContainsKey($name)) { return $null }
        $ref = $ref.Replace("`${stageVariables.$name}", $Variables[$name])
    }
    $parts = $ref.Split(':')
    [pscustomobject]@{ Function = ($parts[0..6] -join ':'); Qualifier = ($parts.Count -gt 7 ? $parts[7] : '') }
}

$apiClock = [System.Diagnostics.Stopwatch]::StartNew()
$targets = [System.Collections.Generic.HashSet[string]]::new()
$apis = (Invoke-AwsJson 'apigateway:GetRestApis' @('apigateway', 'get-rest-apis', '--page-size', '500')).items
foreach ($api in $apis) {
    $resources = (Invoke-AwsJson 'apigateway:GetResources' @('apigateway', 'get-resources', '--rest-api-id', $api.id, '--embed', 'methods', '--page-size', '500')).items
    $authorizers = (Invoke-AwsJson 'apigateway:GetAuthorizers' @('apigateway', 'get-authorizers', '--rest-api-id', $api.id)).items
    $stages = (Invoke-AwsJson 'apigateway:GetStages' @('apigateway', 'get-stages', '--rest-api-id', $api.id)).item
    $uris = @(foreach ($resource in $resources) {
            if ($resource.PSObject.Properties['resourceMethods']) {
                foreach ($method in $resource.resourceMethods.PSObject.Properties.Value) {
                    if ($method.PSObject.Properties['methodIntegration'] -and $method.methodIntegration.PSObject.Properties['uri']) { $method.methodIntegration.uri }
                }
            }
        }) + @($authorizers | Where-Object { $_.PSObject.Properties['authorizerUri'] } | ForEach-Object authorizerUri)
    foreach ($stage in $stages) {
        $variables = @{}
        if ($stage.PSObject.Properties['variables']) { $stage.variables.PSObject.Properties | ForEach-Object { $variables[$_.Name] = $_.Value } }
        foreach ($uri in $uris) {
            $target = Resolve-FunctionRef -Uri $uri -Variables $variables
            if ($target) { $null = $targets.Add("$($target.Function)|$($target.Qualifier)") }
        }
    }
}
$apiClock.Stop()

$all = @($targets | Sort-Object)
$measured = $PolicySample -gt 0 ? @($all | Select-Object -First $PolicySample) : $all
$policyClock = [System.Diagnostics.Stopwatch]::StartNew()
foreach ($entry in $measured) {
    $function, $qualifier = $entry.Split('|')
    $arguments = @('lambda', 'get-policy', '--function-name', $function) + ($qualifier ? @('--qualifier', $qualifier) : @())
    $null = Invoke-AwsJson 'lambda:GetPolicy' $arguments -AllowNotFound
}
$policyClock.Stop()

$policySeconds = $measured.Count -gt 0 ? $policyClock.Elapsed.TotalSeconds / $measured.Count * $all.Count : 0
[pscustomobject]@{
    Seconds             = $apiClock.Elapsed.TotalSeconds + $policySeconds
    ApiGatewaySeconds   = $apiClock.Elapsed.TotalSeconds
    PolicySeconds       = $policySeconds
    PolicyCalls         = $all.Count
    PolicyCallsMeasured = $measured.Count
    Extrapolated        = $measured.Count -lt $all.Count
    Calls               = [pscustomobject]$calls
}
