#!/usr/bin/env bash
# Captures what a developer pastes after filtering a real curl -v transcript
# with grep: all of curl's response lines (grep '^<'), and the challenge line
# alone (grep -i '^< www-authenticate'). The server is a throw-away Python
# server on 127.0.0.1 answering an expired bearer token the RFC 6750 way.
# Writes ../curl_v_grep_responses.txt and ../curl_v_grep_challenge.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${PORT:-18092}
python3 - "$port" <<'PY' & pid=$!
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"error":"invalid_token","error_description":"The access token expired"}'
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Bearer realm="api", error="invalid_token", error_description="The access token expired"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
trap 'kill $pid' EXIT
sleep 1
out=$(curl -sv -H 'Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA' "http://127.0.0.1:$port/v1/me" 2>&1 || true)
grep '^<' <<<"$out" > "$here/../curl_v_grep_responses.txt"
grep -i '^< www-authenticate' <<<"$out" > "$here/../curl_v_grep_challenge.txt"
