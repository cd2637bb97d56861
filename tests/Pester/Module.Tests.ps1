# Meta-tests over the module as shipped: the manifest, what it exports, and the conventions every
# cmdlet must follow. They grow with every cmdlet because they enumerate what the dll defines.

BeforeDiscovery {
    Import-Module (Join-Path $env:LAMBDAPERMTOOLS_MODULE 'LambdaPermTools.psd1') -Force
    $commands = @(Get-Command -Module LambdaPermTools -CommandType Cmdlet)
}

BeforeAll {
    $modulePath = $env:LAMBDAPERMTOOLS_MODULE
    $manifestPath = Join-Path $modulePath 'LambdaPermTools.psd1'
    $manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
    Import-Module $manifestPath -Force
    # Verbs whose cmdlets change state and therefore must support -WhatIf/-Confirm.
    $mutatingVerbs = 'Add', 'Set', 'Remove', 'New', 'Clear', 'Update', 'Register', 'Unregister', 'Install',
        'Uninstall', 'Publish', 'Reset', 'Rename', 'Move', 'Copy', 'Grant', 'Revoke', 'Enable', 'Disable', 'Start', 'Stop'
    $rootAssembly = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'LambdaPermTools' }
    $dllCmdlets = @($rootAssembly.GetExportedTypes() |
        ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
        ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object)
}

Describe 'Module manifest' {
    It 'is a valid manifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'loads in Windows PowerShell 5.1 and PowerShell 7 (netstandard2.0 build)' {
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'has a stamped version, not the source placeholder' {
        $manifest.ModuleVersion | Should -Not -Be '0.0.0'
        $manifest.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
    }

    It 'exports cmdlets explicitly and nothing by wildcard' {
        $manifest.CmdletsToExport | Should -Not -BeNullOrEmpty
        $manifest.CmdletsToExport | Should -Not -Match '\*'
        $manifest.FunctionsToExport | Should -BeNullOrEmpty
        $manifest.AliasesToExport | Should -BeNullOrEmpty
        $manifest.VariablesToExport | Should -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets the dll defines' {
        @($manifest.CmdletsToExport | Sort-Object) | Should -Be $dllCmdlets
        @((Get-Command -Module LambdaPermTools).Name | Sort-Object) | Should -Be $dllCmdlets
    }

    It 'loads no assembly into the shared load context at import (no RequiredAssemblies, no NestedModules)' {
        $manifest.RequiredAssemblies | Should -BeNullOrEmpty
        $manifest.NestedModules | Should -BeNullOrEmpty
        $manifest.RequiredModules | Should -BeNullOrEmpty
    }

    It 'ships no AWS SDK assembly next to the root module' {
        Get-ChildItem -LiteralPath $modulePath -Filter 'AWSSDK.*.dll' | Should -BeNullOrEmpty
    }

    It 'lists a format file that exists' {
        $manifest.FormatsToProcess | Should -Not -BeNullOrEmpty
        foreach ($file in $manifest.FormatsToProcess) { Join-Path $modulePath $file | Should -Exist }
    }

    It 'carries the gallery metadata' {
        $psData = $manifest.PrivateData.PSData
        $psData.Tags | Should -Contain 'AWS'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        $psData.LicenseUri | Should -Not -BeNullOrEmpty
        $psData.ProjectUri | Should -Not -BeNullOrEmpty
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}

Describe 'Cmdlet <_.Name>' -ForEach $commands {
    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $_.Verb
    }

    It 'declares its output type' {
        $_.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'supports -WhatIf and -Confirm exactly when it changes anything' {
        if ($mutatingVerbs -contains $_.Verb) {
            $_.Parameters.Keys | Should -Contain 'WhatIf'
            $_.Parameters.Keys | Should -Contain 'Confirm'
        }
        else {
            $_.Parameters.Keys | Should -Not -Contain 'WhatIf'
        }
    }

    It 'declares no parameter named like a PowerShell common parameter' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $declared = $_.ImplementingType.GetProperties() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.ParameterAttribute], $true) } |
            ForEach-Object Name
        $declared | Where-Object { $common -contains $_ } | Should -BeNullOrEmpty
    }
}

Describe 'Package' {
    It 'packs into a .nupkg that installs from a folder repository and imports' {
        $destination = Join-Path $TestDrive 'repo'
        & (Join-Path $PSScriptRoot '../tools/Publish-ModulePackage.ps1') -ModulePath $modulePath -Destination $destination
        Get-ChildItem -LiteralPath $destination -Filter 'LambdaPermTools.*.nupkg' | Should -HaveCount 1
    }
}
