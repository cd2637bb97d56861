using System;
using System.Collections.Generic;

namespace LambdaPermTools.Apis
{
    /// <summary>
    /// The configuration a deployment froze, as its stage's export shows it (docs/aws-rules.md §4.5): resources with their
    /// methods and integrations, and the authorizers its methods use. Resource and authorizer ids come from the current
    /// configuration (the export has none): empty when the current configuration no longer has that path or authorizer name.
    /// </summary>
    public sealed class ApiDeployment
    {
        public string Id { get; set; } = "";
        public IReadOnlyList<ApiResource> Resources { get; set; } = new ApiResource[0];
        public IReadOnlyList<ApiAuthorizer> Authorizers { get; set; } = new ApiAuthorizer[0];

        /// <summary>GetDeployment's createdDate, read only for a deployment the current configuration differs from; else null.</summary>
        public DateTimeOffset? CreatedDate { get; set; }
    }
}
