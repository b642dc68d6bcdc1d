package keys

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// jwkKey is the key material of a JWK after the structural checks of
// decodeJWK (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2). The checks that say a
// well-formed key is unusable (checkRSA, the EC point, OKP curves that are
// not for signatures, an empty secret) are left to the caller.
type jwkKey struct {
	pub    *PublicKey // kty RSA, EC, and OKP Ed25519
	n, e   *big.Int   // kty RSA, for checkRSA
	crv    string     // kty EC and OKP
	secret []byte     // kty oct
	x5c    string     // the first "x5c" entry as given (standard base64 DER)
}

// jwkDefect is why a JWK cannot be loaded at all: a finding's title,
// detail, evidence and references.
type jwkDefect struct {
	title, detail, fix, evidence string
	refs                         []string
}

// jwkStringMembers are the optional JWK members that are strings
// (RFC 7517 §4.2-4.9); a JWK library refuses the whole key when one has
// another type. null counts as absent.
var jwkStringMembers = []string{"kid", "alg", "use", "x5u", "x5t", "x5t#S256"}

// jwkPrivateMembers are the private members per kty (RFC 7518 §6.2.2,
// §6.3.2, RFC 8037 §2). They are never used, but a key whose private part
// does not decode is refused by libraries that load it.
var jwkPrivateMembers = map[string][]string{
	ktyRSA: {"d", "p", "q", "dp", "dq", "qi"},
	ktyEC:  {"d"},
	ktyOKP: {"d"},
}

