//go:build js && wasm

package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/authdebug/authdebug/internal/keys"
)

// webCrypto verifies RS*, PS*, ES* and EdDSA signatures with the browser's
// own WebCrypto (crypto.subtle), so app.wasm links no Go RSA, ECDSA, Ed25519
// or X.509 code (about 250 KB of brotli) and verification runs natively.
// HMAC stays in the engine.
type webCrypto struct {
	mu    sync.Mutex
	cache map[string]js.Value // imported CryptoKeys by algorithm family and key bytes
}

func newWebCrypto() *webCrypto { return &webCrypto{cache: map[string]js.Value{}} }

// errNoWebCrypto is returned where crypto.subtle is missing (an insecure
// context: http:// on a host other than localhost).
// It wraps keys.ErrNoVerifier, so keys are kept and signatures reported as
// unchecked rather than the keys refused.
var errNoWebCrypto = fmt.Errorf("this page has no WebCrypto (crypto.subtle needs https:// or localhost): %w", keys.ErrNoVerifier)

// importParams are the WebCrypto import parameters for a JWS alg, and the
// family name used in the key cache.
func importParams(alg string, k keys.PublicKey) (map[string]any, error) {
	hash := map[string]string{"256": "SHA-256", "384": "SHA-384", "512": "SHA-512"}
	switch {
	case k.Kty == "RSA" && len(alg) == 5 && (alg[:2] == "RS" || alg[:2] == "PS") && hash[alg[2:]] != "":
		name := "RSASSA-PKCS1-v1_5"
		if alg[:2] == "PS" {
			name = "RSA-PSS"
		}
		return map[string]any{"name": name, "hash": hash[alg[2:]]}, nil
	case k.Kty == "EC" && len(alg) == 5 && alg[:2] == "ES" && hash[alg[2:]] != "":
		return map[string]any{"name": "ECDSA", "namedCurve": k.Crv}, nil
	case k.Kty == "OKP" && k.Crv == "Ed25519" && (alg == "EdDSA" || alg == "Ed25519"):
		return map[string]any{"name": "Ed25519"}, nil
	}
	return nil, fmt.Errorf("WebCrypto cannot check %s with a %s %s key", alg, k.Kty, k.Crv)
}

// verifyParams are the WebCrypto verify parameters for a JWS alg.
func verifyParams(alg string, saltLen int) map[string]any {
	hash := map[string]string{"256": "SHA-256", "384": "SHA-384", "512": "SHA-512"}
	switch alg[:2] {
	case "RS":
		return map[string]any{"name": "RSASSA-PKCS1-v1_5"}
	case "PS":
		return map[string]any{"name": "RSA-PSS", "saltLength": saltLen}
	case "ES":
		return map[string]any{"name": "ECDSA", "hash": hash[alg[2:]]}
	}
	return map[string]any{"name": "Ed25519"}
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func jwkOf(k keys.PublicKey) map[string]any {
	switch k.Kty {
	case "RSA":
		return map[string]any{"kty": "RSA", "n": b64(k.N), "e": b64(k.E), "ext": true}
	case "EC":
		return map[string]any{"kty": "EC", "crv": k.Crv, "x": b64(k.X), "y": b64(k.Y), "ext": true}
	}
	return map[string]any{"kty": "OKP", "crv": k.Crv, "x": b64(k.X), "ext": true}
}

// importKey imports k for alg, from the cache when it was imported before.
func (w *webCrypto) importKey(ctx context.Context, alg string, k keys.PublicKey) (js.Value, error) {
	params, err := importParams(alg, k)
	if err != nil {
		return js.Undefined(), err
	}
	subtle := js.Global().Get("crypto")
	if subtle.Truthy() {
		subtle = subtle.Get("subtle")
	}
	if !subtle.Truthy() {
		return js.Undefined(), errNoWebCrypto
	}
	id := fmt.Sprint(params["name"], params["hash"], "|", k.Kty, k.Crv, "|", b64(k.N), b64(k.E), b64(k.X), b64(k.Y))
	w.mu.Lock()
	key, ok := w.cache[id]
	w.mu.Unlock()
	if ok {
		return key, nil
	}
	key, err = await(ctx, subtle.Call("importKey", "jwk", jwkOf(k), params, false, []any{"verify"}))
	if err != nil {
		return js.Undefined(), fmt.Errorf("the browser refused the key: %v", err)
	}
	w.mu.Lock()
	if len(w.cache) >= 256 {
		clear(w.cache)
	}
	w.cache[id] = key
	w.mu.Unlock()
	return key, nil
}

// Check imports the key once: WebCrypto refuses an EC point off its curve
// and RSA keys it cannot use.
func (w *webCrypto) Check(ctx context.Context, k keys.PublicKey) error {
	alg := "RS256"
	switch k.Kty {
	case "EC":
		alg = map[string]string{"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}[k.Crv]
	case "OKP":
		alg = "EdDSA"
	}
	_, err := w.importKey(ctx, alg, k)
	return err
}

// Verify checks sig over input with crypto.subtle.verify.
func (w *webCrypto) Verify(ctx context.Context, alg string, k keys.PublicKey, input, sig []byte, saltLen int) (bool, error) {
	key, err := w.importKey(ctx, alg, k)
	if err != nil {
		return false, err
	}
	subtle := js.Global().Get("crypto").Get("subtle")
	ok, err := await(ctx, subtle.Call("verify", verifyParams(alg, saltLen), key, bytesJS(sig), bytesJS(input)))
	if err != nil {
		return false, fmt.Errorf("WebCrypto could not check the %s signature: %v", alg, err)
	}
	return ok.Truthy(), nil
}

func bytesJS(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}
