package token

import (
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
)

// Removal is what a share of one token must remove.
type Removal struct {
	// Kind is report.RedactSignature, RedactNestedToken, RedactEncrypted or
	// RedactToken.
	Kind string
	// Value is the removed part of the cleaned token, for the caller to find
	// other copies of it in the input.
	Value string
	// Span locates the removed part in the text given, in its own
	// coordinates even when the token is wrapped over lines or has
	// whitespace inside.
	Span *report.Span
}

// Redact says what a share must remove of text, one token as Inspect reads
// it (maybe damaged by copy-paste; Inspect's Result.Removal says the same
// without decoding twice): the signature of a JWS, with the payload when
// that is itself a token (cty: JWT); everything after a JWE's header; the
// whole of an opaque token. Span is relative to text. ok is false when
// there is nothing to remove (a placeholder, an alg none token without
// signature).
func Redact(text string) (Removal, bool) {
	cl := clean(text)
	if _, ok := Placeholder(cl.trimmed); ok || cl.s == "" {
		return Removal{}, false
	}
	return removal(cl, decode(cl.s, "", -1, Options{}))
}

// removal is Redact of the token cleaned and decoded.
func removal(cl cleaned, d *decoding) (Removal, bool) {
	cut, kind := removalCut(d)
	if cut >= len(cl.s) {
		return Removal{}, false
	}
	rm := Removal{Kind: kind, Value: cl.s[cut:]}
	if start, end := cl.origin(cut), cl.start+len(cl.trimmed); end > start {
		rm.Span = &report.Span{Start: start, End: end}
	}
	return rm, true
}

// removalCut is where the part of the cleaned token a share removes begins.
func removalCut(d *decoding) (int, string) {
	s := d.compact
	if d.opaque != "" || len(d.parts) == 0 {
		return 0, report.RedactToken
	}
	_, hasEnc := d.header["enc"]
	switch {
	case d.form == "jws" && d.nested != "":
		return d.parts[1].start, report.RedactNestedToken
	case d.form == "jws":
		// After the last dot: an RFC 7797 unencoded payload may hold dots,
		// a signature never does.
		return strings.LastIndexByte(s, '.') + 1, report.RedactSignature
	case d.form == "jwe" || hasEnc && len(d.parts) > 1:
		return d.parts[1].start, report.RedactEncrypted
	case len(d.parts) >= 3:
		return d.parts[2].start, report.RedactSignature
	case len(d.parts) == 2:
		return d.parts[1].start, report.RedactToken
	}
	return 0, report.RedactToken
}

// origin is the offset in the text given to clean of byte i of the
// cleaned token (the whitespace and invisible characters removed inside
// it are skipped).
func (c cleaned) origin(i int) int {
	if c.contiguous {
		return c.start + i
	}
	kept := 0
	for j := 0; j < len(c.trimmed); {
		r, w := utf8.DecodeRuneInString(c.trimmed[j:])
		if invisible(r) == "" {
			if kept+w > i {
				return c.start + j
			}
			kept += w
		}
		j += w
	}
	return c.start + len(c.trimmed)
}
