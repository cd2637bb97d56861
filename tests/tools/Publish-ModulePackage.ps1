<#
.SYNOPSIS
Packs the built module as a .nupkg through a temporary local PSResourceGet repository, then proves
that it installs from that folder and imports in a fresh process.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Destination
)
$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Force -Path $Destination | Out-Null
Get-ChildItem -LiteralPath $Destination -Filter 'LambdaPermTools.*.nupkg' | Remove-Item

# A uniquely named, temporary repository: the user's own repository list is left as it was.
$repository = "LambdaPermToolsLocal$([guid]::NewGuid().ToString('N').Substring(0, 8))"
Register-PSResourceRepository -Name $repository -Uri $Destination -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $repository
    $package = Get-ChildItem -LiteralPath $Destination -Filter 'LambdaPermTools.*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource wrote no package into $Destination." }

    $installRoot = Join-Path ([System.IO.Path]::GetTempPath()) "lpt-install-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $installRoot | Out-Null
    try {
        Save-PSResource -Name LambdaPermTools -Repository $repository -Path $installRoot -TrustRepository
        $imported = & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$installRoot/LambdaPermTools' -ErrorAction Stop; (Get-Command -Module LambdaPermTools).Count"
        if ($LASTEXITCODE -ne 0) { throw "The installed package did not import: $imported" }
        Write-Host "Packed $($package.FullName); it installs from a folder repository and imports ($imported commands)."
    }
    finally {
        Remove-Item -Recurse -Force -LiteralPath $installRoot -ErrorAction SilentlyContinue
    }
}
finally {
    Unregister-PSResourceRepository -Name $repository
}
