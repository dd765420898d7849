"""IAC505 api-cors-preflight."""
from __future__ import annotations

import re

from iacfix.codemods import _checks
from iacfix.codemods import _resource_args as ra
from iacfix.rules import Example, Rule

_CORS = "Access-Control-Allow-Origin"
_CORS_RE = re.compile(re.escape(_CORS), re.I)
_PREFLIGHT = re.compile(r"""(?:httpMethod|http_method)['"]?\s*[:=]\s*['"`](?:OPTIONS|ANY)['"`]""")
_METHOD = {("apiGatewayMethod", "ApiGatewayMethod"): "method"}


class ApiCorsPreflight(Rule):
    """A REST API (API Gateway v1) answering browsers with CORS headers but with no `OPTIONS`
    method for the preflight request.

    A browser sends an `OPTIONS` preflight before a cross-origin `POST`/`PUT`/`DELETE` or a
    request with custom headers; API Gateway REST APIs answer it only when a method exists for
    `OPTIONS` (a `MOCK` integration returning the `Access-Control-Allow-*` headers) or the
    resource has an `ANY` method that forwards it. Seed 002 #11: the Lambda responses carried
    `Access-Control-Allow-Origin`, but API Gateway had no `OPTIONS` methods, so browser clients
    failed with CORS errors.

    Reported (once per file, on the first method) when the file defines API Gateway methods
    (CDKTF `ApiGatewayMethod`, CloudFormation `AWS::ApiGateway::Method`), none of them `OPTIONS`
    or `ANY`, and the code shows the API is meant for browsers: `Access-Control-Allow-Origin`
    appears in the file or in the project's Lambda sources. Without that signal an API without
    CORS is taken to be for server-to-server clients and left alone. HTTP APIs (API Gateway v2,
    `cors_configuration`) are not concerned. Diagnostic only: the allowed origins, methods and
    headers are the application's.
    """

    id = "IAC505"
    slug = "api-cors-preflight"
    summary = "REST API with CORS headers in responses but no OPTIONS (preflight) method"
    rationale = "seed 002 #11 (CORS headers only in Lambda responses, no OPTIONS methods)"
    seeds = ("002#11",)
    languages = ("python", "typescript", "cloudformation")
    examples = (
        Example("typescript", """\
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';

new ApiGatewayMethod(this, 'post-enroll', {
  restApiId: api.id, resourceId: enroll.id, httpMethod: 'POST', authorization: 'NONE',
});
// the handler answers with { 'Access-Control-Allow-Origin': '*' }
""", reported=True),
        Example("python", """\
from cdktf_cdktf_provider_aws.api_gateway_method import ApiGatewayMethod

ApiGatewayMethod(self, "get_items", rest_api_id=api.id, resource_id=items.id,
                 http_method="GET", authorization="NONE")
HANDLER = 'return {"headers": {"Access-Control-Allow-Origin": "*"}}'
""", reported=True),
        Example("cloudformation", """\
Resources:
  PostMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: POST
      AuthorizationType: NONE
      RestApiId: !Ref Api
      ResourceId: !Ref Res
      Integration:
        Type: MOCK
        IntegrationResponses:
          - StatusCode: '200'
            ResponseParameters:
              method.response.header.Access-Control-Allow-Origin: "'*'"
""", reported=True),
        Example("cloudformation", """\
Resources:
  PostMethod:
    Type: AWS::ApiGateway::Method
    Properties: {HttpMethod: POST, AuthorizationType: NONE, RestApiId: !Ref Api, ResourceId: !Ref Res}
  Preflight:
    Type: AWS::ApiGateway::Method
    Properties: {HttpMethod: OPTIONS, AuthorizationType: NONE, RestApiId: !Ref Api, ResourceId: !Ref Res}
  # Access-Control-Allow-Origin returned by the OPTIONS mock
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.api_gateway_method import ApiGatewayMethod

ApiGatewayMethod(self, "get_items", rest_api_id=api.id, resource_id=items.id,
                 http_method="GET", authorization="AWS_IAM")
"""),
    )

    def triggered(self, text, ctx, language):
        if language == "cloudformation":
            return "AWS::ApiGateway::Method" in text
        return "ApiGatewayMethod" in text

    def _browser(self, doc, ctx) -> bool:
        if _CORS_RE.search(doc.text):
            return True
        if ctx.project is None:
            return False

        def scan():
            return any(_CORS_RE.search(t) for path, t in
                       _checks.project_files(ctx, ".js", ".mjs", ".cjs", ".ts", ".py", ".json", ".yaml", ".yml")
                       if not _checks.is_test_path(path))
        return ctx.sources.memo("IAC505-cors", scan)

    def _preflight_elsewhere(self, ctx) -> bool:
        """An OPTIONS/ANY method declared in another file of the project (a construct per route)."""
        def scan():
            return any(_PREFLIGHT.search(t) for _, t in _checks.project_files(ctx, ".py", ".ts"))
        return ctx.project is not None and ctx.sources.memo("IAC505-preflight", scan)

    def _message(self, methods):
        return (f"REST API methods ({', '.join(sorted(methods))}) return CORS headers but the API has no OPTIONS "
                "method: browsers' preflight requests fail. Add an OPTIONS method per resource (MOCK integration "
                "returning Access-Control-Allow-Origin/-Methods/-Headers) or route it with an ANY method")

    def _cdktf(self, doc, ctx, constructs, key, literal, span_of):
        methods = [(c, literal(c.args.get(key))) for c in constructs]
        if not methods:
            return
        verbs = {m for _, m in methods}
        if any(not isinstance(m, str) for m in verbs) or {"OPTIONS", "ANY"} & {str(m).upper() for m in verbs}:
            return  # a method computed at run time may be the OPTIONS one
        if not self._browser(doc, ctx) or self._preflight_elsewhere(ctx):
            return
        start, end = span_of(methods[0][0])
        yield doc.source.finding(self, start, end, self._message({m.upper() for m in verbs}))

    def check_python(self, doc, ctx):
        yield from self._cdktf(doc, ctx, ra.py_constructs(doc, ctx.provider, _METHOD), "http_method", ra.py_str,
                               lambda c: doc.span(c.node.func))

    def check_typescript(self, doc, ctx):
        yield from self._cdktf(doc, ctx, ra.ts_constructs(doc, ctx.provider, _METHOD), "httpMethod", ra.ts_literal,
                               lambda c: doc.span(c.node.field("constructor")))

    def check_cloudformation(self, doc, ctx):
        methods = []
        for name, res in doc.resources.items():
            if isinstance(res, dict) and res.get("Type") == "AWS::ApiGateway::Method":
                props = res.get("Properties") if isinstance(res.get("Properties"), dict) else {}
                verb = props.get("HttpMethod")
                if not isinstance(verb, str) or getattr(verb, "tag", None) is not None and \
                        getattr(verb.tag, "value", None):
                    return
                methods.append((name, verb.upper()))
        if not methods or {"OPTIONS", "ANY"} & {v for _, v in methods} or not self._browser(doc, ctx):
            return
        key = doc.key_offset(("Resources", methods[0][0]))
        yield doc.source.finding(self, key, key + len(methods[0][0]), self._message({v for _, v in methods}))
