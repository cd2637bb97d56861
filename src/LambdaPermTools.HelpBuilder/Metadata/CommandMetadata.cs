using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.HelpBuilder.Metadata
{
    /// <summary>What the compiled code says about one cmdlet: the facts help must not contradict.</summary>
    public sealed record CommandMetadata(
        string Name,
        string Verb,
        string Noun,
        bool SupportsShouldProcess,
        IReadOnlyList<ParameterMetadata> Parameters,
        IReadOnlyList<string> OutputTypes,
        string? DefaultParameterSetName = null)
    {
        /// <summary>
        /// The parameter sets in the order Get-Help shows them: the default set, then sets with a positional
        /// parameter (the everyday form, such as "-RestApiId"), then the rest in order of first appearance;
        /// one unnamed set when the cmdlet declares none.
        /// </summary>
        public IReadOnlyList<string> ParameterSetNames
        {
            get
            {
                var named = Parameters.SelectMany(p => p.Sets)
                    .Where(s => s.SetName != ParameterSetMetadata.AllSets)
                    .GroupBy(s => s.SetName)
                    .OrderBy(g => g.Key == DefaultParameterSetName ? 0 : g.Any(s => s.Position.HasValue) ? 1 : 2)
                    .Select(g => g.Key)
                    .ToList();
                return named.Count == 0 ? new[] { ParameterSetMetadata.AllSets } : named;
            }
        }

        /// <summary>The parameters usable in one set, positional first (by position), then mandatory, then the rest in declaration order.</summary>
        public IReadOnlyList<(ParameterMetadata Parameter, ParameterSetMetadata Set)> ParametersOfSet(string setName) =>
            Parameters
                .Select(p => (Parameter: p, Set: p.Sets.FirstOrDefault(s => s.SetName == setName) ?? p.Sets.FirstOrDefault(s => s.SetName == ParameterSetMetadata.AllSets)))
                .Where(x => x.Set != null)
                .Select(x => (x.Parameter, Set: x.Set!))
                .OrderBy(x => x.Set.Position ?? int.MaxValue)
                .ThenBy(x => x.Set.Mandatory ? 0 : 1)
                .ToList();
    }

    /// <summary>One cmdlet parameter: its .NET type and its role in each parameter set.</summary>
    public sealed record ParameterMetadata(
        string Name,
        string TypeFullName,
        string TypeDisplayName,
        bool IsSwitch,
        IReadOnlyList<string> Aliases,
        IReadOnlyList<ParameterSetMetadata> Sets)
    {
        public bool MandatoryEverywhere => Sets.All(s => s.Mandatory);

        /// <summary>The same position in every set, else null (named).</summary>
        public int? CommonPosition => Sets.Select(s => s.Position).Distinct().Count() == 1 ? Sets[0].Position : null;

        public bool FromPipelineByValue => Sets.Any(s => s.ValueFromPipeline);

        public bool FromPipelineByPropertyName => Sets.Any(s => s.ValueFromPipelineByPropertyName);
    }

    /// <summary>One [Parameter] attribute: how the parameter binds in one set.</summary>
    public sealed record ParameterSetMetadata(
        string SetName,
        bool Mandatory,
        int? Position,
        bool ValueFromPipeline,
        bool ValueFromPipelineByPropertyName)
    {
        /// <summary>PowerShell's name for "every parameter set".</summary>
        public const string AllSets = "__AllParameterSets";
    }
}
