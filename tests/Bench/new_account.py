#!/usr/bin/env python3
"""Fills a moto_server with an account-sized API Gateway + Lambda estate for the benchmark.

Talks to moto directly (never through the fault proxy), with boto3, and writes a manifest JSON
with what was made and the minimum number of calls any scanner needs (see minimum_calls()).

Shape (defaults = the benchmark's default size):
  - `functions` functions fn-000.. each with version 1 and `aliases` aliases (live, canary, ...);
  - `apis` REST APIs of `resources` resources (one path level) x `methods` methods (GET, POST, ...),
    every method an AWS_PROXY integration; the target function rotates, and so does the URI form:
    unqualified, ':live', ':${stageVariables.alias}' (with --forms no-stage-variables only the first two,
    so each function is read at two qualifiers, not three); every 97th method (--missing-every) names a
    function that does not exist (FunctionNotFound);
  - `authorizers` Lambda authorizers in total, one each on the first APIs (TOKEN/REQUEST alternating),
    protecting every third resource's first method; they call the unqualified function;
  - `stages` stages per API (dev, test, prod, ...) whose variable `alias` cycles through the aliases;
  - mixed resource policies (or none at all with --policies none), chosen per function: none, one broad grant per API ({api}/*),
    exact per-method grants, a grant for another API only, or a grant on the unqualified function only.
"""
import argparse
import io
import json
import random
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ACCOUNT = "123456789012"  # moto's default account
STAGE_NAMES = ["dev", "test", "prod", "qa", "perf", "uat"]
ALIAS_NAMES = ["live", "canary", "blue", "green"]
HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]
POLICY_KINDS = ["none", "broad", "exact", "other-api", "unqualified-only"]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--region", default="us-east-1")
    p.add_argument("--apis", type=int, default=40)
    p.add_argument("--resources", type=int, default=60)
    p.add_argument("--methods", type=int, default=2)
    p.add_argument("--authorizers", type=int, default=10)
    p.add_argument("--stages", type=int, default=3)
    p.add_argument("--functions", type=int, default=150)
    p.add_argument("--aliases", type=int, default=2)
    p.add_argument("--policies", choices=["mixed", "none"], default="mixed", help="none: no function has a resource policy")
    p.add_argument("--forms", choices=["all", "no-stage-variables"], default="all",
                   help="no-stage-variables: URIs are unqualified or ':live' only, so each function has two qualifiers (fewer GetPolicy reads)")
    p.add_argument("--missing-every", type=int, default=97, help="every Nth method names a missing function; 0: none")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--manifest", required=True)
    return p.parse_args()


