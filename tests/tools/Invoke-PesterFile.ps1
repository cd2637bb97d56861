<#
.SYNOPSIS
Runs one Pester file against the built module and writes JUnit (Jenkins) and NUnit (Azure DevOps)
results plus a JSON summary that build.ps1 adds up. Called by build.ps1 in a fresh pwsh per file.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $TestFile,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultsDirectory,
    [Parameter(Mandatory)] [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

# Test files import the module from here, so they always test the freshly built layout.
$env:LAMBDAPERMTOOLS_MODULE = $ModulePath

$name = [System.IO.Path]::GetFileNameWithoutExtension($TestFile) -replace '\.Tests$', ''
$config = New-PesterConfiguration
$config.Run.Path = $TestFile
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsDirectory "pester-$name.junit.xml"
$result = Invoke-Pester -Configuration $config
$result | Export-NUnitReport -Path (Join-Path $ResultsDirectory "pester-$name.nunit.xml")

# Failed blocks and containers (a BeforeAll that throws, a file that does not parse) count as failures.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount + $result.NotRunCount } |
    ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
exit $failed
