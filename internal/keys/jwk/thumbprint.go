package jwk

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// jsonString renders s as a JSON string, as encoding/json does.
func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		return `""`
	}
	return string(b)
}

// PublicJSON returns the JWK JSON of a public key: the members RFC 7638 §3.2
// requires in lexicographic order, no whitespace, and kid (in its place in
// that order) when kid is not "". With kid "" it is the Thumbprint input. ok
// is false for keys a JWK cannot describe here (other curves, wrong sizes).
func PublicJSON(k *PublicKey, kid string) ([]byte, bool) {
	if k == nil {
		return nil, false
	}
	enc := base64.RawURLEncoding.EncodeToString
	type member struct{ name, value string }
	var ms []member
	switch k.Kty {
	case KtyRSA:
		n, e := trimZeros(k.N), trimZeros(k.E)
		if len(n) == 0 || len(e) == 0 {
			return nil, false
		}
		ms = []member{{"e", enc(e)}, {"kty", KtyRSA}, {"n", enc(n)}}
	case KtyEC:
		c, ok := curves[k.Crv]
		if !ok || len(k.X) != c.size || len(k.Y) != c.size {
			return nil, false
		}
		ms = []member{{"crv", k.Crv}, {"kty", KtyEC}, {"x", enc(k.X)}, {"y", enc(k.Y)}}
	case KtyOKP:
		if k.Crv != "Ed25519" || len(k.X) != 32 {
			return nil, false
		}
		ms = []member{{"crv", "Ed25519"}, {"kty", KtyOKP}, {"x", enc(k.X)}}
	default:
		return nil, false
	}
	var b strings.Builder
	b.WriteByte('{')
	wrote := false
	put := func(name, value string) {
		if wrote {
			b.WriteByte(',')
		}
		wrote = true
		b.WriteString(jsonString(name))
		b.WriteByte(':')
		b.WriteString(jsonString(value))
	}
	kidDone := kid == ""
	for _, m := range ms {
		if !kidDone && "kid" < m.name {
			put("kid", kid)
			kidDone = true
		}
		put(m.name, m.value)
	}
	if !kidDone {
		put("kid", kid)
	}
	b.WriteByte('}')
	return []byte(b.String()), true
}

// Thumbprint returns the RFC 7638 JWK Thumbprint (SHA-256, base64url) of a
// public key, or "" for keys without one.
func Thumbprint(k *PublicKey) string {
	canon, ok := PublicJSON(k, "")
	if !ok {
		return ""
	}
	sum := sha256.Sum256(canon)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
