package gocrypto_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"

	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
)

// The command-line tool injects gocrypto as the verifier of RS*, PS*, ES*
// and EdDSA signatures.
func ExampleNew() {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	der, _ := x509.MarshalPKIXPublicKey(priv.Public())
	pubPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	enc := base64.RawURLEncoding
	input := enc.EncodeToString([]byte(`{"alg":"EdDSA"}`)) + "." + enc.EncodeToString([]byte(`{"sub":"u1"}`))
	token := input + "." + enc.EncodeToString(ed25519.Sign(priv, []byte(input)))

	ctx := context.Background()
	opts := keys.Options{Verifier: gocrypto.New()}
	set, described, _ := keys.Load(ctx, keys.Material{Texts: []string{pubPEM}}, "", opts)
	sig, findings := keys.Verify(ctx, keys.Token{Compact: token}, set, opts)

	fmt.Println(described[0].Kty, described[0].Crv)
	fmt.Println(sig.Status, sig.Alg)
	fmt.Println(findings[0].Title)

	// Without a verifier, the same token is unsupported.
	sig, findings = keys.Verify(ctx, keys.Token{Compact: token}, set, keys.Options{})
	fmt.Println(sig.Status, "—", findings[0].Title)
	// Output:
	// OKP Ed25519
	// verified EdDSA
	// The EdDSA signature verifies with the public key in PEM block 1 (line 1) of the pasted key text (Ed25519)
	// unsupported — This build has no verifier for EdDSA signatures
}
