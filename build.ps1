<#
.SYNOPSIS
Builds, tests, packages and demonstrates LambdaPermTools.

.DESCRIPTION
Tasks:
  Build    publish an importable module into out/LambdaPermTools (Import-Module ./out/LambdaPermTools)
  Test     Build, then the style check (suite "Format") and every xunit and Pester suite; JUnit and NUnit
           XML under out/test-results; ends with the line "N passed, N failed" and exits non-zero on any failure
  Demo     diagnose and fix the knowledge-center scenario against a local moto server
  Bench    the account-scale benchmark (-Small for a quick run; -Scale 1,2,4 for the scale curve)
  Package  a .nupkg in out/package that Install-PSResource / Install-Module take from a folder repository
  Clean    remove out/ and every bin/ and obj/

Run from a bare clone with: dotnet tool restore && dotnet pwsh -NoProfile ./build.ps1 <Task>
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    # Bench only: a small account that finishes in under a minute.
    [switch] $Small,

    # Bench only: the scale curve, the default account multiplied by each factor (several minutes per size).
    # Strings, so that "1,2,4" from a shell (pwsh -File passes it as one string) works as well as 1,2,4 in pwsh.
    [string[]] $Scale = @(),

    # Test only: run just the suites whose project or file name matches this wildcard.
    [string] $Filter = '*',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out 'LambdaPermTools'
$resultsDir = Join-Path $out 'test-results'

function Invoke-Native {
    # Runs a native command and fails the task when it fails, so no error goes unnoticed.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw -LiteralPath (Join-Path $root 'Directory.Build.props'))
    $props.Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1
}

function Publish-IsolatedDependencies {
    # AWSSDK.Core and the bridge that uses it go into dependencies/, never next to the root dll: they are
    # loaded into a private load context so that AWS Tools for PowerShell (V4 or V5) can sit beside us
    # (see src/LambdaPermTools.Aws/Credentials/SdkBridgeLoader.cs). Our own shared assemblies stay out
    # of that folder so the port interfaces keep one identity.
    $deps = Join-Path $moduleDir 'dependencies'
    $staging = Join-Path $out 'publish-dependencies'
    Remove-Item -Recurse -Force -LiteralPath $staging -ErrorAction SilentlyContinue
    foreach ($project in 'LambdaPermTools.Aws.Sdk', 'LambdaPermTools.Aws.Loader') {
        Invoke-Native dotnet @('publish', (Join-Path $root "src/$project/$project.csproj"), '-c', $Configuration, '-o', $staging, '--nologo', '-v', 'quiet')
    }
    New-Item -ItemType Directory -Force -Path $deps | Out-Null
    Get-ChildItem -LiteralPath $staging -Filter '*.dll' |
        Where-Object { $_.Name -notin 'LambdaPermTools.Core.dll', 'LambdaPermTools.Aws.dll' } |
        Copy-Item -Destination $deps
}

function Invoke-BuildTask {
    $publish = Join-Path $out 'publish'
    Remove-Item -Recurse -Force -LiteralPath $publish, $moduleDir -ErrorAction SilentlyContinue
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/LambdaPermTools/LambdaPermTools.csproj'), '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')

    New-Item -ItemType Directory -Force -Path $moduleDir | Out-Null
    Copy-Item -Path (Join-Path $publish '*.dll') -Destination $moduleDir
    Copy-Item -LiteralPath (Join-Path $publish 'LambdaPermTools.Format.ps1xml') -Destination $moduleDir
    Publish-IsolatedDependencies

    # Help (MAML + about topic) from src/LambdaPermTools/help, checked against the cmdlets in the built dll:
    # a cmdlet or parameter without text fails the build here, with the list of what is missing.
    Invoke-Native dotnet @('run', '--project', (Join-Path $root 'src/LambdaPermTools.HelpBuilder/LambdaPermTools.HelpBuilder.csproj'),
        '-c', $Configuration, '--',
        '--assembly', (Join-Path $moduleDir 'LambdaPermTools.dll'), '--source', (Join-Path $root 'src/LambdaPermTools/help'),
        '--output', (Join-Path $moduleDir 'en-US'))

    $version = Get-ModuleVersion
    $manifest = Get-Content -Raw -LiteralPath (Join-Path $root 'LambdaPermTools.psd1')
    $manifest = $manifest -replace "ModuleVersion(\s*)= '0\.0\.0'", "ModuleVersion`$1= '$version'"
    Set-Content -LiteralPath (Join-Path $moduleDir 'LambdaPermTools.psd1') -Value $manifest -NoNewline
    Write-Host "Built LambdaPermTools $version into $moduleDir"
}

