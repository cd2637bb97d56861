using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>One page: its items and the token of the next page (null or empty at the end).</summary>
    internal sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, string? next)
        {
            Items = items;
            Next = string.IsNullOrEmpty(next) ? null : next;
        }

        public IReadOnlyList<T> Items { get; }
        public string? Next { get; }
    }

    /// <summary>Reads every page. A token seen twice is an error: looping forever or stopping early would both be silent truncation.</summary>
    internal static class Pager
    {
        public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(string service, string operation,
            Func<string?, CancellationToken, Task<Page<T>>> readPage, Action<string>? verbose, CancellationToken cancellationToken)
        {
            var items = new List<T>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            int pages = 0;
            do
            {
                var page = await readPage(token, cancellationToken).ConfigureAwait(false);
                items.AddRange(page.Items);
                pages++;
                if (page.Next != null && !seen.Add(page.Next))
                    throw new AwsServiceException(AwsErrorKind.Service, service, operation, "RepeatedPageToken", 200,
                        $"{service} {operation} returned the page token '{page.Next}' a second time; stopping instead of reading the same pages again.");
                token = page.Next;
            }
            while (token != null);
            if (pages > 1) verbose?.Invoke($"{service} {operation}: {items.Count} items in {pages} pages");
            return items;
        }
    }
}
