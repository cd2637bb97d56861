# A stand-in for AWS Tools for PowerShell's Add-LMPermission, so tests and help examples that pipe our
# findings into it run without AWS Tools. It has Add-LMPermission's parameter set (docs/powershell-rules.md
# §6, §2: every parameter, the AWS common ones included, binds by property name), records a copy of what
# each call bound, answers with that copy, and — as AWS Tools does with Lambda's 409 (§9.1) — ends the
# pipeline with a terminating ResourceConflictException when one function and qualifier get a statement id twice.

$calls = [System.Collections.Generic.List[object]]::new()

function Add-LMPermission {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)] [string] $FunctionName,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Action,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Principal,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $StatementId,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $SourceArn,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $SourceAccount,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $Qualifier,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $RevisionId,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $PrincipalOrgID,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $EventSourceToken,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $FunctionUrlAuthType,
        [Parameter(ValueFromPipelineByPropertyName)] [System.Nullable[bool]] $InvokedViaFunctionUrl,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $Select,
        [Parameter(ValueFromPipelineByPropertyName)] [switch] $PassThru,
        [Parameter(ValueFromPipelineByPropertyName)] [switch] $Force,
        [Parameter(ValueFromPipelineByPropertyName)] [Alias('RegionToCall')] [object] $Region,
        [Parameter(ValueFromPipelineByPropertyName)] [Alias('AK')] [string] $AccessKey,
        [Parameter(ValueFromPipelineByPropertyName)] [Alias('SK', 'SecretAccessKey')] [string] $SecretKey,
        [Parameter(ValueFromPipelineByPropertyName)] [Alias('ST')] [string] $SessionToken,
        [Parameter(ValueFromPipelineByPropertyName)] [Alias('StoredCredentials', 'AWSProfileName')] [string] $ProfileName,
        [Parameter(ValueFromPipelineByPropertyName)] [Alias('AWSProfilesLocation', 'ProfilesLocation')] [string] $ProfileLocation,
        [Parameter(ValueFromPipelineByPropertyName)] [object] $Credential,
        [Parameter(ValueFromPipelineByPropertyName)] [pscredential] $NetworkCredential,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $EndpointUrl,
        [Parameter(ValueFromPipelineByPropertyName)] [object] $ClientConfig
    )
    process {
        $duplicate = @($calls | Where-Object { $_.FunctionName -eq $FunctionName -and "$($_.Qualifier)" -eq "$Qualifier" -and $_.StatementId -eq $StatementId }).Count
        if ($duplicate) {
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                    [System.InvalidOperationException]::new('The statement id provided already exists. Please provide a new statement id, or remove the existing statement.'),
                    'Amazon.Lambda.Model.ResourceConflictException', 'InvalidOperation', $StatementId))
        }

        # A copy: pipeline binding reuses one $PSBoundParameters for every record.
        $bound = [ordered]@{}
        foreach ($key in $PSBoundParameters.Keys) { $bound[$key] = $PSBoundParameters[$key] }
        $call = [pscustomobject]$bound
        $calls.Add($call)
        $call
    }
}

function Get-AddLMPermissionCall {
    <# .SYNOPSIS What each Add-LMPermission call bound, in order. #>
    $calls.ToArray()
}

function Clear-AddLMPermissionCall {
    <# .SYNOPSIS Forgets the recorded calls (and so the statement ids already "added"). #>
    $calls.Clear()
}

Export-ModuleMember -Function Add-LMPermission, Get-AddLMPermissionCall, Clear-AddLMPermissionCall
