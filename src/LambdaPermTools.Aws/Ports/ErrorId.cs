namespace LambdaPermTools.Aws.Ports
{
    /// <summary>
    /// Every ErrorId the module writes, in one place: stable public API (cmdlet-contract.md, docs/powershell-rules.md §9.2).
    /// Thrown or returned as data by the AWS layer and the cmdlets' binding, turned into ErrorRecords by the cmdlets.
    /// </summary>
    public enum ErrorId
    {
        // No connection can be made (terminating).
        NoCredentials,
        ProfileNotFound,
        SsoTokenExpired,
        NoRegion,
        InvalidRegion,
        InvalidEndpoint,

        // Whole-call parameters that cannot work (terminating, before any AWS call).
        InvalidRestApiId,
        InvalidApiId,
        InputObjectNotRestApi,
        NoSelection,
        InvalidUri,
        InvalidHttpMethod,
        InvalidTimeWindow,

        // Test-ApiLambdaPermissionTemplate and -JUnitPath: files that cannot be read, parsed or written.
        PathNotFound,
        TemplateReadError,
        TemplateParseError,
        NotATemplate,
        TemplateFindingFormat,
        JUnitPathNotFound,
        JUnitWriteFailed,

        // Per item (non-terminating): what could not be read or changed.
        RestApiNotFound,
        StageNotFound,
        ApiNotFound,
        FunctionNotFound,
        AccessDenied,
        Throttled,
        ServiceError,
        UnsafeGrant,
        CrossAccountFunction,
        PolicyChangedConcurrently,
        PolicyTooLarge,
        PagingLimit,
        Timeout,
        GrantInUse,
        WholeDocumentPolicy,
        RouteNotFound,
        DomainNotFound,
        LogGroupNotFound,

        // Test-ApiLambdaPermission -FailOnDenied (terminating, after every finding).
        DeniedTargetsFound,
    }
}
