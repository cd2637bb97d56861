using System.Collections.Generic;
using System.Linq;

namespace LambdaPermTools.TestDoubles
{
    /// <summary>One AWS call a fake port received: which service and operation, in which region, with which arguments.</summary>
    public sealed class FakeCall
    {
        public FakeCall(string service, string operation, string region, IReadOnlyDictionary<string, string?> arguments)
        {
            Service = service;
            Operation = operation;
            Region = region;
            Arguments = arguments;
        }

        public string Service { get; }
        public string Operation { get; }
        public string Region { get; }
        public IReadOnlyDictionary<string, string?> Arguments { get; }

        /// <summary>An argument's value, or null when the call did not carry it.</summary>
        public string? this[string name] => Arguments.TryGetValue(name, out var value) ? value : null;

        public override string ToString() =>
            $"{Service}:{Operation}@{Region}(" + string.Join(", ", Arguments.Select(a => $"{a.Key}={a.Value}")) + ")";
    }
}