class Estate:
    def __init__(self, args):
        self.a = args
        self.rng = random.Random(args.seed)
        cfg = Config(retries={"max_attempts": 1}, max_pool_connections=8)
        session = boto3.session.Session(aws_access_key_id="generator", aws_secret_access_key="generator", region_name=args.region)
        self.lam = session.client("lambda", endpoint_url=args.endpoint, config=cfg)
        self.apigw = session.client("apigateway", endpoint_url=args.endpoint, config=cfg)
        self.iam = session.client("iam", endpoint_url=args.endpoint, config=cfg)
        self.aliases = ALIAS_NAMES[: args.aliases]
        self.stage_names = STAGE_NAMES[: args.stages]

    # ---- names and ARNs ----
    def function_name(self, i):
        return f"fn-{i:03d}"

    def function_arn(self, name, qualifier=None):
        arn = f"arn:aws:lambda:{self.a.region}:{ACCOUNT}:function:{name}"
        return f"{arn}:{qualifier}" if qualifier else arn

    def lambda_uri(self, function_ref):
        return f"arn:aws:apigateway:{self.a.region}:lambda:path/2015-03-31/functions/{function_ref}/invocations"

    def source_arn(self, api_id, rest):
        return f"arn:aws:execute-api:{self.a.region}:{ACCOUNT}:{api_id}/{rest}"

    # ---- functions ----
    def create_functions(self):
        role = self.iam.create_role(RoleName="bench-lambda-role", AssumeRolePolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("index.py", "def handler(event, context):\n    return {'statusCode': 200}\n")
        code = buf.getvalue()

        def one(i):
            name = self.function_name(i)
            self.lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler", Code={"ZipFile": code})
            version = self.lam.publish_version(FunctionName=name)["Version"]
            for alias in self.aliases:
                self.lam.create_alias(FunctionName=name, Name=alias, FunctionVersion=version)

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(one, range(self.a.functions)))

    # ---- APIs ----
    def integration_ref(self, api_index, resource_index, method_index):
        """(function name, qualifier form) for one method; qualifier form is None, an alias, or '${stageVariables.alias}'."""
        n = (api_index * self.a.resources + resource_index) * self.a.methods + method_index
        every = self.a.missing_every
        if every > 0 and n % every == every - 1:
            return f"fn-missing-{n}", None
        name = self.function_name(n % self.a.functions)
        if self.a.forms == "no-stage-variables":
            form = (n + n // self.a.functions) % 2
        else:
            form = (n + n // self.a.functions) % 3  # every function is called in every form across the estate
        if form == 0 or not self.aliases:
            return name, None
        if form == 1:
            return name, self.aliases[0]
        return name, "${stageVariables.alias}"

    def create_api(self, i):
        paths = {}
        plan = []
        for j in range(self.a.resources):
            path = f"/res{j:03d}"
            paths[path] = {}
            for k, method in enumerate(HTTP_METHODS[: self.a.methods]):
                name, qualifier = self.integration_ref(i, j, k)
                ref = self.function_arn(name, qualifier)
                paths[path][method.lower()] = {"responses": {}, "x-amazon-apigateway-integration": {"type": "AWS_PROXY", "httpMethod": "POST", "uri": self.lambda_uri(ref)}}
                plan.append({"path": path, "method": method, "function": name, "qualifier": qualifier})
        doc = {"openapi": "3.0.1", "info": {"title": f"bench-api-{i:03d}", "description": "benchmark", "version": "1"}, "paths": paths}
        api_id = self.apigw.import_rest_api(body=json.dumps(doc))["id"]

        authorizer = None
        if i < self.a.authorizers:
            fn = self.function_name(i % self.a.functions)
            authorizer = {"function": fn, "qualifier": None, "type": "TOKEN" if i % 2 == 0 else "REQUEST"}
            authorizer["id"] = self.apigw.create_authorizer(
                restApiId=api_id, name=f"auth-{i}", type=authorizer["type"], authorizerUri=self.lambda_uri(self.function_arn(fn)),
                identitySource="method.request.header.Authorization")["id"]
            resources = {r["path"]: r["id"] for r in self.apigw.get_resources(restApiId=api_id, limit=500)["items"]}
            for j in range(0, self.a.resources, 3):
                entry = next(p for p in plan if p["path"] == f"/res{j:03d}")
                rid = resources[entry["path"]]
                # put_method replaces the method (and drops its integration): put the integration back.
                self.apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod=entry["method"], authorizationType="CUSTOM", authorizerId=authorizer["id"])
                self.apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod=entry["method"], type="AWS_PROXY", integrationHttpMethod="POST",
                                           uri=self.lambda_uri(self.function_arn(entry["function"], entry["qualifier"])))

        deployment = self.apigw.create_deployment(restApiId=api_id)["id"]
        stages = {}
        for s, stage in enumerate(self.stage_names):
            variables = {"alias": self.aliases[s % len(self.aliases)]} if self.aliases else {}
            self.apigw.create_stage(restApiId=api_id, stageName=stage, deploymentId=deployment, variables=variables)
            stages[stage] = variables
        return {"id": api_id, "index": i, "plan": plan, "authorizer": authorizer, "stages": stages}

    # ---- policies ----
    def targets(self, apis):
        """Distinct (function, qualifier) that a scan must read, with the APIs/methods that use each."""
        used = {}
        for api in apis:
            for entry in api["plan"]:
                qualifiers = {v.get("alias") for v in api["stages"].values()} if entry["qualifier"] == "${stageVariables.alias}" else {entry["qualifier"]}
                for q in qualifiers:
                    used.setdefault((entry["function"], q), []).append((api["id"], entry["method"], entry["path"]))
            if api["authorizer"]:
                a = api["authorizer"]
                used.setdefault((a["function"], a["qualifier"]), []).append((api["id"], "authorizer", a["id"]))
        return used

    def add_policies(self, used, api_ids):
        by_function = {}
        for (fn, q), users in used.items():
            if not fn.startswith("fn-missing-"):
                by_function.setdefault(fn, []).append((q, users))
        jobs = []
        for fn in sorted(by_function):
            kind = POLICY_KINDS[self.rng.randrange(len(POLICY_KINDS))]
            for q, users in sorted(by_function[fn], key=lambda x: x[0] or ""):
                apis_used = sorted({u[0] for u in users})
                if kind == "broad":
                    jobs += [(fn, q, f"broad-{api}", self.source_arn(api, "*")) for api in apis_used]
                elif kind == "exact":
                    for api, method, path in users:
                        rest = f"authorizers/{path}" if method == "authorizer" else f"*/{method}{path}"
                        jobs.append((fn, q, f"exact-{api}-{method}-{path.strip('/')}"[:100], self.source_arn(api, rest)))
                elif kind == "other-api":
                    other = next((a for a in api_ids if a not in apis_used), "abcdef1234")
                    jobs.append((fn, q, f"other-{other}", self.source_arn(other, "*/*/*")))
                elif kind == "unqualified-only" and q is None:
                    jobs += [(fn, None, f"unq-{api}", self.source_arn(api, "*/*/*")) for api in apis_used]
        jobs = list(dict.fromkeys(jobs))

        def grant(job):
            fn, q, sid, source = job
            kwargs = {"FunctionName": fn, "StatementId": sid, "Action": "lambda:InvokeFunction", "Principal": "apigateway.amazonaws.com", "SourceArn": source}
            if q:
                kwargs["Qualifier"] = q
            self.lam.add_permission(**kwargs)

        # One writer per function: moto's policy revision is per function.
        per_function = {}
        for job in jobs:
            per_function.setdefault(job[0], []).append(job)
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda js: [grant(j) for j in js], per_function.values()))
        return len(jobs)

    def count_policy_404s(self, used):
        """How many distinct (function, qualifier) answer GetPolicy with 404 here (each needs a FunctionExists call)."""
        def missing(key):
            fn, q = key
            try:
                self.lam.get_policy(**({"FunctionName": fn, "Qualifier": q} if q else {"FunctionName": fn}))
                return 0
            except ClientError as e:
                if e.response["Error"]["Code"] == "ResourceNotFoundException":
                    return 1
                raise
        with ThreadPoolExecutor(4) as pool:
            return sum(pool.map(missing, list(used)))


