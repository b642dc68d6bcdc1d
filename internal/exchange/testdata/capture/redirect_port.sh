#!/usr/bin/env bash
# Captures a real curl -v -L transcript of a redirect to the same host on
# another port, which curl (7.83.0 and later) follows without the
# Authorization header ("Clear auth, redirects to port from … to …"): a
# throw-away Python server on 127.0.0.1 answers 301 on one port and 401 on
# the other. Writes ../curl_v_redirect_port_clears_auth.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
a=${PORT_A:-18091} b=${PORT_B:-18092}
python3 - "$a" "$b" <<'PY' & pid=$!
import http.server, sys, threading
a, b = int(sys.argv[1]), int(sys.argv[2])
class Redirect(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(301)
        self.send_header("Location", "http://127.0.0.1:%d%s" % (b, self.path))
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *x): pass
class API(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"detail":"Not authenticated"}'
        self.send_response(401)
        self.send_header("WWW-Authenticate", "Bearer")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *x): pass
threading.Thread(target=http.server.HTTPServer(("127.0.0.1", b), API).serve_forever, daemon=True).start()
http.server.HTTPServer(("127.0.0.1", a), Redirect).serve_forever()
PY
trap 'kill $pid' EXIT
sleep 1
# A made-up opaque token: the transcript is about the redirect.
curl -sv -L -H "Authorization: Bearer 4f1c0d1e6b2a4e1f9d8c7b6a5f4e3d2c" "http://127.0.0.1:$a/v1/me" > "$here/../curl_v_redirect_port_clears_auth.txt" 2>&1 || true
