using System.Collections.Generic;

namespace LambdaPermTools.Requests
{
    /// <summary>
    /// A custom domain's routing rule (API Gateway v2 ListRoutingRules item): every condition must hold (up to two
    /// header conditions, each an any-of list, and one base-path any-of list); the action invokes one stage of one
    /// REST API, with or without the matched base path stripped. Rules are tried by ascending priority.
    /// </summary>
    public sealed class RoutingRule
    {
        public string RuleId { get; set; } = "";
        public int Priority { get; set; }
        /// <summary>Each inner list is one matchHeaders condition (any of its entries); the conditions are ANDed.</summary>
        public IReadOnlyList<IReadOnlyList<HeaderCondition>> HeaderConditions { get; set; } = new IReadOnlyList<HeaderCondition>[0];
        /// <summary>matchBasePaths.anyOf; empty means no base-path condition.</summary>
        public IReadOnlyList<string> BasePaths { get; set; } = new string[0];
        public string RestApiId { get; set; } = "";
        public string Stage { get; set; } = "";
        public bool StripBasePath { get; set; }
    }
}
