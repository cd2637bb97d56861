using System.Reflection;

namespace LambdaPermTools.Aws.Credentials
{
    /// <summary>
    /// Reads AWS Tools credential objects by reflection, whatever AWSSDK.Core build defined their type (3.7.x or 4.x,
    /// in any load context): an AWSCredentials has GetCredentials() → ImmutableCredentials { AccessKey, SecretKey, Token }.
    /// The object is asked again on every request, so refreshing credentials (assumed roles) keep working.
    /// </summary>
    internal sealed class DuckTypedCredentialSource : ICredentialSource
    {
        private readonly object _credentials;

        private DuckTypedCredentialSource(object credentials) => _credentials = credentials;

        /// <summary>A source for an AWSCredentials-like object, or null when the object has no readable keys.</summary>
        public static DuckTypedCredentialSource? TryCreate(object? value)
        {
            value = Unwrap(value);
            if (value == null || Read(value) == null)
            {
                return null;
            }

            return new DuckTypedCredentialSource(value);
        }

        /// <summary>$StoredAWSCredentials (AWSPSCredentials): public GetCredentials() if any, else its internal Credentials property.</summary>
        public static DuckTypedCredentialSource? TryCreateFromStored(object? stored)
        {
            stored = Unwrap(stored);
            if (stored == null)
            {
                return null;
            }

            var direct = TryCreate(stored);
            if (direct != null)
            {
                return direct;
            }

            var inner = stored.GetType().GetProperty("Credentials", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            return inner == null ? null : TryCreate(inner.GetValue(stored));
        }

        public AwsCredentials GetCredentials() =>
            Read(_credentials) ?? throw new System.InvalidOperationException("The credentials object no longer returns keys.");

        private static AwsCredentials? Read(object value)
        {
            var keys = Keys(value);
            if (keys != null)
            {
                return keys;
            }

            var method = value.GetType().GetMethod("GetCredentials", BindingFlags.Instance | BindingFlags.Public, null, System.Type.EmptyTypes, null);
            var immutable = method?.Invoke(value, null);
            return immutable == null ? null : Keys(immutable);
        }

        /// <summary>An ImmutableCredentials-like object: AccessKey, SecretKey and optional Token.</summary>
        private static AwsCredentials? Keys(object value)
        {
            string? accessKey = StringProperty(value, "AccessKey");
            string? secretKey = StringProperty(value, "SecretKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                return null;
            }

            return new AwsCredentials(accessKey!, secretKey!, StringProperty(value, "Token"));
        }

        private static string? StringProperty(object value, string name) =>
            value.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public)?.GetValue(value) as string;

        /// <summary>PowerShell may hand us a PSObject wrapper; its BaseObject is the real object.</summary>
        private static object? Unwrap(object? value)
        {
            if (value?.GetType().FullName == "System.Management.Automation.PSObject")
            {
                return value.GetType().GetProperty("BaseObject")?.GetValue(value);
            }

            return value;
        }
    }
}
