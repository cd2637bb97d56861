# tests/Support/Python.psm1: the Python that runs moto and the AWS CLI for the tests, the demo and the bench is
# found without the moto_server and aws scripts on PATH, and where no Python has them the choice falls on a
# virtual environment under out/ (decided here with injected candidates; nothing is installed).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../Support/Python.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Support/MotoServer.psm1') -Force
    # The interpreter itself (sys.executable), as build.ps1 found it.
    $real = Get-ToolPython
}

Describe 'With moto_server and aws hidden from PATH' -Skip:$IsWindows {
    # Windows is skipped only because making the python3 symbolic link needs extra rights there.
    BeforeAll {
        $bin = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'bin')
        $link = Join-Path $bin 'python3'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $real
        $savedPath = $env:PATH
        $savedPython = $env:LPT_PYTHON
        # Only the python3 link: no pyenv shims, no moto_server, no aws, no other Python.
        $env:PATH = $bin.FullName
    }

    AfterAll {
        $env:PATH = $savedPath
        $env:LPT_PYTHON = $savedPython
    }

    BeforeEach { Remove-Item -LiteralPath env:LPT_PYTHON -ErrorAction SilentlyContinue }

    It 'has neither moto_server nor aws to call' {
        Get-Command -Name moto_server, aws -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'finds the python3 on PATH and needs no virtual environment' {
        $decision = Find-ToolPython -VenvDirectory (Join-Path $TestDrive 'venv')
        $decision.Create | Should -BeFalse
        $decision.Path | Should -Be $link
        Get-ToolPython | Should -Be $link
        $env:LPT_PYTHON | Should -Be $link -Because 'child processes (xunit, fresh pwsh) reuse the discovery'
    }

    It 'runs the AWS CLI as a module of that Python' {
        $run = Invoke-BoundedProcess -Command (Get-ToolPython), '-m', 'awscli', '--version'
        $run.ExitCode | Should -Be 0 -Because $run.ErrorOutput
        $run.Output | Should -Match '^aws-cli/\d'
        Invoke-AwsCli --version | Should -Match '^aws-cli/\d'
        $LASTEXITCODE | Should -Be 0
    }

    It 'starts moto as a module of that Python, which answers, and stops it' {
        $server = Start-MotoServer -TimeoutSeconds 60
        try {
            $env:LPT_PYTHON | Should -Be $link -Because 'Start-MotoServer found its Python with nothing set'
            $response = Invoke-WebRequest -Uri "$($server.Url)/moto-api/data.json" -TimeoutSec 10
            $response.StatusCode | Should -Be 200
            $response.Content | Should -Match '^\{'
        }
        finally { $server.Stop() }
        $server.Process.HasExited | Should -BeTrue
    }
}

Describe 'Choosing the virtual environment' {
    BeforeAll {
        # A real Python 3 in which nothing outside the standard library is importable (-I -S: no site-packages).
        $bare = @($real, '-I', '-S')
        $missing = @(Join-Path $TestDrive 'no-such-python')
        $venv = Join-Path $TestDrive 'venv'
        $venvPython = if ($IsWindows) { Join-Path $venv 'Scripts/python.exe' } else { Join-Path $venv 'bin/python' }
    }

    It 'chooses the virtual environment when no candidate has moto and the AWS CLI, made by the first Python that can' {
        $decision = Find-ToolPython -Candidate $missing, $bare -VenvDirectory $venv
        $decision.Create | Should -BeTrue
        $decision.Path | Should -Be $venvPython
        $decision.Base.Command | Should -Be $bare
        Test-Path -LiteralPath $venv | Should -BeFalse -Because 'deciding installs nothing'
    }

    It 'has no creator when no candidate is a Python at all' {
        $decision = Find-ToolPython -Candidate (, $missing) -VenvDirectory $venv
        $decision.Create | Should -BeTrue
        $decision.Base | Should -BeNullOrEmpty
    }

    It 'takes the first candidate that has them, in order' {
        $decision = Find-ToolPython -Candidate $missing, $bare, @($real) -VenvDirectory $venv
        $decision.Create | Should -BeFalse
        $decision.Path | Should -Be $real
    }

    It 'reuses a virtual environment made by an earlier run' -Skip:$IsWindows {
        $null = New-Item -ItemType Directory -Path (Split-Path $venvPython)
        $null = New-Item -ItemType SymbolicLink -Path $venvPython -Target $real
        try {
            $decision = Find-ToolPython -Candidate (, $bare) -VenvDirectory $venv
            $decision.Create | Should -BeFalse
            $decision.Path | Should -Be $venvPython
        }
        finally { Remove-Item -Recurse -Force -LiteralPath $venv }
    }
}
