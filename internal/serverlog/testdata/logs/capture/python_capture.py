"""Trigger python-jose and PyJWT failures and print what they log.

Run from this directory: python3 python_capture.py ..  (writes ../python_*.txt)
Tokens are signed with a throw-away test secret / a key generated per run.
"""
import json
import logging
import os
import sys
import time
import traceback

out = sys.argv[1] if len(sys.argv) > 1 else ".."
SECRET = "throw-away-test-secret-0123456789abcdef"


def capture(name, fn):
    """Run fn; write the logging.exception output (a log line and its traceback)."""
    path = os.path.join(out, name)
    handler = logging.FileHandler(path, mode="w")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(name)s] %(message)s"))
    log = logging.getLogger("app.auth")
    log.handlers = [handler]
    log.propagate = False
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        log.exception("token rejected: %s", e)
    handler.close()


def jose_expired():
    from jose import jwt
    tok = jwt.encode({"sub": "u1", "exp": int(time.time()) - 120}, SECRET, algorithm="HS256")
    jwt.decode(tok, SECRET, algorithms=["HS256"])


def jose_bad_signature():
    from jose import jwt
    tok = jwt.encode({"sub": "u1", "exp": int(time.time()) + 600}, SECRET, algorithm="HS256")
    jwt.decode(tok, SECRET + "-other", algorithms=["HS256"])


def pyjwt_expired():
    import jwt
    tok = jwt.encode({"sub": "u1", "exp": int(time.time()) - 120}, SECRET, algorithm="HS256")
    jwt.decode(tok, SECRET, algorithms=["HS256"])


def pyjwt_bad_signature():
    import jwt
    tok = jwt.encode({"sub": "u1", "exp": int(time.time()) + 600}, SECRET, algorithm="HS256")
    jwt.decode(tok, SECRET + "-other", algorithms=["HS256"])


def pyjwt_kid_not_found():
    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa
    from jwt.algorithms import RSAAlgorithm

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    jwk["kid"] = "k1"
    jwks_path = os.path.abspath(os.path.join(out, ".jwks.tmp.json"))
    with open(jwks_path, "w") as f:
        json.dump({"keys": [jwk]}, f)
    try:
        tok = jwt.encode({"sub": "u1", "exp": int(time.time()) + 600}, key, algorithm="RS256", headers={"kid": "k2"})
        client = jwt.PyJWKClient("file://" + jwks_path)
        client.get_signing_key_from_jwt(tok)
    finally:
        os.remove(jwks_path)


for name, fn in [
    ("python_jose_expired.txt", jose_expired),
    ("python_jose_bad_signature.txt", jose_bad_signature),
    ("python_pyjwt_expired.txt", pyjwt_expired),
    ("python_pyjwt_bad_signature.txt", pyjwt_bad_signature),
    ("python_pyjwt_kid_not_found.txt", pyjwt_kid_not_found),
]:
    capture(name, fn)

# A bare traceback as an uncaught exception prints it (no logging line).
try:
    jose_expired()
except Exception:  # noqa: BLE001
    with open(os.path.join(out, "python_jose_expired_uncaught.txt"), "w") as f:
        f.write(traceback.format_exc())
