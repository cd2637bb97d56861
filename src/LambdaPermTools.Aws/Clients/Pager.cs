using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Clients
{
    /// <summary>One page: its items, the token of the next page (null or empty at the end) and its size on the wire.</summary>
    internal sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, string? next, int bytes)
        {
            Items = items;
            Next = string.IsNullOrEmpty(next) ? null : next;
            Bytes = bytes;
        }

        public IReadOnlyList<T> Items { get; }
        public string? Next { get; }
        public int Bytes { get; }
    }

    /// <summary>
    /// Reads every page of a listing, within <see cref="ReadLimits"/>. A listing that does not end (too many pages, items
    /// or bytes, a page token seen twice, pages in a row that bring no new item) fails with <see cref="AwsErrorKind.PagingLimit"/>:
    /// looping on or stopping early would both be silent truncation. An item read twice (a listing that shifted) is kept once.
    /// </summary>
    internal static class Pager
    {
        public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(ServiceCaller caller, string operation, Func<T, string> key,
            Func<string?, CancellationToken, Task<Page<T>>> readPage, CancellationToken cancellationToken)
        {
            var limits = caller.Limits;
            var items = new List<T>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var tokens = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            int pages = 0, barren = 0;
            long bytes = 0;
            while (true)
            {
                var page = await readPage(token, cancellationToken).ConfigureAwait(false);
                pages++;
                bytes += page.Bytes;
                int added = 0;
                foreach (var item in page.Items)
                {
                    if (keys.Add(key(item)))
                    { items.Add(item); added++; }
                }

                if (page.Next == null)
                {
                    break;
                }

                if (items.Count > limits.MaxItems)
                {
                    throw Limit(caller, operation, "TooManyItems", $"more than {Count(limits.MaxItems)} items in {Count(pages)} pages, and still a next page");
                }

                if (bytes > limits.MaxListingBytes)
                {
                    throw Limit(caller, operation, "TooManyBytes", $"more than {Count(limits.MaxListingBytes)} bytes in {Count(pages)} pages, and still a next page");
                }

                if (!tokens.Add(page.Next))
                {
                    throw Limit(caller, operation, "RepeatedPageToken", $"the page token '{caller.Shown(page.Next)}' a second time (page {Count(pages)})");
                }

                barren = added == 0 ? barren + 1 : 0;
                if (barren >= limits.MaxBarrenPages)
                {
                    throw Limit(caller, operation, "NoNewItems", $"{barren} pages in a row without a new item, and still a next page (page {Count(pages)})");
                }

                if (pages >= limits.MaxPages)
                {
                    throw Limit(caller, operation, "TooManyPages", $"{Count(pages)} pages, and still a next page");
                }

                token = page.Next;
            }
            if (pages > 1)
            {
                caller.Verbose($"{caller.Service.DisplayName} {operation}: {items.Count} items in {pages} pages");
            }

            return items;
        }

        private static AwsServiceException Limit(ServiceCaller caller, string operation, string code, string what) =>
            caller.Error(AwsErrorKind.PagingLimit, operation, code, 200,
                $"{caller.Service.DisplayName} {operation} returned {what}: a listing that does not end, so it was stopped and none of it is used.");

        private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }
}
