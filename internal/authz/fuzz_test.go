package authz

import (
	"testing"
)

// FuzzParse: no panic, valid findings, spans inside the value, the
// credential's offset locates it, secrets masked unless revealed.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Bearer " + jwt, "Authorization: Bearer " + jwt, "Bearer: x", "Bearerx", "Bearer  x", "Bearer\tx", "Bearer Bearer x",
		`Bearer "x"`, "bearer x", "Bearer", "", "Authorization:", jwt, "Basic " + basic("alice:s3cr3t!"), "Basic a!b",
		"Basic " + basic("x"), "Basic " + basic(":y"), "Basic YWxpY2U6cHc", `Digest realm="a"`, "DPoP " + jwt, "“x”",
		"Proxy-Authorization: basic: “" + basic("u:p") + "”", "\xff\xfe", "Bearer \x00",
	} {
		f.Add(s, 0, false)
	}
	f.Fuzz(func(t *testing.T, value string, offset int, reveal bool) {
		if offset < 0 {
			offset = -1
		} else {
			offset %= 1 << 20
		}
		c, fs := Parse(value, offset, reveal)
		check(t, value, offset, reveal, c, fs)
		if len(fs) > 12 {
			t.Fatalf("%d findings", len(fs))
		}
	})
}
