//go:build ignore

// go_capture prints golang-jwt/jwt v5's errors as log and log/slog write
// them (an expired token, a bad signature, an unknown kid from a keyfunc).
//
// Run from the module root:
//
//	go run ./internal/serverlog/testdata/logs/capture/go_capture.go internal/serverlog/testdata/logs
//
// Tokens are signed with a throw-away test secret.
package main

import (
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var secret = []byte("throw-away-test-secret-0123456789abcdef")

func sign(claims jwt.MapClaims, kid string) string {
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	if kid != "" {
		t.Header["kid"] = kid
	}
	s, err := t.SignedString(secret)
	if err != nil {
		panic(err)
	}
	return s
}

func main() {
	out := "."
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	now := time.Now()
	cases := []struct {
		name string
		tok  string
		key  jwt.Keyfunc
	}{
		{"expired", sign(jwt.MapClaims{"sub": "u1", "exp": now.Add(-2 * time.Minute).Unix()}, ""),
			func(*jwt.Token) (any, error) { return secret, nil }},
		{"bad_signature", sign(jwt.MapClaims{"sub": "u1", "exp": now.Add(10 * time.Minute).Unix()}, ""),
			func(*jwt.Token) (any, error) { return []byte("another-secret"), nil }},
		{"kid_not_found", sign(jwt.MapClaims{"sub": "u1", "exp": now.Add(10 * time.Minute).Unix()}, "k2"),
			func(t *jwt.Token) (any, error) {
				if kid, _ := t.Header["kid"].(string); kid != "k1" {
					return nil, fmt.Errorf("kid %q not found", kid)
				}
				return secret, nil
			}},
	}
	for _, c := range cases {
		_, err := jwt.Parse(c.tok, c.key, jwt.WithValidMethods([]string{"HS256"}))
		if err == nil {
			panic(c.name + ": accepted")
		}
		f, ferr := os.Create(filepath.Join(out, "go_golang_jwt_"+c.name+".txt"))
		if ferr != nil {
			panic(ferr)
		}
		l := log.New(f, "", log.LstdFlags)
		l.Printf("auth: %v", err)
		slog.New(slog.NewTextHandler(f, nil)).Error("token rejected", "err", err, "expired", errors.Is(err, jwt.ErrTokenExpired))
		slog.New(slog.NewJSONHandler(f, nil)).Error("token rejected", "err", err.Error())
		f.Close()
	}
}