function Get-PesterManifest {
    $project = Join-Path $root 'tests/tools/PesterRestore.csproj'
    Invoke-Native dotnet @('restore', $project, '--nologo', '-v', 'quiet')
    $packages = (& dotnet msbuild $project -getProperty:NuGetPackageRoot).Trim()
    $manifest = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester was restored but $manifest is missing." }
    $manifest
}

function Set-TestEnvironment {
    # Tests never reach a real account or the instance-metadata endpoint: empty config files,
    # no IMDS, no colours in logs.
    $scratch = Join-Path $out 'test-env'
    New-Item -ItemType Directory -Force -Path $scratch | Out-Null
    foreach ($name in 'config', 'credentials') { Set-Content -LiteralPath (Join-Path $scratch $name) -Value '' }
    $env:AWS_CONFIG_FILE = Join-Path $scratch 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $scratch 'credentials'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    foreach ($name in 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL') {
        Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue
    }
    $env:NO_COLOR = '1'
    $env:DOTNET_NOLOGO = '1'
}

function Read-JUnitCounts {
    param([string] $Path)
    $xml = [xml](Get-Content -Raw -LiteralPath $Path)
    $suites = @($xml.SelectNodes('//testsuite'))
    $sum = { param($attr) ($suites | ForEach-Object { [int]($_.GetAttribute($attr) -as [int]) } | Measure-Object -Sum).Sum }
    $total = & $sum 'tests'
    $failed = (& $sum 'failures') + (& $sum 'errors')
    $skipped = & $sum 'skipped'
    [pscustomobject]@{ Passed = $total - $failed - $skipped; Failed = $failed; Skipped = $skipped }
}

