#!/usr/bin/env bash
# Captures a real curl -v transcript in which curl prints '*' lines between
# response headers ("* Added cookie …" from its cookie engine), from a
# throw-away Python server on 127.0.0.1 that answers 401 with a cookie set
# before its challenge. Writes ../curl_v_star_mid_headers.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${PORT:-18090}
python3 - "$port" <<'PY' & pid=$!
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"error":"unauthorized"}'
        self.send_response(401)
        self.send_header("Set-Cookie", "sid=31d4d96e407aad42; Path=/; HttpOnly")
        self.send_header("WWW-Authenticate", 'Basic realm="admin", charset="UTF-8"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
trap 'kill $pid' EXIT
sleep 1
curl -sv -c /dev/null -u 'alice:wrong-password' "http://127.0.0.1:$port/admin" > "$here/../curl_v_star_mid_headers.txt" 2>&1 || true
