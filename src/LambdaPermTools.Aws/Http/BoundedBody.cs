using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>A response body read with a cap: never more than the cap (plus one byte, to know there was more) is held.</summary>
    internal sealed class BoundedBody
    {
        private BoundedBody(byte[] bytes, int length, bool cut, long? declaredLength)
        {
            Bytes = bytes;
            Length = length;
            Cut = cut;
            DeclaredLength = declaredLength;
        }

        public byte[] Bytes { get; }
        public int Length { get; }
        /// <summary>The body was longer than the cap; only its first bytes were read.</summary>
        public bool Cut { get; }
        /// <summary>Content-Length, when the server sent one.</summary>
        public long? DeclaredLength { get; }

        public string Text => AwsResponse.BodyText(Bytes, Length);

        /// <summary>The body as one array of exactly its length (for parsing).</summary>
        public byte[] ToArray()
        {
            if (Bytes.Length == Length)
            {
                return Bytes;
            }

            var exact = new byte[Length];
            Buffer.BlockCopy(Bytes, 0, exact, 0, Length);
            return exact;
        }

        /// <summary>A body declared larger than the cap, refused unread.</summary>
        public static BoundedBody Refused(long declaredLength) => new BoundedBody(new byte[0], 0, true, declaredLength);

        public static async Task<BoundedBody> ReadAsync(HttpContent content, long cap, CancellationToken cancellationToken)
        {
            long? declared = content.Headers.ContentLength;
            var buffer = new MemoryStream(declared is long d && d <= cap ? (int)d : (int)Math.Min(cap, 16 * 1024));
            var chunk = new byte[16 * 1024];
            bool cut = false;
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                while (true)
                {
                    int wanted = (int)Math.Min(chunk.Length, cap + 1 - buffer.Length);
                    int read = await stream.ReadAsync(chunk, 0, wanted, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    if (buffer.Length + read > cap)
                    {
                        buffer.Write(chunk, 0, (int)(cap - buffer.Length));
                        cut = true;
                        break;
                    }
                    buffer.Write(chunk, 0, read);
                }
            }
            return new BoundedBody(buffer.GetBuffer(), (int)buffer.Length, cut, declared);
        }
    }
}
