using System;

namespace LambdaPermTools.Arns
{
    /// <summary>Classifies a credentials value and, for a role, splits out its account and name.</summary>
    public sealed class CredentialsArn
    {
        private CredentialsArn(CredentialsKind kind, string text, string accountId, string roleName)
        {
            Kind = kind;
            Text = text;
            AccountId = accountId;
            RoleName = roleName;
        }

        public CredentialsKind Kind { get; }
        public string Text { get; }

        /// <summary>The role's account (Role only, else empty).</summary>
        public string AccountId { get; }

        /// <summary>The role's name without its path, as GetRole takes it (Role only, else empty).</summary>
        public string RoleName { get; }

        /// <summary>Never throws: unusable text is <see cref="CredentialsKind.Invalid"/>.</summary>
        public static CredentialsArn Classify(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return new CredentialsArn(CredentialsKind.None, "", "", "");
            }

            var parts = text!.Split(new[] { ':' }, ArnPattern.ComponentCount);
            var isIam = parts.Length == ArnPattern.ComponentCount && parts[0] == "arn" && ArnSyntax.IsPartition(parts[1])
                && parts[2] == "iam" && parts[3].Length == 0;
            if (isIam && parts[4] == "*" && parts[5] == "user/*")
            {
                return new CredentialsArn(CredentialsKind.CallerPassthrough, text, "", "");
            }

            const string rolePrefix = "role/";
            if (isIam && ArnSyntax.IsAccountId(parts[4]) && parts[5].StartsWith(rolePrefix, StringComparison.Ordinal))
            {
                var name = parts[5].Substring(parts[5].LastIndexOf('/') + 1);
                if (name.Length > 0)
                {
                    return new CredentialsArn(CredentialsKind.Role, text, parts[4], name);
                }
            }

            return new CredentialsArn(CredentialsKind.Invalid, text, "", "");
        }
    }
}
