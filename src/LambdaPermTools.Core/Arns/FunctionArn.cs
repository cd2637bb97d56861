using System;

namespace LambdaPermTools.Arns
{
    /// <summary>
    /// A Lambda function reference: <c>arn:{partition}:lambda:{region}:{account}:function:{name}[:{qualifier}]</c>.
    /// Also parses the partial forms Lambda accepts (<c>{account}:function:{name}[:q]</c>, <c>{name}[:q]</c>)
    /// when the missing parts are supplied as defaults.
    /// </summary>
    public sealed class FunctionArn
    {
        /// <summary>The qualifier that cannot carry a resource policy (docs/aws-rules.md §3.1).</summary>
        public const string Latest = "$LATEST";

        private FunctionArn(string partition, string region, string accountId, string name, string? qualifier)
        {
            Partition = partition;
            Region = region;
            AccountId = accountId;
            Name = name;
            Qualifier = qualifier;
            Unqualified = $"arn:{Partition}:lambda:{Region}:{AccountId}:function:{Name}";
            Qualified = Qualifier == null ? Unqualified : Unqualified + ":" + Qualifier;
        }

        public string Partition { get; }
        public string Region { get; }
        public string AccountId { get; }
        public string Name { get; }

        /// <summary>Alias, version or <c>$LATEST</c>; null when unqualified.</summary>
        public string? Qualifier { get; }

        /// <summary>The unqualified ARN (the policy's function; Add-LMPermission -FunctionName).</summary>
        public string Unqualified { get; }

        /// <summary>The ARN exactly as invoked: with the qualifier when there is one.</summary>
        public string Qualified { get; }

        /// <summary>
        /// $LATEST: a qualifier that cannot carry a resource policy. $LATEST.PUBLISHED is judged like any qualifier, by its own
        /// policy: whether it can carry one is unconfirmed, so only AddPermission's refusal would say it cannot (docs/aws-rules.md §3.1).
        /// </summary>
        public static bool IsLatestQualifier(string? qualifier) => string.Equals(qualifier, Latest, StringComparison.Ordinal);

        public override string ToString() => Qualified;

        /// <summary>The function's name in an unqualified ARN (its last part), for short messages; the text itself when it has no ':'.</summary>
        public static string NameOf(string unqualifiedArn) => unqualifiedArn.Substring(unqualifiedArn.LastIndexOf(':') + 1);

        /// <summary>Parses a full ARN; partial ARNs and bare names need <paramref name="defaults"/>.</summary>
        /// <exception cref="ArnFormatException">The text is not a function reference.</exception>
        public static FunctionArn Parse(string? text, FunctionDefaults? defaults = null)
        {
            if (string.IsNullOrEmpty(text))
            {
                throw new ArnFormatException(text ?? "", "is empty; expected a Lambda function ARN.");
            }

            var parts = text!.Split(':');
            if (parts[0] == "arn")
            {
                return ParseFull(text, parts);
            }

            if (parts.Length >= 3 && parts[1] == "function")
            {
                return FromDefaults(text, defaults, "a partial ARN", a => a.WithAccount(parts[0]), parts, 2);
            }

            return FromDefaults(text, defaults, "a bare function name", a => a, parts, 0);
        }

        /// <summary>Like <see cref="Parse"/> but reports failure as false (and the reason) instead of throwing.</summary>
        public static bool TryParse(string? text, FunctionDefaults? defaults, out FunctionArn? arn, out string? problem)
        {
            try
            {
                arn = Parse(text, defaults);
                problem = null;
                return true;
            }
            catch (ArnFormatException e)
            {
                arn = null;
                problem = e.Message;
                return false;
            }
        }

        private static FunctionArn ParseFull(string text, string[] parts)
        {
            if (parts.Length < 7 || parts.Length > 8)
            {
                throw new ArnFormatException(text, "is not a function ARN: expected arn:{partition}:lambda:{region}:{account}:function:{name}[:{qualifier}].");
            }

            if (parts[2] != "lambda" || parts[5] != "function")
            {
                throw new ArnFormatException(text, "is not a Lambda function ARN (the service must be 'lambda' and the resource type 'function').");
            }

            Require(text, ArnSyntax.IsPartition(parts[1]), "has an invalid partition (expected aws, aws-cn, aws-us-gov, …).");
            Require(text, ArnSyntax.IsRegion(parts[3]), "has an invalid region.");
            Require(text, ArnSyntax.IsAccountId(parts[4]), "has an invalid account id (expected 12 digits).");
            return Build(text, parts[1], parts[3], parts[4], parts[6], parts.Length == 8 ? parts[7] : null);
        }

        private static FunctionArn FromDefaults(string text, FunctionDefaults? defaults, string form, Func<FunctionDefaults, FunctionDefaults> adjust, string[] parts, int nameIndex)
        {
            if (defaults == null)
            {
                throw new ArnFormatException(text, $"is {form}; a full function ARN is needed here.");
            }

            var rest = parts.Length - nameIndex;
            if (rest < 1 || rest > 2)
            {
                throw new ArnFormatException(text, $"is not a function name: expected {{name}} or {{name}}:{{qualifier}}.");
            }

            var d = adjust(defaults);
            Require(text, ArnSyntax.IsAccountId(d.AccountId), "has an invalid account id (expected 12 digits).");
            return Build(text, d.Partition, d.Region, d.AccountId, parts[nameIndex], rest == 2 ? parts[nameIndex + 1] : null);
        }

        private static FunctionArn Build(string text, string partition, string region, string account, string name, string? qualifier)
        {
            Require(text, ArnSyntax.IsFunctionName(name), "has an invalid function name (1-64 of A-Z a-z 0-9 - _).");
            Require(text, qualifier == null || ArnSyntax.IsQualifier(qualifier), "has an invalid qualifier (alias, version or $LATEST).");
            return new FunctionArn(partition, region, account, name, qualifier);
        }

        private static void Require(string text, bool condition, string problem)
        {
            if (!condition)
            {
                throw new ArnFormatException(text, problem);
            }
        }
    }

}
