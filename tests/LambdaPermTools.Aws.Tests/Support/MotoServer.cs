using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using LambdaPermTools.Aws.Composition;
using LambdaPermTools.Aws.Http;
using LambdaPermTools.Aws.Ports;

namespace LambdaPermTools.Aws.Tests.Support
{
    /// <summary>
    /// moto's server (python -m moto.server, with <see cref="TestEnvironment.Python"/>) on 127.0.0.1 on a free port for
    /// the test collection; stopped (with its child processes) afterwards. State is created with boto3 — the botocore
    /// the aws CLI uses — in one Python process per test, each test with fresh names.
    ///
    /// Where moto 5.2 deviates from AWS (so these tests stay off those points; the local server covers them):
    /// - GetRestApis/GetResources/GetAuthorizers ignore `limit` and never return `position` (no paging);
    /// - GetExport answers Swagger 2.0 even for oas30; SimulatePrincipalPolicy answers HTTP 500 (not implemented);
    /// - AddPermission answers 200 instead of 201 and accepts a duplicate statement id (AWS: 409 ResourceConflictException);
    /// - GetPolicy merges the function's and its aliases' statements (AWS keeps one policy per qualifier);
    /// - no signature checks (any keys work), never throttles, JSON bodies sent as text/html.
    /// </summary>
    public sealed class MotoServer : IDisposable
    {
        private const string Preamble = @"
import boto3, json, io, os, sys, zipfile
ep = os.environ['MOTO_URL']
s = boto3.session.Session(aws_access_key_id='testing', aws_secret_access_key='testing', region_name='us-east-1')
apigw = s.client('apigateway', endpoint_url=ep); lam = s.client('lambda', endpoint_url=ep)
iam = s.client('iam', endpoint_url=ep); sts = s.client('sts', endpoint_url=ep)
def zipped():
    buf = io.BytesIO(); z = zipfile.ZipFile(buf, 'w'); z.writestr('index.py', 'def handler(e, c): return 1'); z.close(); return buf.getvalue()
def function(name):
    trust = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]})
    role = iam.create_role(RoleName=name + '-role', AssumeRolePolicyDocument=trust)['Role']['Arn']
    return lam.create_function(FunctionName=name, Runtime='python3.12', Role=role, Handler='index.handler', Code={'ZipFile': zipped()})['FunctionArn']
out = {}
";

        private readonly Process _process;

        public MotoServer()
        {
            Port = LocalAwsServer.FreePort();
            var info = new ProcessStartInfo(TestEnvironment.Python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", Port.ToString() })
            {
                info.ArgumentList.Add(a);
            }

            _process = Process.Start(info)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            WaitUntilAnswering();
        }

        public int Port { get; }
        public string Url => $"http://127.0.0.1:{Port}";

        private void WaitUntilAnswering()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{TestEnvironment.Python} -m moto.server exited with {_process.ExitCode}");
                }

                try
                {
                    http.GetAsync(Url + "/moto-api/").GetAwaiter().GetResult();
                    return;
                }
                catch (HttpRequestException) { Thread.Sleep(200); }
                catch (System.Threading.Tasks.TaskCanceledException) { Thread.Sleep(200); }
            }
            throw new TimeoutException($"{TestEnvironment.Python} -m moto.server did not answer within 30 s");
        }

        /// <summary>Runs boto3 code against moto; the code fills the dict `out`, returned as JSON.</summary>
        public JsonElement Setup(string python)
        {
            string stdout = Processes.Run(TestEnvironment.Python, new[] { "-c", Preamble + python + "\nprint(json.dumps(out))" },
                environment: new Dictionary<string, string> { ["MOTO_URL"] = Url, ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_EC2_METADATA_DISABLED"] = "true" });
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }

        /// <summary>Our ports against moto, with an injected clean environment.</summary>
        internal IAwsServices Connect(TestEnvironment env, HttpSettings? settings = null, string region = "us-east-1")
        {
            var options = env.Options();
            options.AccessKey = "testing";
            options.SecretKey = "testing";
            options.Region = region;
            options.EndpointUrl = Url;
            return new SignedHttpServicesFactory(settings ?? TestEnvironment.Settings()).Create(options);
        }

        public void Dispose()
        {
            try
            { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); } _process.WaitForExit(5000); }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }

    [CollectionDefinition("moto")]
    public sealed class MotoCollection : ICollectionFixture<MotoServer> { }
}
