namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// How much the module reads from a server before it stops: each far above what a real account produces, so that a
    /// server that lies (endless pages, huge bodies) costs bounded time and memory. README "Safety" lists them.
    /// </summary>
    internal sealed class ReadLimits
    {
        public static readonly ReadLimits Default = new ReadLimits();

        /// <summary>A successful response larger than this is refused (a page of 500 API Gateway resources with their methods is well under 1 MB).</summary>
        public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

        /// <summary>An error body is read up to this much; AWS's error bodies are a few hundred bytes.</summary>
        public int MaxErrorBodyBytes { get; set; } = 64 * 1024;

        /// <summary>Server text (a message, a code, a page token) shown in a message is cut to this many characters.</summary>
        public int MaxShownChars { get; set; } = 4096;

        /// <summary>Pages of one listing: real listings take a handful (API Gateway pages hold 500 items).</summary>
        public int MaxPages { get; set; } = 10000;

        /// <summary>Items of one listing: over 30 times API Gateway's published default quotas (600 REST APIs per region, 300 resources per API).</summary>
        public int MaxItems { get; set; } = 20000;

        /// <summary>Bytes of all pages of one listing together, which bounds what its items can hold in memory.</summary>
        public long MaxListingBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>Pages in a row that bring no new item (empty, or only items already read) before the listing is given up.</summary>
        public int MaxBarrenPages { get; set; } = 3;
    }
}