// decodeJWK decodes the key of a JWK whose required members are present,
// strings, and (but crv) strict base64url: parseJWK has checked that. name
// names the key for titles ("the JWK in …", "JWK keys[1] of …"). It never
// panics.
func decodeJWK(m map[string]any, kty, name string) (*jwkKey, *jwkDefect) {
	the := theName(name)
	for _, mem := range jwkStringMembers {
		if v, ok := m[mem]; ok && v != nil {
			if _, isStr := v.(string); !isStr {
				return nil, &jwkDefect{
					title:    "The member " + quote(mem) + " of " + the + " is not a string",
					detail:   "RFC 7517 §4 defines " + quote(mem) + " as a string; JWK libraries refuse the whole key when a member has another type.",
					fix:      "Make " + mem + " a string, or remove it.",
					evidence: mem + "=" + clip(jsonish(v), 30),
					refs:     []string{refJWK},
				}
			}
		}
	}
	k := &jwkKey{}
	for _, mem := range []string{"key_ops", "x5c"} {
		v, ok := m[mem]
		if !ok || v == nil {
			continue
		}
		arr, isArr := v.([]any)
		for _, e := range arr {
			if _, isStr := e.(string); !isStr {
				isArr = false
			}
		}
		if !isArr {
			return nil, &jwkDefect{
				title:    "The member " + quote(mem) + " of " + the + " is not an array of strings",
				detail:   "RFC 7517 §4 defines " + quote(mem) + " as an array of strings; JWK libraries refuse the whole key when a member has another type.",
				fix:      "Make " + mem + " an array of strings, or remove it.",
				evidence: mem + "=" + clip(jsonish(v), 40),
				refs:     []string{refJWK},
			}
		}
		if mem == "x5c" && len(arr) > 0 {
			k.x5c = arr[0].(string)
		}
	}
	var d []byte // EC "d", checked against the curve below
	for _, mem := range jwkPrivateMembers[kty] {
		v, ok := m[mem]
		if !ok {
			continue
		}
		s, isStr := v.(string)
		b, err := base64.RawURLEncoding.Strict().DecodeString(s)
		if !isStr || err != nil || len(b) == 0 {
			what, ev := "is not base64url", mem+": "+plural(len(s), "character")
			switch {
			case !isStr:
				what, ev = "is not a string", mem+"="+jsonKind(v)
			case s == "":
				what = "is empty"
			}
			return nil, &jwkDefect{
				title:    "The private member " + quote(mem) + " of " + the + " " + what,
				detail:   "Private key members are non-empty base64url strings without padding (RFC 7518 §6, RFC 7515 §2). Verification never needs them, but a library that loads this JWK refuses the whole key.",
				fix:      "Paste the public key only (drop \"d\" and the other private members).",
				evidence: ev,
				refs:     []string{"RFC 7518 §6", "RFC 7515 §2"},
			}
		}
		if mem == "d" {
			d = b
		}
	}
	b64 := func(mem string) []byte {
		s, _ := m[mem].(string)
		b, _ := base64.RawURLEncoding.DecodeString(s)
		return b
	}
	switch kty {
	case ktyOct:
		k.secret = b64("k")
	case ktyRSA:
		e := new(big.Int).SetBytes(b64("e"))
		if e.BitLen() > 31 {
			problem := "the public exponent is " + itoa(e.BitLen()) + " bits, over the 31 bits verifiers accept"
			return nil, &jwkDefect{
				title:    "The RSA key in " + name + " cannot be used: " + problem,
				detail:   "Go's crypto/rsa and other verifiers refuse an exponent over 2³¹−1 (real keys use 65537). " + rsaProblemDetail(problem),
				fix:      "Use the issuer's real RSA public key (2048 bits or more, exponent 65537).",
				evidence: "e: " + itoa(len(b64("e"))) + " bytes",
				refs:     []string{"RFC 7518 §6.3.1.2", "RFC 8017 §3.1"},
			}
		}
		k.n, k.e = new(big.Int).SetBytes(b64("n")), e
		k.pub = rsaPublicKey(k.n, k.e)
	case ktyEC:
		crv, _ := m["crv"].(string)
		c, ok := ecCurves[crv]
		if !ok {
			detail := "JWS EC keys are on P-256 (ES256), P-384 (ES384) or P-521 (ES512) (RFC 7518 §6.2.1.1)."
			if crv == "secp256k1" {
				detail = "secp256k1 is the curve of ES256K (RFC 8812 §3.1); this tool has no secp256k1 implementation (Go's standard library has none), so it cannot load or check such a key."
			}
			return nil, &jwkDefect{
				title:    "The EC key in " + name + " has crv " + quote(crv) + ", a curve this tool cannot use",
				detail:   detail,
				fix:      "Use the issuer's P-256, P-384 or P-521 key, or check the crv member.",
				evidence: "crv=" + quote(crv),
				refs:     []string{"RFC 7518 §6.2.1.1", "RFC 8812 §3.1"},
			}
		}
		for _, mem := range []string{"x", "y", "d"} {
			v := b64(mem)
			if mem == "d" {
				if kty != ktyEC || d == nil {
					continue
				}
				v = d
			}
			if len(v) != c.size {
				ref := "RFC 7518 §6.2.1.2"
				switch mem {
				case "y":
					ref = "RFC 7518 §6.2.1.3"
				case "d":
					ref = "RFC 7518 §6.2.2.1"
				}
				return nil, &jwkDefect{
					title: "The EC key in " + name + " is not a valid " + crv + " key: " + quote(mem) + " is " + plural(len(v), "byte") + ", not " + itoa(c.size),
					detail: "RFC 7518 §6.2 requires " + quote(mem) + " to be exactly the curve's size, " + itoa(c.size) + " bytes for " + crv + ", leading zero bytes included. " +
						"This one was cut or padded in copying, or written by a library that drops leading zeros; strict libraries refuse the key.",
					fix:      "Copy the key again from the issuer's JWKS; if the issuer publishes it so, its JWK encoder must left-pad " + mem + " to " + itoa(c.size) + " bytes.",
					evidence: mem + ": " + plural(len(v), "byte"),
					refs:     []string{ref, refJWK},
				}
			}
		}
		k.crv = crv
		k.pub = &PublicKey{Kty: ktyEC, Crv: crv, X: b64("x"), Y: b64("y")}
	case ktyOKP:
		crv, _ := m["crv"].(string)
		switch crv {
		case "Ed25519":
			x := b64("x")
			if len(x) != 32 {
				return nil, &jwkDefect{
					title:    "The Ed25519 key in " + name + " is not valid: \"x\" is " + plural(len(x), "byte") + ", not 32",
					detail:   "An Ed25519 public key is exactly 32 bytes (RFC 8032 §5.1.5, RFC 8037 §2); this one was cut or altered in copying.",
					fix:      "Copy the key again from the issuer's JWKS.",
					evidence: "x: " + plural(len(x), "byte"),
					refs:     []string{"RFC 8037 §2", "RFC 8032 §5.1.5"},
				}
			}
			k.pub = &PublicKey{Kty: ktyOKP, Crv: "Ed25519", X: x}
		case "Ed448", "X25519", "X448":
			// Well-formed but not usable here; parseJWK says why.
		default:
			return nil, &jwkDefect{
				title:    "The OKP key in " + name + " has crv " + quote(crv) + ", which is not an OKP curve",
				detail:   "OKP keys have crv Ed25519 or Ed448 (signatures) or X25519 or X448 (key agreement) (RFC 8037 §2); EC curves such as P-256 use kty \"EC\".",
				fix:      "Fix the kty or crv member, or copy the key again.",
				evidence: "kty=OKP crv=" + quote(crv),
				refs:     []string{"RFC 8037 §2"},
			}
		}
		k.crv = crv
	}
	return k, nil
}

