"""Authlete's official Python library (`authlete` on PyPI) against the sandbox.

Usage: python authlete_official.py <base URL> v2|v3

Runs every token operation the library has (tokenCreate, getTokenList, tokenUpdate, tokenRevoke,
tokenDelete) end to end and prints one JSON object: each step's result as plain values, so the
JS suite (tests/js/official-clients.test.mjs) asserts them in one place. An AuthleteApiException
becomes {"error": {"status", "message"}}; anything else the library raises propagates (exit 1).
"""

import enum
import json
import sys

from authlete.api import AuthleteApiException, AuthleteApiImpl
from authlete.conf import AuthleteConfiguration
from authlete.dto import Property, TokenCreateRequest, TokenRevokeRequest, TokenUpdateRequest
from authlete.types.grant_type import GrantType

SERVICE_ID = "715948317"


def api_for(base_url, mode, secret_ok=True):
    """The library configured as its README says: v2 Basic key/secret, v3 Bearer + serviceId."""
    cnf = AuthleteConfiguration()
    cnf.baseUrl = base_url
    if mode == "v3":
        cnf.apiVersion = "V3"
        cnf.serviceApiKey = SERVICE_ID  # in V3 mode the library puts this in the path
        cnf.serviceAccessToken = "sandbox-service-token" if secret_ok else "wrong"
    else:
        cnf.serviceApiKey = "sandbox-key"
        cnf.serviceApiSecret = "sandbox-secret" if secret_ok else "wrong"
    return AuthleteApiImpl(cnf)


def plain(value):
    """A DTO (or list of them) as JSON-ready values; enums by name."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.name
    if hasattr(value, "__dict__"):
        return {k.lstrip("_"): plain(v) for k, v in vars(value).items() if v is not None}
    return value


def step(fn):
    try:
        return plain(fn())
    except AuthleteApiException as e:
        status = e.response.status_code if e.response is not None else None
        return {"error": {"status": status, "message": e.message}}


def main():
    base_url, mode = sys.argv[1], sys.argv[2]
    api = api_for(base_url, mode)
    subject = "official-python-" + mode
    out = {}

    create = TokenCreateRequest()
    create.grantType = GrantType.AUTHORIZATION_CODE
    create.clientId = 1001
    create.subject = subject
    create.scopes = ["openid"]
    create.accessTokenDuration = 600
    create.properties = [Property({"key": "team", "value": "ops"})]
    out["create"] = step(lambda: api.tokenCreate(create))
    token = out["create"].get("accessToken", "")

    out["list"] = step(lambda: api.getTokenList(clientIdentifier="1001", subject=subject, start=0, end=5))

    # The library sends every field of the request, unset ones as null, 0 or false.
    update = TokenUpdateRequest()
    update.accessToken = token
    update.scopes = ["openid", "email"]
    out["update"] = step(lambda: api.tokenUpdate(update))
    out["listAfterUpdate"] = step(lambda: api.getTokenList(subject=subject))
    expiry = TokenUpdateRequest()
    expiry.accessToken = token
    expiry.accessTokenExpiresAt = 4102444800000  # 2100-01-01; the scopes (sent as null) stay
    out["updateExpiry"] = step(lambda: api.tokenUpdate(expiry))

    second = TokenCreateRequest()
    second.grantType = GrantType.CLIENT_CREDENTIALS
    second.clientId = 1002
    second.scopes = ["email"]
    out["createSecond"] = step(lambda: api.tokenCreate(second))
    revoke = TokenRevokeRequest()
    revoke.accessTokenIdentifier = out["createSecond"].get("accessToken", "")
    out["revoke"] = step(lambda: api.tokenRevoke(revoke))

    out["delete"] = step(lambda: api.tokenDelete(token))
    out["listAfterDelete"] = step(lambda: api.getTokenList(subject=subject))
    out["wrongCredential"] = step(lambda: api_for(base_url, mode, secret_ok=False).getTokenList(subject=subject))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
