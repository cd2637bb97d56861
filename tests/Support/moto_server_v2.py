"""moto's server, plus the API Gateway v2 GetAuthorizers listing that moto 5 lacks.

moto serves API Gateway v2 but answers GET /v2/apis/{apiId}/authorizers with HTTP 500 (NotImplementedError), where
AWS lists the API's authorizers (BC:apigatewayv2 GetAuthorizers). This adds exactly that listing, from moto's own
model, so that the end-to-end tests read v2 APIs as on AWS; everything else is moto as it is.
"""
import json
import sys

from moto.apigatewayv2.responses import ApiGatewayV2Response
from moto.server import main


def get_authorizers(self):
    api_id = self.path.split("/")[-2]
    api = self.apigatewayv2_backend.get_api(api_id)
    return 200, {}, json.dumps({"items": [authorizer.to_json() for authorizer in api.authorizers.values()]})


if not hasattr(ApiGatewayV2Response, "get_authorizers"):
    ApiGatewayV2Response.get_authorizers = get_authorizers

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
