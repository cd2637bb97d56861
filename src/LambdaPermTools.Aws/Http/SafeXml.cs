using System.IO;
using System.Xml;
using System.Xml.Linq;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>XML as AWS sends it: no DTD (so no entity expansion), nothing fetched from elsewhere.</summary>
    internal static class SafeXml
    {
        private static readonly XmlReaderSettings Settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };

        public static XDocument Parse(string text)
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            return XDocument.Load(reader);
        }

        public static XDocument Load(byte[] bytes)
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, false), Settings);
            return XDocument.Load(reader);
        }
    }
}
