using System.Collections.Generic;

namespace LambdaPermTools.Apis
{
    /// <summary>A resource with its embedded methods.</summary>
    public sealed class ApiResource
    {
        public string Id { get; set; } = "";
        /// <summary>The template path, e.g. "/pets/{id}"; "/" for the root.</summary>
        public string Path { get; set; } = "";
        public IReadOnlyList<ApiMethod> Methods { get; set; } = new ApiMethod[0];
    }
}
