package jwk

import (
	"encoding/base64"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// Key is the key material of a JWK after the structural checks of Decode
// (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2). The checks that say a
// well-formed key is unusable (the RSA modulus and exponent, the EC point,
// OKP curves that are not for signatures, an empty secret) are left to the
// caller.
type Key struct {
	Pub    *PublicKey // kty RSA, EC, and OKP Ed25519
	N, E   *big.Int   // kty RSA
	Crv    string     // kty EC and OKP
	Secret []byte     // kty oct
	X5C    string     // the first "x5c" entry as given (standard base64 DER)
}

// Defect is why a JWK cannot be loaded at all: a finding's title, detail,
// fix, evidence and references. It matches ErrInvalid with errors.Is.
type Defect struct {
	Title, Detail, Fix, Evidence string
	Refs                         []string
}

func (d *Defect) Error() string { return d.Title }

// Unwrap lets errors.Is match ErrInvalid.
func (d *Defect) Unwrap() error { return ErrInvalid }

// refJWK is the JWK section of RFC 7517.
const refJWK = "RFC 7517 §4"

// stringMembers are the optional JWK members that are strings
// (RFC 7517 §4.2-4.9); a JWK library refuses the whole key when one has
// another type. null counts as absent.
var stringMembers = []string{"kid", "alg", "use", "x5u", "x5t", "x5t#S256"}

// privateMembers are the private members per kty (RFC 7518 §6.2.2,
// §6.3.2, RFC 8037 §2). They are never used, but a key whose private part
// does not decode is refused by libraries that load it.
var privateMembers = map[string][]string{
	KtyRSA: {"d", "p", "q", "dp", "dq", "qi"},
	KtyEC:  {"d"},
	KtyOKP: {"d"},
}

// PrivateMembers returns the private members of a JWK of type kty (none
// for oct, whose "k" is the key).
func PrivateMembers(kty string) []string { return privateMembers[kty] }

// Decode decodes the key of a JWK whose required members are present,
// strings, and (but crv) strict base64url: the caller has checked that
// (RequiredMembers). name
// names the key for titles ("the JWK in …", "JWK keys[1] of …"). It never
// panics.
func Decode(m map[string]any, kty, name string) (*Key, *Defect) {
	the := TheName(name)
	for _, mem := range stringMembers {
		if v, ok := m[mem]; ok && v != nil {
			if _, isStr := v.(string); !isStr {
				return nil, &Defect{
					Title:    "The member " + quote(mem) + " of " + the + " is not a string",
					Detail:   "RFC 7517 §4 defines " + quote(mem) + " as a string; JWK libraries refuse the whole key when a member has another type.",
					Fix:      "Make " + mem + " a string, or remove it.",
					Evidence: mem + "=" + report.Clip(jsonish(v), 30),
					Refs:     []string{refJWK},
				}
			}
		}
	}
	k := &Key{}
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
			return nil, &Defect{
				Title:    "The member " + quote(mem) + " of " + the + " is not an array of strings",
				Detail:   "RFC 7517 §4 defines " + quote(mem) + " as an array of strings; JWK libraries refuse the whole key when a member has another type.",
				Fix:      "Make " + mem + " an array of strings, or remove it.",
				Evidence: mem + "=" + report.Clip(jsonish(v), 40),
				Refs:     []string{refJWK},
			}
		}
		if mem == "x5c" && len(arr) > 0 {
			k.X5C = arr[0].(string)
		}
	}
	var d []byte // EC "d", checked against the curve below
	for _, mem := range privateMembers[kty] {
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
			return nil, &Defect{
				Title:    "The private member " + quote(mem) + " of " + the + " " + what,
				Detail:   "Private key members are non-empty base64url strings without padding (RFC 7518 §6, RFC 7515 §2). Verification never needs them, but a library that loads this JWK refuses the whole key.",
				Fix:      "Paste the public key only (drop \"d\" and the other private members).",
				Evidence: ev,
				Refs:     []string{"RFC 7518 §6", "RFC 7515 §2"},
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
	case KtyOct:
		k.Secret = b64("k")
	case KtyRSA:
		e := new(big.Int).SetBytes(b64("e"))
		k.N, k.E = new(big.Int).SetBytes(b64("n")), e
		k.Pub = RSAPublicKey(k.N, k.E)
	case KtyEC:
		crv, _ := m["crv"].(string)
		c, ok := curves[crv]
		if !ok {
			detail := "JWS EC keys are on P-256 (ES256), P-384 (ES384) or P-521 (ES512) (RFC 7518 §6.2.1.1)."
			if crv == "secp256k1" {
				detail = "secp256k1 is the curve of ES256K (RFC 8812 §3.1); this tool has no secp256k1 implementation (Go's standard library has none), so it cannot load or check such a key."
			}
			return nil, &Defect{
				Title:    "The EC key in " + name + " has crv " + quote(crv) + ", a curve this tool cannot use",
				Detail:   detail,
				Fix:      "Use the issuer's P-256, P-384 or P-521 key, or check the crv member.",
				Evidence: "crv=" + quote(crv),
				Refs:     []string{"RFC 7518 §6.2.1.1", "RFC 8812 §3.1"},
			}
		}
		for _, mem := range []string{"x", "y", "d"} {
			v := b64(mem)
			if mem == "d" {
				if kty != KtyEC || d == nil {
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
				return nil, &Defect{
					Title: "The EC key in " + name + " is not a valid " + crv + " key: " + quote(mem) + " is " + plural(len(v), "byte") + ", not " + strconv.Itoa(c.size),
					Detail: "RFC 7518 §6.2 requires " + quote(mem) + " to be exactly the curve's size, " + strconv.Itoa(c.size) + " bytes for " + crv + ", leading zero bytes included. " +
						"This one was cut or padded in copying, or written by a library that drops leading zeros; strict libraries refuse the key.",
					Fix:      "Copy the key again from the issuer's JWKS; if the issuer publishes it so, its JWK encoder must left-pad " + mem + " to " + strconv.Itoa(c.size) + " bytes.",
					Evidence: mem + ": " + plural(len(v), "byte"),
					Refs:     []string{ref, refJWK},
				}
			}
		}
		k.Crv = crv
		k.Pub = &PublicKey{Kty: KtyEC, Crv: crv, X: b64("x"), Y: b64("y")}
	case KtyOKP:
		crv, _ := m["crv"].(string)
		switch crv {
		case "Ed25519":
			x := b64("x")
			if len(x) != 32 {
				return nil, &Defect{
					Title:    "The Ed25519 key in " + name + " is not valid: \"x\" is " + plural(len(x), "byte") + ", not 32",
					Detail:   "An Ed25519 public key is exactly 32 bytes (RFC 8032 §5.1.5, RFC 8037 §2); this one was cut or altered in copying.",
					Fix:      "Copy the key again from the issuer's JWKS.",
					Evidence: "x: " + plural(len(x), "byte"),
					Refs:     []string{"RFC 8037 §2", "RFC 8032 §5.1.5"},
				}
			}
			k.Pub = &PublicKey{Kty: KtyOKP, Crv: "Ed25519", X: x}
		case "Ed448", "X25519", "X448":
			// Well-formed but not usable here (Pub is nil); the caller says why.
		default:
			return nil, &Defect{
				Title:    "The OKP key in " + name + " has crv " + quote(crv) + ", which is not an OKP curve",
				Detail:   "OKP keys have crv Ed25519 or Ed448 (signatures) or X25519 or X448 (key agreement) (RFC 8037 §2); EC curves such as P-256 use kty \"EC\".",
				Fix:      "Fix the kty or crv member, or copy the key again.",
				Evidence: "kty=OKP crv=" + quote(crv),
				Refs:     []string{"RFC 8037 §2"},
			}
		}
		k.Crv = crv
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
		return "[…" + strconv.Itoa(len(x)) + " items]"
	case map[string]any:
		return "{…}"
	case nil:
		return "null"
	}
	return report.Clip(fmt.Sprint(v), 30)
}

// TheName puts "the" before a key's name unless it has one: "the JWK in
// the pasted key text", "the JWK keys[1] of …".
func TheName(name string) string {
	if strings.HasPrefix(name, "the ") {
		return name
	}
	return "the " + name
}

func quote(s string) string { return report.Quote(s, 120) }

func plural(n int, word string) string {
	return report.Plural(n, "1 "+word, strconv.Itoa(n)+" "+word+"s")
}
