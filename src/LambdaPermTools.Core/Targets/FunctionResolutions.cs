using System;
using System.Collections.Generic;
using LambdaPermTools.Arns;

namespace LambdaPermTools.Targets
{
    /// <summary>
    /// The function resolutions of one API's stages, each distinct function reference (after its stage variables) resolved
    /// once, so that every target calling one function shares its ARN strings: a scan holds an API's targets until their
    /// functions are judged, and an API's methods call few functions from many stages.
    /// </summary>
    internal sealed class FunctionResolutions
    {
        private readonly Dictionary<string, FunctionResolution> _resolved = new Dictionary<string, FunctionResolution>(StringComparer.Ordinal);
        private readonly string _apiAccountId;

        public FunctionResolutions(string apiAccountId)
        {
            _apiAccountId = apiAccountId;
        }

        public FunctionResolution For(LambdaUri uri, IReadOnlyDictionary<string, string> variables)
        {
            var unresolved = new List<string>();
            var text = StageVariables.Substitute(uri.FunctionReference, variables, unresolved);
            var key = uri.Partition + "\n" + uri.Region + "\n" + text + "\n" + string.Join("\n", unresolved);
            if (!_resolved.TryGetValue(key, out var resolution))
            {
                resolution = FunctionResolution.Of(text, unresolved, uri, _apiAccountId);
                _resolved[key] = resolution;
            }

            return resolution;
        }
    }
}