// jsonKind names the type of a decoded JSON value.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "a number"
}

// jsonish renders a decoded JSON value briefly for evidence.
func jsonish(v any) string {
	switch x := v.(type) {
	case string:
		return quote(x)
	case []any:
		return "[…" + itoa(len(x)) + " items]"
	case map[string]any:
		return "{…}"
	case nil:
		return "null"
	}
	return clip(fmt.Sprint(v), 30)
}

// theName puts "the" before a key's name unless it has one: "the JWK in
// the pasted key text", "the JWK keys[1] of …".
func theName(name string) string {
	if strings.HasPrefix(name, "the ") {
		return name
	}
	return "the " + name
}

// jsonString renders s as a JSON string, as encoding/json does.
func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		return `""`
	}
	return string(b)
}

// publicJWK returns the JWK JSON of a public key: the members RFC 7638 §3.2
// requires in lexicographic order, no whitespace, and kid (in its place in
// that order) when kid is not "". With kid "" it is the thumbprint input. ok
// is false for keys a JWK cannot describe here (other curves, wrong sizes).
func publicJWK(k *PublicKey, kid string) ([]byte, bool) {
	if k == nil {
		return nil, false
	}
	enc := base64.RawURLEncoding.EncodeToString
	type member struct{ name, value string }
	var ms []member
	switch k.Kty {
	case ktyRSA:
		n, e := trimZeros(k.N), trimZeros(k.E)
		if len(n) == 0 || len(e) == 0 {
			return nil, false
		}
		ms = []member{{"e", enc(e)}, {"kty", ktyRSA}, {"n", enc(n)}}
	case ktyEC:
		c, ok := ecCurves[k.Crv]
		if !ok || len(k.X) != c.size || len(k.Y) != c.size {
			return nil, false
		}
		ms = []member{{"crv", k.Crv}, {"kty", ktyEC}, {"x", enc(k.X)}, {"y", enc(k.Y)}}
	case ktyOKP:
		if k.Crv != "Ed25519" || len(k.X) != 32 {
			return nil, false
		}
		ms = []member{{"crv", "Ed25519"}, {"kty", ktyOKP}, {"x", enc(k.X)}}
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

// thumbprint returns the RFC 7638 JWK thumbprint (SHA-256, base64url) of a
// public key, or "" for keys without one.
func thumbprint(k *PublicKey) string {
	canon, ok := publicJWK(k, "")
	if !ok {
		return ""
	}
	sum := sha256.Sum256(canon)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
