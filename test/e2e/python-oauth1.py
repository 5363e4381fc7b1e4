"""FatSecret's three-legged OAuth 1.0a flow, as its Python example runs it, with requests_oauthlib.

Driven by test/e2e/python-oauth1.test.ts: prints the authorization URL as one JSON line, reads the
callback URL the browser was sent to from stdin, exchanges the verifier, makes a signed API call
and prints the outcome as one JSON line. Only the base URL differs from talking to FatSecret.
"""
import json
import sys

from requests_oauthlib import OAuth1Session

base_url, consumer_key, consumer_secret, callback_uri, api_path = sys.argv[1:6]


def emit(**values):
    print(json.dumps(values), flush=True)


session = OAuth1Session(consumer_key, client_secret=consumer_secret, callback_uri=callback_uri)
request_token = session.fetch_request_token(base_url + "/oauth/request_token")
emit(step="authorize", url=session.authorization_url(base_url + "/oauth/authorize"),
     callback_confirmed=request_token.get("oauth_callback_confirmed"))

redirect_response = sys.stdin.readline().strip()
session.parse_authorization_response(redirect_response)
access_token = session.fetch_access_token(base_url + "/oauth/access_token")

api = OAuth1Session(consumer_key, client_secret=consumer_secret,
                    resource_owner_key=access_token["oauth_token"],
                    resource_owner_secret=access_token["oauth_token_secret"])
response = api.get(base_url + api_path)
posted = api.post(base_url + "/rest/server.api", data={"method": "profile.get", "format": "json"})
emit(step="done", status=response.status_code, body=response.text, post_status=posted.status_code,
     access_token_keys=sorted(access_token.keys()))
