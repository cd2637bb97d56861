using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace LambdaPermTools.Reporting
{
    /// <summary>
    /// Findings as a JUnit XML report for CI (Azure DevOps "Publish Test Results", Jenkins' junit step): one test case per
    /// finding, failed when Denied, skipped when Unknown, passed when Allowed, with the Reason as the message. One test
    /// suite per template file (or per REST API for live findings), in the order the findings came.
    /// </summary>
    public static class JUnitReport
    {
        public static string Write(IReadOnlyList<PermissionFinding> findings)
        {
            var text = new StringBuilder();
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
            using (var xml = XmlWriter.Create(new Utf8StringWriter(text), settings))
            {
                xml.WriteStartElement("testsuites");
                xml.WriteAttributeString("name", "LambdaPermTools");
                Counts(xml, findings);
                foreach (var suite in findings.GroupBy(Suite))
                {
                    xml.WriteStartElement("testsuite");
                    xml.WriteAttributeString("name", Clean(suite.Key));
                    Counts(xml, suite.ToList());
                    foreach (var finding in suite)
                    {
                        TestCase(xml, suite.Key, finding);
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            return text.ToString();
        }

        private static void TestCase(XmlWriter xml, string suite, PermissionFinding finding)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", Clean(suite));
            xml.WriteAttributeString("name", Clean(Name(finding)));
            xml.WriteAttributeString("time", "0");
            var reason = Clean(finding.Reason);
            if (finding.Status == PermissionStatus.Denied)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", reason);
                xml.WriteAttributeString("type", finding.Cause.ToString());
                xml.WriteString(reason);
                xml.WriteEndElement();
            }
            else if (finding.Status == PermissionStatus.Unknown)
            {
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", reason);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void Counts(XmlWriter xml, IReadOnlyCollection<PermissionFinding> findings)
        {
            xml.WriteAttributeString("tests", findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", findings.Count(f => f.Status == PermissionStatus.Denied).ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", findings.Count(f => f.Status == PermissionStatus.Unknown).ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("time", "0");
        }

        private static string Suite(PermissionFinding finding) =>
            finding.TemplatePath.Length > 0 ? finding.TemplatePath
            : finding.LogicalId.Length > 0 ? "template"
            : finding.RestApiName.Length > 0 ? $"{finding.RestApiName} ({finding.GrantApiId})" : finding.GrantApiId;

        /// <summary>"prod GET /pets/{id} (GetPetMethod) → arn:…:function:pets", "prod authorizer 'token' → …".</summary>
        private static string Name(PermissionFinding finding)
        {
            var what = finding.Kind == TargetKind.Authorizer
                ? $"authorizer '{finding.AuthorizerName}'"
                : finding.RouteKey.Length > 0 ? finding.RouteKey : $"{finding.HttpMethod} {finding.ResourcePath}";
            var logical = finding.LogicalId.Length > 0 ? $" ({finding.LogicalId})" : "";
            var function = finding.FunctionArn.Length > 0 ? finding.FunctionArn : finding.IntegrationUri;
            return $"{finding.StageName} {what}{logical} → {function}";
        }

        // XML 1.0 cannot hold most control characters, even escaped: a reason quoting a template value might.
        private static string Clean(string text) =>
            new string(text.Select(c => c == '\t' || c == '\n' || c == '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF') ? c : '?').ToArray());

        private sealed class Utf8StringWriter : StringWriter
        {
            public Utf8StringWriter(StringBuilder builder)
                : base(builder, System.Globalization.CultureInfo.InvariantCulture)
            {
            }

            public override Encoding Encoding => new UTF8Encoding(false);
        }
    }
}
