using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Runs;

namespace LambdaPermTools.Binding
{
    /// <summary>
    /// An API id (REST, HTTP or WebSocket) is letters and digits (AWS: 10 of them, e.g. a1b2c3d4e5). Anything else (an ARN,
    /// an invoke URL, a name with spaces or dashes, '../') can never be found: an invalid argument, reported before any AWS
    /// call, whose target is the id itself, however it came (PowerShell may bind a record's RestApiId to -RestApiId or,
    /// through <see cref="RestApiReference"/>, to -InputObject).
    /// </summary>
    internal static class ApiIdCheck
    {
        private static readonly Regex Pattern = new Regex("^[A-Za-z0-9]+$", RegexOptions.CultureInvariant);

        public static bool IsWellFormed(string id) => Pattern.IsMatch(id);

        /// <summary>Adds each item whose id is well formed; one error per other item.</summary>
        public static List<RunError> AddEach<T>(IEnumerable<T> items, Func<T, string> id, Action<T> add, Func<string, RunError> invalid)
        {
            var errors = new List<RunError>();
            foreach (var item in items)
            {
                if (IsWellFormed(id(item)))
                {
                    add(item);
                }
                else
                {
                    errors.Add(invalid(id(item)));
                }
            }

            return errors;
        }

        public static RunError InvalidRestApiId(string id) =>
            new RunError(ErrorId.InvalidRestApiId, $"'{id}' is not a REST API id: an id is letters and digits only, such as 'a1b2c3d4e5'.", id,
                "Pass the API's id as Get-AGRestApiList shows it (property Id), or the part before '.execute-api.' in its invoke URL.");

        public static RunError InvalidV2ApiId(string id) =>
            new RunError(ErrorId.InvalidApiId, $"'{id}' is not an HTTP or WebSocket API id: an id is letters and digits only, such as 'a1b2c3d4e5'.", id,
                "Pass the API's id as Get-AG2ApiList shows it (property ApiId), or the part before '.execute-api.' in its endpoint.");
    }
}
