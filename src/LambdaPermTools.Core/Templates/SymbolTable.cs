using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace LambdaPermTools.Templates
{
    /// <summary>Where a symbolic value stands in an ARN, which decides what its stand-in must look like to parse.</summary>
    internal enum SymbolSlot
    {
        /// <summary>A name, id, region or qualifier: lower-case letters and digits.</summary>
        Name,
        /// <summary>A partition: starts with "aws".</summary>
        Partition,
        /// <summary>An account id: 12 digits.</summary>
        Account,
    }

    /// <summary>
    /// Values a template cannot know before deployment (<c>${AWS::Region}</c>, the id of <c>MyApi</c>, a generated function
    /// name) stay symbolic: each gets a stand-in that the engine can parse in its slot and that no text of the template
    /// contains, so it matches only itself (and wildcards), never a literal. <see cref="Decode"/> turns stand-ins back
    /// into the CloudFormation form (<c>${AWS::Region}</c>, <c>${MyApi}</c>) for output. A symbol is opaque when its
    /// structure is unknown (a nested stack's output, a custom resource's attribute): used where structure matters, such
    /// a value is unresolved.
    /// </summary>
    internal sealed class SymbolTable
    {
        private readonly string _marker;
        private readonly string _text;
        private readonly Dictionary<string, string> _byDisplay = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _display = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _opaque = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _accounts = new List<string>();
        private Regex? _standIn;
        private long _nextAccount;

        /// <param name="text">Every text the values can come from (the template and the caller's concrete values): no stand-in occurs in it.</param>
        public SymbolTable(string text)
        {
            _text = text;
            var k = 0;
            do
            {
                _marker = "zq" + k.ToString(CultureInfo.InvariantCulture);
                k++;
            }
            while (text.IndexOf(_marker, StringComparison.OrdinalIgnoreCase) >= 0);
        }

        /// <summary>
        /// The stand-in for a symbolic value: the same display (or <paramref name="identity"/>, for distinct values that
        /// display alike) always gives the same stand-in.
        /// </summary>
        public string Symbol(string display, SymbolSlot slot = SymbolSlot.Name, bool opaque = false, string? identity = null)
        {
            var key = slot + "|" + (identity ?? display);
            if (_byDisplay.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var name = _marker + "x" + _display.Count.ToString(CultureInfo.InvariantCulture) + "y";
            var standIn = slot == SymbolSlot.Partition ? "aws-" + name : slot == SymbolSlot.Account ? NextAccount() : name;
            _byDisplay[key] = standIn;
            _display[standIn] = display;
            if (opaque)
            {
                _opaque.Add(standIn);
            }

            return standIn;
        }

        /// <summary>True when the value holds any stand-in.</summary>
        public bool IsSymbolic(string? value) =>
            value != null && (value.IndexOf(_marker, StringComparison.Ordinal) >= 0 || _accounts.Any(a => value.IndexOf(a, StringComparison.Ordinal) >= 0));

        /// <summary>True when the value holds a stand-in of unknown structure.</summary>
        public bool IsOpaque(string? value) => value != null && _opaque.Any(o => value.IndexOf(o, StringComparison.Ordinal) >= 0);

        /// <summary>The value with every stand-in replaced by its CloudFormation form.</summary>
        public string Decode(string? value)
        {
            if (string.IsNullOrEmpty(value) || !IsSymbolic(value))
            {
                return value ?? "";
            }

            _standIn ??= new Regex("(?:aws-)?" + Regex.Escape(_marker) + "x[0-9]+y", RegexOptions.CultureInvariant);
            var output = _standIn.Replace(value!, m => _display.TryGetValue(m.Value, out var display) ? display : m.Value);
            foreach (var account in _accounts)
            {
                output = output.Replace(account, _display[account]);
            }

            return output;
        }

        private string NextAccount()
        {
            string candidate;
            do
            {
                candidate = _nextAccount.ToString("D12", CultureInfo.InvariantCulture);
                _nextAccount++;
            }
            while (_text.IndexOf(candidate, StringComparison.Ordinal) >= 0);

            _accounts.Add(candidate);
            return candidate;
        }
    }
}
