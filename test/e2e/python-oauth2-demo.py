# The MapMyFitness "OAuth 2 Demo" tutorial (shared/seeds/001), as its Python client does it with
# requests-oauthlib, pointed at a local fitgate: an OAuth2Session builds the authorization URL,
# a BaseHTTPRequestHandler on the callback port catches the browser's redirect with
# httpd.handle_request(), fetch_token exchanges the code with client_id/client_secret in the body
# and an Api-Key header, the access token calls the API, and the refresh token is refreshed.
# The test drives the browser; this script prints one JSON line per step on stdout.
#
# usage: python-oauth2-demo.py ISSUER CLIENT_ID CLIENT_SECRET REDIRECT_URI API_PATH
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

from requests_oauthlib import OAuth2Session

os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"  # the local fitgate speaks http
os.environ["OAUTHLIB_RELAX_TOKEN_SCOPE"] = "1"

ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, API_PATH = sys.argv[1:6]
AUTHORIZE_URL = ISSUER + "/oauth2/authorize"
ACCESS_TOKEN_URL = ISSUER + "/oauth2/token"


def say(**values):
    print(json.dumps(values), flush=True)


# Step 3: prompt the user to authorize the client application (no scope: the app's defaults)
oauth = OAuth2Session(CLIENT_ID, redirect_uri=REDIRECT_URI)
authorize_url, state = oauth.authorization_url(AUTHORIZE_URL)


# Step 4: an HTTP server on the callback port to receive the user's redirect
class AuthorizationHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200, "OK")
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<p>You may close this window.</p>")
        self.server.path = self.path

    def log_message(self, *args):
        pass


redirect = urlparse(REDIRECT_URI)
httpd = HTTPServer((redirect.hostname, redirect.port), AuthorizationHandler)
say(step="authorize", url=authorize_url)  # the browser opens this (webbrowser.open in the tutorial)

# Steps 5-6: the user logs in and allows; the browser comes back with the code
httpd.handle_request()
query = parse_qs(urlparse(httpd.path).query)
authorize_code = query["code"][0]
say(step="callback", state_matches=query["state"][0] == state, iss=query.get("iss", [None])[0])

# Step 7: exchange the code, with the credentials in the body and the Api-Key header. The
# tutorial's request body is code, client_secret, grant_type, client_id and no redirect_uri:
# clearing the session's redirect_uri makes requests-oauthlib send exactly that.
oauth.redirect_uri = None
token = oauth.fetch_token(ACCESS_TOKEN_URL, code=authorize_code, client_secret=CLIENT_SECRET,
                          include_client_id=True, headers={"Api-Key": CLIENT_ID})
say(step="token", keys=sorted(token.keys()), user_id=token.get("user_id"), scope=token.get("scope"))

# Step 8: a resource request on behalf of the user
response = oauth.get(ISSUER + API_PATH, headers={"Api-Key": CLIENT_ID})
say(step="api", status=response.status_code, body=response.text)

# Step 9: refresh the user's credentials
refreshed = oauth.refresh_token(ACCESS_TOKEN_URL, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                                headers={"Api-Key": CLIENT_ID})
response = oauth.get(ISSUER + API_PATH, headers={"Api-Key": CLIENT_ID})
say(step="refresh", new_access_token=refreshed["access_token"] != token["access_token"],
    has_refresh_token="refresh_token" in refreshed, api_status=response.status_code)