def pages(count, page_size=500):
    return max(1, -(-count // page_size))


def minimum_calls(args, used, not_found):
    """The fewest calls that can read everything a full scan needs (docs/aws-rules.md §6.1, §6.2):
    per API one GetResources page per 500 resources (the root resource counts), one GetAuthorizers page
    per 500 authorizers (one call even when there are none), one GetStages; GetRestApis pages of 500;
    one GetPolicy per distinct (function, qualifier) that some stage's integration or authorizer resolves to;
    one GetFunction (FunctionExists) per such pair whose GetPolicy is 404, to tell "no policy" from "no function";
    one GetExport per distinct deployment the stages serve (every API here has one deployment shared by its stages),
    to read what each stage serves; one GetCallerIdentity for the caller's account. Nothing else (no GetIntegration,
    GetRestApi with -All, IAM)."""
    authorizers_per_api = [1 if i < args.authorizers else 0 for i in range(args.apis)]
    return {
        "sts:GetCallerIdentity": 1,
        "apigateway:GetRestApis": pages(args.apis),
        "apigateway:GetResources": args.apis * pages(args.resources + 1),
        "apigateway:GetAuthorizers": sum(pages(n) for n in authorizers_per_api),
        "apigateway:GetStages": args.apis,
        "apigateway:GetExport": args.apis,
        "lambda:GetPolicy": len(used),
        "lambda:GetFunction": not_found,
    }


def main():
    args = parse_args()
    started = time.time()
    estate = Estate(args)
    estate.create_functions()
    with ThreadPoolExecutor(4) as pool:
        apis = list(pool.map(estate.create_api, range(args.apis)))
    used = estate.targets(apis)
    statements = estate.add_policies(used, [a["id"] for a in apis]) if args.policies == "mixed" else 0
    not_found = estate.count_policy_404s(used)
    manifest = {
        "size": {k: getattr(args, k) for k in ("apis", "resources", "methods", "authorizers", "stages", "functions", "aliases", "policies", "forms", "missing_every", "seed")},
        "region": args.region,
        "account": ACCOUNT,
        "apiIds": [a["id"] for a in apis],
        "distinctFunctionQualifiers": len(used),
        "policy404": not_found,
        "statements": statements,
        "minimumCalls": minimum_calls(args, used, not_found),
        "minimumCallsDefinition": minimum_calls.__doc__.strip(),
        "generatorSeconds": round(time.time() - started, 2),
    }
    with open(args.manifest, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    print(json.dumps({k: manifest[k] for k in ("size", "distinctFunctionQualifiers", "policy404", "statements", "generatorSeconds")}))


if __name__ == "__main__":
    sys.exit(main())
