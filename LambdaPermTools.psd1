#
# Module manifest for LambdaPermTools. build.ps1 stamps ModuleVersion from Directory.Build.props into
# the published copy (out/LambdaPermTools); this file is the source.
#
@{
    RootModule             = 'LambdaPermTools.dll'
    ModuleVersion          = '0.0.0'
    GUID                   = '46d4d8d5-ff8c-48ad-a0c1-4a446add2b9c'
    Author                 = 'LambdaPermTools contributors'
    CompanyName            = 'LambdaPermTools'
    Copyright              = '(c) LambdaPermTools contributors. All rights reserved.'
    Description            = 'Finds, explains and fixes missing or wrong lambda:InvokeFunction permissions between API Gateway REST APIs and their Lambda functions ("Execution failed due to configuration error: Invalid permissions on Lambda function").'
    CompatiblePSEditions   = @('Core', 'Desktop')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # Nothing here loads third-party assemblies: they would land in the shared load context and
    # collide with AWS Tools for PowerShell (see powershell-conventions.md §14).
    RequiredModules        = @()
    RequiredAssemblies     = @()
    NestedModules          = @()
    FormatsToProcess       = @('LambdaPermTools.Format.ps1xml')
    CmdletsToExport        = @(
        'Get-ApiIntegrationTarget'
        'Test-ApiLambdaPermission'
        'Add-ApiLambdaPermission'
        'ConvertTo-ApiLambdaPermissionTemplate'
        'Test-ApiLambdaPermissionTemplate'
        'Get-ApiLambdaPermission'
        'Remove-ApiLambdaPermission'
        'Find-ApiLambdaPermissionError'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'Lambda', 'APIGateway', 'IAM', 'Permissions', 'Troubleshooting', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/lambdapermtools/LambdaPermTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/lambdapermtools/LambdaPermTools'
            ReleaseNotes = 'First release: Get-ApiIntegrationTarget, Test-ApiLambdaPermission, Add-ApiLambdaPermission, ConvertTo-ApiLambdaPermissionTemplate.'
        }
    }
}
