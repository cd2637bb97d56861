using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using LambdaPermTools.Aws.Credentials;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Signing;
using LambdaPermTools.Aws.Tests.Support;

namespace LambdaPermTools.Aws.Tests
{
    /// <summary>Our SigV4 signer must produce exactly botocore's Authorization header (fixed date and keys).</summary>
    public class SigV4BotocoreTests
    {
        private const string Botocore = @"
import sys, json, datetime
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
out = []
for c in json.load(sys.stdin):
    fixed = datetime.datetime.strptime(c['timestamp'], '%Y%m%dT%H%M%SZ')
    botocore.auth.get_current_datetime = lambda: fixed
    req = AWSRequest(method=c['method'], url=c['url'], headers=c['headers'], data=c['body'].encode('utf-8'))
    botocore.auth.SigV4Auth(Credentials(c['access'], c['secret'], c['token']), c['service'], c['region']).add_auth(req)
    out.append(req.headers['Authorization'])
print(json.dumps(out))
";

        private sealed record Case(string Method, string Endpoint, AwsRequest Request, string Service, string Region, string? Token);

        private static IEnumerable<Case> Cases()
        {
            yield return new Case("GET", "https://apigateway.us-east-1.amazonaws.com",
                new AwsRequest("GetResources", System.Net.Http.HttpMethod.Get, "restapis", "a1b2c3", "resources")
                    .WithQuery("embed", "methods").WithQuery("limit", "500").WithQuery("position", "ab+c/d=="),
                "apigateway", "us-east-1", null);
            yield return new Case("GET", "https://lambda.eu-west-1.amazonaws.com",
                new AwsRequest("GetPolicy", System.Net.Http.HttpMethod.Get, "2015-03-31", "functions", "arn:aws:lambda:eu-west-1:111122223333:function:my-fn:live", "policy")
                    .WithQuery("Qualifier", "live"),
                "lambda", "eu-west-1", null);
            yield return new Case("POST", "https://lambda.us-west-2.amazonaws.com",
                new AwsRequest("AddPermission", System.Net.Http.HttpMethod.Post, "2015-03-31", "functions", "my-fn", "policy")
                    .WithBody("{\"StatementId\":\"s1\",\"Action\":\"lambda:InvokeFunction\",\"Principal\":\"apigateway.amazonaws.com\",\"SourceArn\":\"arn:aws:execute-api:us-west-2:111122223333:abc/*/GET/pets\"}", "application/json"),
                "lambda", "us-west-2", null);
            yield return new Case("GET", "https://sts.cn-north-1.amazonaws.com.cn",
                new AwsRequest("GetCallerIdentity", System.Net.Http.HttpMethod.Get).WithQuery("Action", "GetCallerIdentity").WithQuery("Version", "2011-06-15"),
                "sts", "cn-north-1", "FwoGZXIvYXdzEXAMPLETOKEN//+==");
            yield return new Case("POST", "http://127.0.0.1:4566",
                new AwsRequest("GetRole", System.Net.Http.HttpMethod.Post)
                    .WithBody("Action=GetRole&Version=2010-05-08&RoleName=my%20role", "application/x-www-form-urlencoded; charset=utf-8"),
                "iam", "us-east-1", null);
            yield return new Case("DELETE", "https://lambda.us-gov-west-1.amazonaws.com:8443",
                new AwsRequest("RemovePermission", System.Net.Http.HttpMethod.Delete, "2015-03-31", "functions", "fn", "policy", "legacy.sid")
                    .WithQuery("RevisionId", "0e18ca9d-59cb").WithQuery("Qualifier", "$LATEST").WithQuery("name", "é ü"),
                "lambda", "us-gov-west-1", "token-2");
        }

        [Fact]
        public void AuthorizationHeaderEqualsBotocores()
        {
            var now = new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
            const string access = "AKIDEXAMPLE", secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
            var ours = new List<string>();
            var forBotocore = new List<object>();
            foreach (var c in Cases())
            {
                var endpoint = new Uri(c.Endpoint);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (c.Request.ContentType != null)
                {
                    headers["Content-Type"] = c.Request.ContentType;
                }

                if (c.Method == "GET")
                {
                    headers["Accept"] = "application/json";
                }

                var unsigned = new Dictionary<string, string>(headers);
                SigV4Signer.Sign(c.Method, endpoint, c.Request.Path, c.Request.Query, headers, c.Request.Body,
                    new AwsCredentials(access, secret, c.Token), c.Region, c.Service, now);
                ours.Add(headers["Authorization"]);
                string query = AwsRequest.EncodeQuery(c.Request.Query);
                forBotocore.Add(new
                {
                    method = c.Method,
                    url = c.Endpoint + c.Request.Path + (query.Length > 0 ? "?" + query : ""),
                    headers = unsigned,
                    body = Encoding.UTF8.GetString(c.Request.Body),
                    access,
                    secret,
                    token = c.Token,
                    service = c.Service,
                    region = c.Region,
                    timestamp = "20150830T123600Z",
                });
            }
            string output = Processes.Run(TestEnvironment.Python, new[] { "-c", Botocore }, JsonSerializer.Serialize(forBotocore));
            var theirs = JsonSerializer.Deserialize<List<string>>(output)!;
            Assert.Equal(theirs, ours);
            Assert.Contains(ours, a => a.Contains("x-amz-security-token"));
        }

        [Fact]
        public void CanonicalUriEncodesAnArnPathTwice()
        {
            var request = new AwsRequest("GetPolicy", System.Net.Http.HttpMethod.Get, "2015-03-31", "functions", "arn:aws:lambda:us-east-1:1:function:f", "policy");
            Assert.Equal("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/policy", request.Path);
            Assert.Equal("/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A1%253Afunction%253Af/policy", UriEncoding.Encode(request.Path, keepSlash: true));
        }
    }
}
