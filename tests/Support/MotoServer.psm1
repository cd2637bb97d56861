# Starts and stops a local moto server (moto_server_v2.py: moto.server plus the v2 GetAuthorizers listing moto
# lacks; the Python from Python.psm1) for tests, the demo and the bench. It listens on 127.0.0.1 only, on a free port, so it can never be mistaken for a real AWS
# endpoint and never clashes with another run.

Import-Module (Join-Path $PSScriptRoot 'Python.psm1')

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-MotoServer {
    <#
    .SYNOPSIS
    Starts moto's server on a free 127.0.0.1 port and waits until it answers.
    .OUTPUTS
    An object with Url, Port, Process and a Stop() method.
    .PARAMETER Prelude
    Python code run in moto's process before the server starts: for a test to correct a moto deviation it
    documents (it patches the emulator, never the product).
    #>
    [CmdletBinding()]
    param([int] $TimeoutSeconds = 30, [string] $Prelude)

    $python = Get-ToolPython
    $port = Get-FreeTcpPort
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "moto-$port.log"
    $server = Join-Path $PSScriptRoot 'moto_server_v2.py'
    $entry = @($server)
    if ($Prelude) {
        $script = Join-Path ([System.IO.Path]::GetTempPath()) "moto-$port.py"
        $path = $server.Replace('\', '\\')
        Set-Content -LiteralPath $script -Value ($Prelude + "`nimport runpy, sys`nsys.argv = ['$path'] + sys.argv[1:]`nrunpy.run_path('$path', run_name='__main__')`n")
        $entry = @($script)
    }
    $process = Start-Process -FilePath $python -ArgumentList ($entry + @('-H', '127.0.0.1', '-p', $port)) `
        -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru
    $url = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        if ($process.HasExited) {
            $detail = Get-Content -Raw -LiteralPath "$log.err" -ErrorAction SilentlyContinue
            throw "moto ($python moto_server_v2.py) could not start on 127.0.0.1:${port}: $detail"
        }
        try {
            $null = Invoke-RestMethod -Uri "$url/moto-api/data.json" -TimeoutSec 2
            break
        }
        catch {
            if ([DateTime]::UtcNow -gt $deadline) {
                Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
                throw "moto ($python moto_server_v2.py) did not answer on $url within $TimeoutSeconds s."
            }
            Start-Sleep -Milliseconds 200
        }
    }

    $server = [pscustomobject]@{ Url = $url; Port = $port; Process = $process; Log = $log }
    $server | Add-Member -MemberType ScriptMethod -Name Stop -Value {
        if (-not $this.Process.HasExited) {
            Stop-Process -Id $this.Process.Id -Force -ErrorAction SilentlyContinue
            $this.Process.WaitForExit(5000) | Out-Null
        }
        Remove-Item -LiteralPath $this.Log, "$($this.Log).err" -ErrorAction SilentlyContinue
    }
    $server
}

function Reset-MotoServer {
    <# .SYNOPSIS Forgets every resource moto holds (between tests that share one server). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Url)
    $null = Invoke-RestMethod -Method Post -Uri "$Url/moto-api/reset"
}

Export-ModuleMember -Function Start-MotoServer, Reset-MotoServer
