#!/usr/bin/env bash
# Captures real 4xx bodies from real programs on 127.0.0.1 into ../real/.
# Needs: Debian python3-fastapi python3-jose python3-uvicorn python3-django
# python3-djangorestframework python3-djangorestframework-simplejwt python3-jwt,
# nginx, and Node with `npm install express express-jwt express-oauth2-jwt-bearer`
# in $NODE_DIR (default /tmp/servermsg-npm). See README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../real
mkdir -p "$out"
PY=${PY:-/usr/bin/python3}
NODE_DIR=${NODE_DIR:-/tmp/servermsg-npm}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

tok() { # tok <claims-json> [secret]
  "$PY" -c 'import jwt,json,sys,time; c=json.loads(sys.argv[1]); n=int(time.time());
for k in ("exp","iat","nbf"):
  if k in c: c[k]=n+c[k]
print(jwt.encode(c, sys.argv[2], algorithm="HS256"))' "$1" "${2:-capture-secret-not-a-real-one-0123456789}"
}
GOOD=$(tok '{"sub":"u1","aud":"orders-api","iss":"https://issuer.example.com/","exp":3600,"iat":0}')
EXPIRED=$(tok '{"sub":"u1","aud":"orders-api","iss":"https://issuer.example.com/","exp":-7200,"iat":-10800}')
WRONGAUD=$(tok '{"sub":"u1","aud":"billing-api","iss":"https://issuer.example.com/","exp":3600,"iat":0}')
BADSIG=$(tok '{"sub":"u1","aud":"orders-api","iss":"https://issuer.example.com/","exp":3600,"iat":0}' other-secret-0123456789-0123456789-xx)
DRFEXP=$(tok '{"token_type":"access","user_id":1,"jti":"0f3c","exp":-7200,"iat":-10800}')

wait_port() { for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; echo "port $1 did not open" >&2; return 1; }
# cap <file> <curl args…>: the response as curl -si prints it
cap() { local f=$1; shift; curl -si "$@" > "$out/$f"; echo "captured $f"; }
# capv <file> <curl args…>: request and response as curl -v prints them
capv() { local f=$1; shift; curl -sv "$@" > "$out/$f" 2>&1; echo "captured $f"; }

# FastAPI (uvicorn)
(cd "$here" && exec "$PY" -m uvicorn fastapi_app:app --host 127.0.0.1 --port 18081 --log-level warning) & pids+=($!)
wait_port 18081
cap fastapi_oauth2_no_token.txt http://127.0.0.1:18081/me
cap fastapi_httpbearer_no_token.txt http://127.0.0.1:18081/bearer
capv fastapi_could_not_validate_expired.txt -H "Authorization: Bearer $EXPIRED" http://127.0.0.1:18081/me
capv fastapi_detail_expired.txt -H "Authorization: Bearer $EXPIRED" http://127.0.0.1:18081/me-detail
capv fastapi_detail_wrong_audience.txt -H "Authorization: Bearer $WRONGAUD" http://127.0.0.1:18081/me-detail
capv fastapi_detail_bad_signature.txt -H "Authorization: Bearer $BADSIG" http://127.0.0.1:18081/me-detail

# Django REST framework + SimpleJWT
(cd "$here" && exec "$PY" drf_app.py 127.0.0.1:18082) & pids+=($!)
wait_port 18082
cap drf_simplejwt_no_token.txt http://127.0.0.1:18082/jwt
capv drf_simplejwt_expired.txt -H "Authorization: Bearer $DRFEXP" http://127.0.0.1:18082/jwt
capv drf_simplejwt_bad_signature.txt -H "Authorization: Bearer $BADSIG" http://127.0.0.1:18082/jwt
capv drf_token_invalid.txt -H "Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b" http://127.0.0.1:18082/token
capv drf_basic_wrong_password.txt -u alice:wrong-password http://127.0.0.1:18082/basic
capv drf_simplejwt_wrong_scheme.txt -H "Authorization: Token $DRFEXP" http://127.0.0.1:18082/jwt

# Express: express-jwt, express-oauth2-jwt-bearer
(NODE_PATH="$NODE_DIR/node_modules" exec node "$here/express_app.js" 18083 2>/dev/null) & pids+=($!)
wait_port 18083
cap express_jwt_no_token_html.txt http://127.0.0.1:18083/ej
cap express_jwt_no_token_json.txt http://127.0.0.1:18083/ej-json
capv express_jwt_expired_json.txt -H "Authorization: Bearer $EXPIRED" http://127.0.0.1:18083/ej-json
capv express_jwt_wrong_audience_json.txt -H "Authorization: Bearer $WRONGAUD" http://127.0.0.1:18083/ej-json
capv express_jwt_bad_signature_html.txt -H "Authorization: Bearer $BADSIG" http://127.0.0.1:18083/ej
cap express_oauth2_no_token.txt http://127.0.0.1:18083/oauth2
capv express_oauth2_expired.txt -H "Authorization: Bearer $EXPIRED" http://127.0.0.1:18083/oauth2
capv express_oauth2_wrong_audience.txt -H "Authorization: Bearer $WRONGAUD" http://127.0.0.1:18083/oauth2
capv express_oauth2_bad_signature.txt -H "Authorization: Bearer $BADSIG" http://127.0.0.1:18083/oauth2
capv express_oauth2_hs256_against_jwks.txt -H "Authorization: Bearer $GOOD" http://127.0.0.1:18083/oauth2-discovery

# nginx default pages
if command -v nginx >/dev/null || test -x /usr/sbin/nginx; then
  echo 'alice:$apr1$Qx0uZkGz$8oF1Q3Wl3c7W3b1lI6Q6X/' > /tmp/authdebug-capture-htpasswd
  mkdir -p /tmp/authdebug-capture-nginx
  /usr/sbin/nginx -p /tmp/authdebug-capture-nginx -c "$here/nginx.conf" & pids+=($!)
  sleep 0.5
  cap nginx_basic_no_credentials.txt http://127.0.0.1:18084/basic
  capv nginx_basic_wrong_password.txt -u alice:wrong-password http://127.0.0.1:18084/basic
  cap nginx_403.txt http://127.0.0.1:18084/forbidden
  # FastAPI (still on 18081) behind nginx, which drops Authorization.
  capv nginx_proxy_drops_authorization.txt -H "Authorization: Bearer $GOOD" http://127.0.0.1:18084/api/me
fi