function Invoke-XunitSuites {
    $projects = Get-ChildItem -Path (Join-Path $root 'tests') -Filter '*.Tests.csproj' -Recurse |
        Where-Object { $_.BaseName -like $Filter } | Sort-Object Name
    foreach ($project in $projects) {
        $name = $project.BaseName
        $junit = Join-Path $resultsDir "$name.junit.xml"
        $nunit = Join-Path $resultsDir "$name.nunit.xml"
        Write-Host "`n=== xunit: $name"
        & dotnet test $project.FullName -c $Configuration --nologo `
            --logger "junit;LogFilePath=$junit" --logger "nunit;LogFilePath=$nunit" --logger 'console;verbosity=minimal' | Out-Host
        $exit = $LASTEXITCODE
        if (Test-Path -LiteralPath $junit) {
            $counts = Read-JUnitCounts $junit
            if ($exit -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }  # a crash that wrote no failure
            $counts
        }
        else {
            Write-Host "xunit suite $name did not run (exit code $exit)."
            [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
        }
    }
}

function Invoke-PesterSuites {
    $pester = Get-PesterManifest
    $runner = Join-Path $root 'tests/tools/Invoke-PesterFile.ps1'
    $files = Get-ChildItem -Path (Join-Path $root 'tests/Pester') -Filter '*.Tests.ps1' |
        Where-Object { $_.Name -like "$Filter*" -or $_.BaseName -like $Filter } | Sort-Object Name
    foreach ($file in $files) {
        Write-Host "`n=== Pester: $($file.Name)"
        # A fresh process per file: a binary module cannot be unloaded, and the test hook is static.
        $summary = Join-Path $resultsDir "$($file.BaseName).summary.json"
        Remove-Item -LiteralPath $summary -ErrorAction SilentlyContinue
        & dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterManifest $pester -TestFile $file.FullName `
            -ModulePath $moduleDir -ResultsDirectory $resultsDir -SummaryPath $summary | Out-Host
        if (Test-Path -LiteralPath $summary) {
            Get-Content -Raw -LiteralPath $summary | ConvertFrom-Json
        }
        else {
            Write-Host "Pester file $($file.Name) did not complete (exit code $LASTEXITCODE)."
            [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
        }
    }
}

function Invoke-FormatCheck {
    # The one C# style of .editorconfig: any file dotnet format would change is one failed check, listed by file.
    # No --no-restore: the build restores only the module's projects, and the test projects are checked too.
    if ('Format' -notlike $Filter) { return }
    Write-Host "`n=== Format: dotnet format --verify-no-changes"
    $ErrorActionPreference = 'Continue'  # its findings arrive on stderr; they are the result, not a task failure
    $output = @(& dotnet format (Join-Path $root 'LambdaPermTools.sln') --verify-no-changes -v q 2>&1 | ForEach-Object { "$_" })
    if ($LASTEXITCODE -eq 0) {
        Write-Host 'Every C# file is in the .editorconfig style.'
        return [pscustomobject]@{ Passed = 1; Failed = 0; Skipped = 0 }
    }
    $output | Out-Host
    $files = $output | ForEach-Object { if ($_ -match '^(.+?)\(\d+,\d+\): ') { $Matches[1] } } | Sort-Object -Unique
    Write-Host "Not in the .editorconfig style (fix with: dotnet format LambdaPermTools.sln):"
    $files | ForEach-Object { Write-Host "  $([IO.Path]::GetRelativePath($root, $_))" }
    [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
}

function Set-ToolPython {
    # moto, boto3/botocore and the AWS CLI run as modules of one Python (tests/Support/Python.psm1), found or set
    # up once here, before the build, and passed to every suite in LPT_PYTHON.
    Import-Module (Join-Path $root 'tests/Support/Python.psm1') -Force
    $python = Get-ToolPython
    Write-Host "Python for moto and the AWS CLI: $python"
}

function Invoke-TestTask {
    Set-ToolPython
    Invoke-BuildTask
    Remove-Item -Recurse -Force -LiteralPath $resultsDir -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force -Path $resultsDir | Out-Null
    Set-TestEnvironment

    $counts = @(Invoke-FormatCheck) + @(Invoke-XunitSuites) + @(Invoke-PesterSuites)
    $passed = ($counts | Measure-Object -Property Passed -Sum).Sum
    $failed = ($counts | Measure-Object -Property Failed -Sum).Sum
    $skipped = ($counts | Measure-Object -Property Skipped -Sum).Sum
    if ($counts.Count -eq 0) { $failed = 1; Write-Host 'No test suite matched.' }

    Write-Host "`nTest results: $resultsDir"
    $line = "$passed passed, $failed failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    Write-Host $line
    if ($failed -gt 0) { exit 1 }
}

function Invoke-PackageTask {
    param([string] $Destination = (Join-Path $out 'package'))
    Invoke-BuildTask
    & (Join-Path $root 'tests/tools/Publish-ModulePackage.ps1') -ModulePath $moduleDir -Destination $Destination
    if (-not $?) { exit 1 }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Package' { Invoke-PackageTask }
    'Demo' {
        Invoke-BuildTask
        & (Join-Path $root 'tests/Demo/Invoke-Demo.ps1') -ModulePath $moduleDir
        exit $LASTEXITCODE
    }
    'Bench' {
        Invoke-BuildTask
        & (Join-Path $root 'tests/Bench/Invoke-Bench.ps1') -ModulePath $moduleDir -Small:$Small -Scale $Scale
        exit $LASTEXITCODE
    }
    'Clean' {
        Remove-Item -Recurse -Force -LiteralPath $out -ErrorAction SilentlyContinue
        Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests') -Directory -Recurse -Include 'bin', 'obj' |
            Remove-Item -Recurse -Force
    }
}
