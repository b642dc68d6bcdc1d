package keys_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"github.com/authdebug/authdebug/internal/keys"
)

// hs256 signs a token by hand for the examples.
func hs256(header, payload, secret string) string {
	enc := base64.RawURLEncoding
	in := enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(in))
	return in + "." + enc.EncodeToString(m.Sum(nil))
}

// Verify a token with the shared secret the user typed.
func ExampleVerify() {
	ctx := context.Background()
	secret := "a secret of at least thirty-two bytes"
	tok := hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"u1"}`, secret)

	set, described, _ := keys.Load(ctx, keys.Material{Secret: secret}, "", keys.Options{})
	sig, findings := keys.Verify(ctx, keys.Token{Compact: tok, Path: "tokens[0]"}, set, keys.Options{})

	fmt.Println(described[0].Source, described[0].Encoding, described[0].Bits)
	fmt.Println(sig.Status, sig.Alg, sig.Key.Source)
	fmt.Println(findings[0].Code, "—", findings[0].Title)
	// Output:
	// secret utf-8 296
	// verified HS256 secret
	// signature.verified — The HS256 signature verifies with the secret (read as utf-8, 37 bytes)
}

// Every HS* token is checked against a short list of well-known secrets,
// without any key.
func ExampleVerify_weakSecret() {
	tok := hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"1234567890"}`, "your-256-bit-secret")
	sig, findings := keys.Verify(context.Background(), keys.Token{Compact: tok}, nil, keys.Options{})
	fmt.Println(sig.Status)
	fmt.Println(findings[0].Code, findings[0].Severity)
	fmt.Println(findings[0].Title)
	// Output:
	// untrusted
	// signature.weak_secret error
	// The HS256 signature verifies with the well-known secret "your-256-bit-secret" (jwt.io's default HS256 secret)
}

// Load reports, for every key it could not use, where the problem is.
func ExampleLoad() {
	jwks := `{"keys":[{"kty":"EC","crv":"P-256","kid":"a","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"}]}`
	_, described, findings := keys.Load(context.Background(), keys.Material{Texts: []string{jwks}}, "", keys.Options{})
	fmt.Println(len(described))
	fmt.Println(findings[0].Code, "—", findings[0].Title)
	// Output:
	// 0
	// keys.invalid — The JWK keys[0] of the pasted key text (kty EC) lacks the member "y"
}
