"""Capture client wire dumps against a loopback API that answers 401.

Run from the module root:
  /usr/bin/python3 internal/exchange/testdata/httpdebug/capture/capture.py internal/exchange/testdata/httpdebug

Writes python_http_client_*.txt (http.client set_debuglevel(1)),
python_requests_*.txt (requests + urllib3 DEBUG logging and http.client
debug), wget_debug_*.txt (wget -d), httpie_verbose_*.txt (http --verbose)
and node_debug_http_*.txt (NODE_DEBUG=http). The token is a throw-away
HS256 token signed here; nothing is a live credential.
"""
import base64
import contextlib
import hashlib
import hmac
import http.client
import http.server
import io
import json
import os
import subprocess
import sys
import threading
import time

out = sys.argv[1] if len(sys.argv) > 1 else "."
SECRET = b"throw-away-test-secret-0123456789abcdef"


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def token(exp_delta):
    h = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "k1"}).encode())
    p = b64(json.dumps({"sub": "u1", "aud": "api", "iat": int(time.time()) - 3600,
                        "exp": int(time.time()) + exp_delta}).encode())
    s = b64(hmac.new(SECRET, (h + "." + p).encode(), hashlib.sha256).digest())
    return h + "." + p + "." + s


class API(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        auth = self.headers.get("Authorization")
        body = b'{"detail":"Could not validate credentials"}'
        self.send_response(401)
        if auth is None:
            self.send_header("WWW-Authenticate", 'Bearer realm="api"')
        else:
            self.send_header("WWW-Authenticate", 'Bearer realm="api", error="invalid_token", error_description="The access token expired"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), API)
port = srv.server_address[1]
threading.Thread(target=srv.serve_forever, daemon=True).start()
base = "http://127.0.0.1:%d" % port


def write(name, text):
    with open(os.path.join(out, name), "w") as f:
        f.write(text)


def http_client(name, auth):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        c = http.client.HTTPConnection("127.0.0.1", port)
        c.set_debuglevel(1)
        c.request("GET", "/users/me", headers={"Authorization": auth})
        r = c.getresponse()
        r.read()
        c.close()
    write(name, buf.getvalue())


def requests_debug(name, auth):
    import logging
    import requests
    http.client.HTTPConnection.debuglevel = 1
    buf = io.StringIO()
    h = logging.StreamHandler(buf)
    logging.basicConfig(level=logging.DEBUG, handlers=[h], force=True)
    with contextlib.redirect_stdout(buf):
        requests.get(base + "/users/me", headers={"Authorization": auth} if auth else {})
    http.client.HTTPConnection.debuglevel = 0
    logging.getLogger().handlers = []
    write(name, buf.getvalue())


def run(name, argv, env=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=e)
    write(name, p.stdout)


# http.client: the token variable was None (the classic f-string bug).
http_client("python_http_client_bearer_none.txt", "Bearer None")
http_client("python_http_client_expired.txt", "Bearer " + token(-300))
requests_debug("python_requests_expired.txt", "Bearer " + token(-300))
requests_debug("python_requests_no_auth.txt", None)
run("wget_debug_expired.txt", ["wget", "-d", "-O", "/dev/null", "--header", "Authorization: Bearer " + token(-300), base + "/users/me"])
run("wget_debug_undefined.txt", ["wget", "-d", "-O", "/dev/null", "--header", "Authorization: Bearer undefined", base + "/users/me"])
run("httpie_verbose_expired.txt", ["http", "--verbose", "--ignore-stdin", "GET", base + "/users/me", "Authorization:Bearer " + token(-300)])
run("httpie_verbose_no_auth.txt", ["http", "--verbose", "--ignore-stdin", "GET", base + "/users/me"])
node = """
const http = require('http');
http.get(process.argv[1], {headers: {Authorization: 'Bearer ' + process.argv[2]}}, (res) => {
  res.resume();
});
"""
run("node_debug_http_expired.txt", ["node", "-e", node, base + "/users/me", token(-300)], {"NODE_DEBUG": "http"})
srv.shutdown()
