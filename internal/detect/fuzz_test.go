package detect

import (
	"os"
	"path/filepath"
	"testing"
)

func FuzzDetect(f *testing.F) {
	for _, dir := range []string{"testdata", filepath.Join("..", "exchange", "testdata"), filepath.Join("..", "serverlog", "testdata", "logs"), filepath.Join("..", "exchange", "testdata", "httpdebug"), filepath.Join("..", "exchange", "testdata", "console")} {
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			if e.IsDir() {
				continue
			}
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				f.Add(string(b))
			}
		}
	}
	for _, s := range []string{
		jws, "Bearer realm=\"x\"", "undefined", "{\n{\n{\n", "-----BEGIN X-----\n", "curl 'a\ncurl \"b\n",
		"> GET / HTTP/1.1\n< HTTP/1.1 401 X\n<\n{\"a\":1}\n* done", "a: b\nc: d\n\ne: f", "\x00\xff",
		"General\nStatus Code: 401\n\nResponse Headers\nx: y", "eyJ.eyJ.", "```\n```",
		"Traceback (most recent call last):\n\n\nDuring handling", "2026-12-07 15:28:11 x\n  at y\n\n", "[2026/", "fail: x]", "level= msg=",
		"{\"level\":\"error\",\"msg\":\"a\"}\n{", "ERROR [", "0:00:0 2026-12-07T00:00:00Z",
		"$ date +%s\n1765120000\n{\"exp\":1,\"sub\":\"u\"}\n1765120000", "{\"iat\":-1,\"aud\":[]}\n\n\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps := Detect(s)
		checkParts(t, s, ps)
		if len(ps) > len(s) {
			t.Fatalf("%d parts from %d bytes", len(ps), len(s))
		}
		for _, p := range ps {
			if p.Kind == "" {
				t.Fatal("part without a kind")
			}
			if p.Kind == "unknown" {
				_ = Unrecognized(p)
			}
		}
	})
}
