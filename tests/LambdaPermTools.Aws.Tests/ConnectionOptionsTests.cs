using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>
    /// One connection value: the cmdlets group piped records by it and the completers cache by it, so two connections
    /// that differ in anything that picks credentials, region or endpoint must never compare equal, and the same
    /// connection must, whatever its diagnostics callbacks.
    /// </summary>
    public class ConnectionOptionsTests
    {
        private static readonly string[] Diagnostics = { nameof(ConnectionOptions.WriteDebug), nameof(ConnectionOptions.WriteVerbose) };

        private static ConnectionOptions Full(object credential, object stored, IReadOnlyDictionary<string, string> environment) => new ConnectionOptions
        {
            Region = "eu-west-1",
            ProfileName = "ops",
            ProfileLocation = "/tmp/credentials",
            AccessKey = "AKIDEXAMPLE",
            SecretKey = "not-a-secret",
            SessionToken = "token",
            Credential = credential,
            EndpointUrl = "http://127.0.0.1:1",
            StoredCredentials = stored,
            StoredRegion = "us-east-1",
            Environment = environment,
        };

        [Fact]
        public void SameFieldsAreOneConnectionWhateverTheDiagnostics()
        {
            object credential = new object(), stored = new object();
            var environment = new Dictionary<string, string>();
            var a = Full(credential, stored, environment);
            var b = Full(credential, stored, environment);
            b.WriteDebug = _ => { };
            b.WriteVerbose = _ => { };

            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.Equal(new ConnectionOptions(), new ConnectionOptions());
        }

        [Fact]
        public void EveryOtherFieldTellsConnectionsApart()
        {
            var fields = typeof(ConnectionOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && !Diagnostics.Contains(p.Name)).ToList();
            Assert.Equal(11, fields.Count);
            foreach (var field in fields)
            {
                object credential = new object(), stored = new object();
                var environment = new Dictionary<string, string>();
                var changed = Full(credential, stored, environment);
                field.SetValue(changed, Other(field.PropertyType));
                Assert.False(Full(credential, stored, environment).Equals(changed), $"{field.Name} is not compared");
            }
        }

        [Fact]
        public void CredentialObjectsCompareByIdentity()
        {
            // Two credential objects may hold different keys behind equal-looking values: only the same object is the same connection.
            Assert.NotEqual(new ConnectionOptions { Credential = "same text" }, new ConnectionOptions { Credential = new string("same text".ToCharArray()) });
            Assert.NotEqual(new ConnectionOptions { StoredCredentials = new object() }, new ConnectionOptions { StoredCredentials = new object() });
        }

        private static object Other(Type type) =>
            type == typeof(string) ? "other" : type == typeof(object) ? new object() : new Dictionary<string, string>();
    }
}
