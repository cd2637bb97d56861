using System;
using System.Collections.Generic;
using System.Linq;
using LambdaPermTools.Evaluation;

namespace LambdaPermTools.Templates
{
    /// <summary>
    /// The resource policies a template gives its functions: per function and qualifier, the statements of its certain
    /// grants. A function the template declares and grants nothing has no policy; one it does not declare has only what
    /// the template grants it (or nothing known).
    /// </summary>
    internal sealed class TemplatePolicies
    {
        private readonly Dictionary<(string Function, string? Qualifier), string> _documents;
        private readonly HashSet<string> _declared;

        public TemplatePolicies(IEnumerable<TemplateModel.Grant> certain, HashSet<string> declared)
            : this(certain.GroupBy(g => (g.FunctionName!, g.Qualifier)).ToDictionary(g => g.Key, g => Document(g.SelectMany(x => x.Statements))), declared)
        {
        }

        private TemplatePolicies(Dictionary<(string, string?), string> documents, HashSet<string> declared)
        {
            _documents = documents;
            _declared = declared;
        }

        public bool Declares(string function) => _declared.Contains(function);

        /// <summary>The same policies with every occurrence of some texts replaced (stand-ins made concrete).</summary>
        public TemplatePolicies Replaced(Func<string, string> replace) => new TemplatePolicies(
            _documents.ToDictionary(p => (replace(p.Key.Function), p.Key.Qualifier), p => replace(p.Value)),
            new HashSet<string>(_declared.Select(replace), StringComparer.Ordinal));

        /// <summary>The evidence the engine needs for these targets.</summary>
        public EvidenceSet EvidenceFor(IEnumerable<IntegrationTarget> targets)
        {
            var evidence = new EvidenceSet();
            foreach (var need in EvidenceNeeds.For(targets).Policies)
            {
                if (_documents.TryGetValue((need.Key, need.Value), out var json))
                {
                    evidence.AddPolicy(need.Key, need.Value, new PolicyLookup { Status = LookupStatus.Found, PolicyJson = json });
                }
                else if (_declared.Contains(need.Key))
                {
                    evidence.AddPolicy(need.Key, need.Value, new PolicyLookup { Status = LookupStatus.NoPolicy });
                }
            }

            return evidence;
        }

        private static string Document(IEnumerable<string> statements) => "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";
    }
}
