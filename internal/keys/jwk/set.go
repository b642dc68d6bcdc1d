package jwk

import (
	"encoding/json"
	"strings"
)

// requiredMembers lists the required members per kty (RFC 7518 §6, RFC 8037 §2).
var requiredMembers = map[string][]string{
	KtyRSA: {"n", "e"},
	KtyEC:  {"crv", "x", "y"},
	KtyOKP: {"crv", "x"},
	KtyOct: {"k"},
}

// RequiredMembers returns the members a JWK of type kty must have; ok is
// false when kty is not a JWS key type.
func RequiredMembers(kty string) (members []string, ok bool) {
	members, ok = requiredMembers[kty]
	return members, ok
}

// ElementSpans returns the byte ranges of the elements of the "keys" array
// of a JWK Set (or of a top-level array), best effort: nil when the text
// does not have that shape. It reads at most max elements.
func ElementSpans(t string, max int) [][2]int {
	dec := json.NewDecoder(strings.NewReader(t))
	tok, err := dec.Token()
	if err != nil {
		return nil
	}
	if d, ok := tok.(json.Delim); ok && d == '{' {
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil
			}
			if k != "keys" {
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return nil
				}
				continue
			}
			tok, err = dec.Token()
			if err != nil {
				return nil
			}
			break
		}
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil
	}
	var out [][2]int
	for dec.More() && len(out) < max {
		start := int(dec.InputOffset())
		var raw json.RawMessage
		if dec.Decode(&raw) != nil {
			return out
		}
		end := int(dec.InputOffset())
		if i := strings.IndexAny(t[start:end], "{[\"0123456789-tfn"); i >= 0 {
			start += i
		}
		out = append(out, [2]int{start, end})
	}
	return out
}
