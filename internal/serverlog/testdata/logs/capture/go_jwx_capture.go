//go:build ignore

// go_jwx_capture prints lestrrat-go/jwx v2's errors as a Go API logs them
// with log and log/slog: an expired token, a bad signature, a kid the key
// set does not have.
//
// Run from the module root:
//
//	go run ./internal/serverlog/testdata/logs/capture/go_jwx_capture.go internal/serverlog/testdata/logs
//
// Keys are generated per run.
package main

import (
	"crypto/rand"
	"crypto/rsa"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jwt"
)

func key(kid string) (jwk.Key, jwk.Key) {
	raw, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	priv, err := jwk.FromRaw(raw)
	if err != nil {
		panic(err)
	}
	_ = priv.Set(jwk.KeyIDKey, kid)
	_ = priv.Set(jwk.AlgorithmKey, jwa.RS256)
	pub, err := priv.PublicKey()
	if err != nil {
		panic(err)
	}
	return priv, pub
}

func sign(priv jwk.Key, exp time.Time) []byte {
	tok, err := jwt.NewBuilder().Subject("u1").Expiration(exp).Build()
	if err != nil {
		panic(err)
	}
	b, err := jwt.Sign(tok, jwt.WithKey(jwa.RS256, priv))
	if err != nil {
		panic(err)
	}
	return b
}

func main() {
	out := "."
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	now := time.Now()
	k1, p1 := key("k1")
	k2, _ := key("k2")
	_, other := key("k1")
	set := func(ks ...jwk.Key) jwk.Set {
		s := jwk.NewSet()
		for _, k := range ks {
			_ = s.AddKey(k)
		}
		return s
	}
	cases := []struct {
		name string
		tok  []byte
		keys jwk.Set
	}{
		{"expired", sign(k1, now.Add(-2*time.Minute)), set(p1)},
		{"bad_signature", sign(k1, now.Add(10*time.Minute)), set(other)},
		{"kid_not_found", sign(k2, now.Add(10*time.Minute)), set(p1)},
	}
	for _, c := range cases {
		_, err := jwt.Parse(c.tok, jwt.WithKeySet(c.keys), jwt.WithValidate(true))
		if err == nil {
			panic(c.name + ": accepted")
		}
		f, ferr := os.Create(filepath.Join(out, "go_jwx_"+c.name+".txt"))
		if ferr != nil {
			panic(ferr)
		}
		log.New(f, "", log.LstdFlags).Printf("authn: jwt.Parse: %v", err)
		slog.New(slog.NewJSONHandler(f, nil)).Error("token rejected", "error", err.Error(), "path", "/v1/me")
		f.Close()
	}
}
