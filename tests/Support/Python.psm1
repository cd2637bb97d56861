# Finds the Python 3 that runs moto (server mode), boto3, cfn-lint and the AWS CLI for the tests, the demo and
# the bench, and runs them as modules (python -m moto.server, python -m awscli) so that nothing depends on the
# moto_server and aws scripts being on PATH. Where no Python has them, a virtual environment under out/python
# gets them from the Python package index.

# moto[server] brings flask, flask_cors and cfnlint (the template tests lint with it); moto brings boto3.
$script:RequiredModules = 'moto', 'flask', 'flask_cors', 'cfnlint', 'boto3', 'awscli'
$script:DefaultVenv = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out/python'))

# Written for Python 2 as well, so a `python` that is Python 2 answers "no" instead of failing to parse.
# find_spec only locates a top-level module (no import), so a probe costs one interpreter start.
$script:ProbeScript = @"
import sys
def has(names):
    try:
        import importlib.util
        return all(importlib.util.find_spec(n) is not None for n in names)
    except Exception:
        return False
py3 = sys.version_info[0] == 3
print(sys.executable)
print('yes' if py3 and has([$(($script:RequiredModules | ForEach-Object { "'$_'" }) -join ', ')]) else 'no')
print('yes' if py3 and has(['venv', 'ensurepip']) else 'no')
"@

function Get-VenvPython {
    param([Parameter(Mandatory)] [string] $Directory)
    if ($IsWindows) { Join-Path $Directory 'Scripts/python.exe' } else { Join-Path $Directory 'bin/python' }
}

function Get-PythonCandidate {
    <#
    .SYNOPSIS
    The commands that may start a Python 3, in the order they are tried; each is an array (a program and its
    first arguments). pyenv's shims are found like any other program on PATH.
    #>
    $names = @('python3', 'python') + @(14..8 | ForEach-Object { "python3.$_" })
    $seen = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($name in $names) {
        foreach ($command in @(Get-Command -Name $name -CommandType Application -All -ErrorAction SilentlyContinue)) {
            if ($seen.Add($command.Source)) { , @($command.Source) }
        }
    }
    if ($IsWindows -and (Get-Command -Name py -CommandType Application -ErrorAction SilentlyContinue)) { , @('py', '-3') }
}

function Invoke-BoundedProcess {
    <#
    .SYNOPSIS
    Runs a program (an array: the program and its arguments) and returns its ExitCode, Output and ErrorOutput;
    kills it with its children and throws after -TimeoutSeconds.
    #>
    param([Parameter(Mandatory)] [string[]] $Command, [int] $TimeoutSeconds = 60)
    $info = [System.Diagnostics.ProcessStartInfo]::new($Command[0], [string[]]@($Command | Select-Object -Skip 1))
    $info.RedirectStandardOutput = $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "$($Command -join ' ') did not finish within $TimeoutSeconds s."
        }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; ErrorOutput = $stderr.Result }
    }
    finally { $process.Dispose() }
}

function Invoke-PythonProbe {
    <#
    .SYNOPSIS
    Asks one candidate which interpreter it is, whether moto, boto3 and the AWS CLI are importable, and whether it
    can make a virtual environment. $null when it does not start or does not answer within the time limit.
    #>
    param([Parameter(Mandatory)] [string[]] $Command)
    # Not an executable, vanished since PATH was read, or hanging: not a candidate.
    try { $run = Invoke-BoundedProcess -Command (@($Command) + '-c', $script:ProbeScript) -TimeoutSeconds 30 }
    catch { return $null }
    $lines = @($run.Output -split "`r?`n" | Where-Object { $_ })
    if ($run.ExitCode -ne 0 -or $lines.Count -ne 3) { return $null }
    [pscustomobject]@{ Command = $Command; Executable = $lines[0]; HasTools = $lines[1] -eq 'yes'; CanMakeVenv = $lines[2] -eq 'yes' }
}

