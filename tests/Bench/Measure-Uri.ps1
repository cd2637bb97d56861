<#
.SYNOPSIS
Runs in a fresh pwsh started by Invoke-Bench.ps1: one -Uri diagnosis against the in-memory fake, printed as one JSON line.

.DESCRIPTION
The fake holds one API of the bench account's shape (60 resources x 2 methods, a TOKEN authorizer on every third
resource's GET, 3 stages whose variable `alias` picks the alias, functions with aliases and resource policies for
another API) behind a custom domain with a (none) and a two-level base path, and answers every call after
-LatencyMs. Test-ApiLambdaPermission -Uri then diagnoses one failing request on the two-level base path, a method
with the authorizer: both targets Denied (their policies grant only another API).

Reported: the calls the fake received (by operation; the deeper diagnosis of denied targets, ListAliases,
ListVersionsByFunction and the other qualifiers' GetPolicy, counted apart as extraCalls), the wall time from this
process's start to the last finding (pwsh start, Import-Module and the fake's set-up included), and its parts: pwsh's
start until this script runs, the imports, the fake's set-up, the cmdlet alone.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $LatencyMs = 20
)
$ErrorActionPreference = 'Stop'
$processStart = (Get-Process -Id $PID).StartTime.ToUniversalTime()
$scriptStart = [DateTime]::UtcNow
$env:LAMBDAPERMTOOLS_MODULE = $ModulePath
$import = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module (Join-Path $PSScriptRoot '../LambdaPermTools.TestDoubles/TestDoubles.psm1')
Import-LptTestDoubles   # the module and the fakes (built beforehand by the warm-up run)
$import.Stop()

$setup = [System.Diagnostics.Stopwatch]::StartNew()
$fake = [LambdaPermTools.TestDoubles.FakeAws]::new()
$fake.PageSize = 500   # AWS's page size: one page per listing, as on the bench account
$functions = @(0..19 | ForEach-Object { $fake.AddFunction(('fn-{0:00}' -f $_)) })
foreach ($function in $functions) {
    $fake.AddAlias($function, 'live', '1')
    $fake.AddAlias($function, 'next', '2')
    foreach ($qualifier in $null, 'live', 'next') {
        $null = $fake.SeedPermission($function, $qualifier, 'other-api', 'arn:aws:execute-api:us-east-1:111122223333:otherapi/*/GET/x')
    }
}
$authorizerUri = Get-LambdaUri "$($functions[19]):live"
$api = $fake.AddRestApi('bench01', 'Bench 01').AddAuthorizer('au1', 'tokens', 'TOKEN', $authorizerUri)
foreach ($i in 0..29) {
    foreach ($path in ('/r{0:00}' -f $i), ('/r{0:00}/{{id}}' -f $i)) {
        $uri = Get-LambdaUri ('{0}:${{stageVariables.alias}}' -f $functions[$i % 19])
        $null = $api.AddMethod($path, 'GET', 'AWS_PROXY', $uri, $null, ($i % 3 -eq 0 ? 'au1' : $null)).AddMethod($path, 'POST', 'AWS_PROXY', $uri)
    }
}
foreach ($stage in @{ name = 'dev'; alias = 'next' }, @{ name = 'test'; alias = 'next' }, @{ name = 'prod'; alias = 'live' }) {
    $null = $api.AddStage($stage.name, @{ alias = $stage.alias })
}
$null = $fake.AddDomainName('api.bench.example').AddBasePathMapping('(none)', 'bench01', 'prod').AddBasePathMapping('v1/orders', 'bench01', 'test')
[LambdaPermTools.Aws.Ports.TestHooks]::ServicesFactory = $fake
$fake.CallDelayMilliseconds = $LatencyMs
$setup.Stop()

$clock = [System.Diagnostics.Stopwatch]::StartNew()
$findings = @(Test-ApiLambdaPermission -Uri 'https://api.bench.example/v1/orders/r06/42' -HttpMethod GET -WarningAction SilentlyContinue)
$lastFinding = [DateTime]::UtcNow
$clock.Stop()

$diagnosis = 'ListAliases', 'ListVersionsByFunction'
$calls = @($fake.Calls)
# The other qualifiers' policies are the GetPolicy calls after the first ones of each function the request reaches.
$extraPolicies = @($calls | Where-Object Operation -eq 'GetPolicy').Count - @($findings.FunctionArn | Select-Object -Unique).Count
[pscustomobject]@{
    findings         = $findings.Count
    statuses         = @($findings | ForEach-Object { "$($_.Kind) $($_.Status) $($_.Cause)" })
    calls            = $calls.Count
    extraCalls       = @($calls | Where-Object Operation -in $diagnosis).Count + $extraPolicies
    byOperation      = @($calls | Group-Object Operation | ForEach-Object { "$($_.Name) $($_.Count)" })
    fromStartSeconds = ($lastFinding - $processStart).TotalSeconds
    pwshStartSeconds = ($scriptStart - $processStart).TotalSeconds
    importSeconds    = $import.Elapsed.TotalSeconds
    setupSeconds     = $setup.Elapsed.TotalSeconds
    cmdletSeconds    = $clock.Elapsed.TotalSeconds
    traceSteps       = $findings[-1].Trace.Count
} | ConvertTo-Json -Compress