function Find-ToolPython {
    <#
    .SYNOPSIS
    Decides which Python runs moto and the AWS CLI, without installing anything.
    .DESCRIPTION
    Tries the candidates in order, then the virtual environment under -VenvDirectory if it exists. The first in
    which every required module is importable wins (Create = $false). When none has them, the answer is the
    virtual environment, to be created from the first candidate that can make one (Create = $true, Base).
    .OUTPUTS
    An object with Path (the interpreter to run), Create, VenvDirectory and Base (the probe of the creator, or $null).
    #>
    [CmdletBinding()]
    param(
        # Each an array: a program and its first arguments. Default: python3, python, python3.N on PATH, py -3 on Windows.
        [object[]] $Candidate = @(Get-PythonCandidate),
        [string] $VenvDirectory = $script:DefaultVenv
    )
    $venvPython = Get-VenvPython $VenvDirectory
    $all = @($Candidate) + @(if (Test-Path -LiteralPath $venvPython) { , @($venvPython) })
    $base = $null
    foreach ($command in $all) {
        $probe = Invoke-PythonProbe -Command $command
        if (-not $probe) { continue }
        Write-Verbose "Python $($command -join ' ') ($($probe.Executable)): tools $($probe.HasTools), venv $($probe.CanMakeVenv)"
        if ($probe.HasTools) {
            return [pscustomobject]@{ Path = $probe.Executable; Create = $false; VenvDirectory = $VenvDirectory; Base = $null }
        }
        if (-not $base -and $probe.CanMakeVenv) { $base = $probe }
    }
    [pscustomobject]@{ Path = $venvPython; Create = $true; VenvDirectory = $VenvDirectory; Base = $base }
}

function New-ToolPythonVenv {
    # Makes the virtual environment Find-ToolPython asked for and installs moto[server] and awscli from the index.
    param([Parameter(Mandatory)] $Decision)
    if (-not $Decision.Base) {
        throw "No Python 3 that can create a virtual environment was found on PATH (tried python3, python, python3.N$(if ($IsWindows) { ', py -3' })). Install Python 3 (with its venv module) and run again."
    }
    Write-Host "No Python on PATH has moto[server] and awscli; installing them into $($Decision.VenvDirectory) (needs the Python package index)."
    & $Decision.Base.Executable -m venv $Decision.VenvDirectory
    if ($LASTEXITCODE -ne 0) { throw "$($Decision.Base.Executable) -m venv $($Decision.VenvDirectory) failed with exit code $LASTEXITCODE." }
    & $Decision.Path -m pip install --quiet --disable-pip-version-check 'moto[server]' awscli
    if ($LASTEXITCODE -ne 0) { throw "pip could not install moto[server] and awscli into $($Decision.VenvDirectory) (exit code $LASTEXITCODE); it needs the Python package index." }
    $probe = Invoke-PythonProbe -Command $Decision.Path
    if (-not ($probe -and $probe.HasTools)) { throw "$($Decision.Path) still cannot import $($script:RequiredModules -join ', ')." }
}

function Get-ToolPython {
    <#
    .SYNOPSIS
    The path of the Python that runs moto and the AWS CLI: $env:LPT_PYTHON when set (build.ps1 sets it once for
    every process it starts), else found by Find-ToolPython (creating the virtual environment when needed) and
    remembered in $env:LPT_PYTHON.
    #>
    [CmdletBinding()]
    param()
    if ($env:LPT_PYTHON) { return $env:LPT_PYTHON }
    $decision = Find-ToolPython
    if ($decision.Create) { New-ToolPythonVenv $decision }
    $env:LPT_PYTHON = $decision.Path
    $decision.Path
}

function Invoke-AwsCli {
    <# .SYNOPSIS The AWS CLI (python -m awscli) with the given arguments; $LASTEXITCODE is the CLI's. #>
    $python = Get-ToolPython
    & $python -m awscli @args
}

function Invoke-CfnLint {
    <# .SYNOPSIS cfn-lint (it comes with moto[server]; cfnlint has no __main__) with the given arguments; $LASTEXITCODE is cfn-lint's. #>
    $python = Get-ToolPython
    & $python -c 'import sys; from cfnlint.runner import main; sys.exit(main())' @args
}

Export-ModuleMember -Function Find-ToolPython, Get-ToolPython, Invoke-AwsCli, Invoke-CfnLint, Invoke-BoundedProcess
