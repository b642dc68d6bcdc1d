package token

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/jsonscan"
	"github.com/authdebug/authdebug/internal/report"
)

// MaxDepth bounds the nesting of JSON objects and arrays in a header or payload.
const MaxDepth = 64

// b64diag describes how a segment departs from base64url (RFC 7515 §2).
type b64diag struct {
	std    int // position of the first '+' or '/' (standard alphabet), -1 if none
	padded bool
	bad    int // position of the first character outside any base64 alphabet, -1 if none
	err    error
	msg    string // for report.Segment.Error
}

func isURLChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// decodeB64 decodes a base64url segment, tolerating the standard alphabet
// and padding (reported through the diagnosis, not as failures).
func decodeB64(seg string) ([]byte, b64diag) {
	d := b64diag{std: -1, bad: -1}
	end := len(seg)
	for end > 0 && seg[end-1] == '=' && len(seg)-end < 2 {
		end--
	}
	if end < len(seg) {
		d.padded = true
	}
	for i := 0; i < end; i++ {
		c := seg[i]
		switch {
		case isURLChar(c):
		case c == '+' || c == '/':
			if d.std < 0 {
				d.std = i
			}
		default:
			d.bad = i
			d.msg = fmt.Sprintf("%s at position %d is not a base64url character", report.CharDesc(seg, i), i+1)
			d.err = fmt.Errorf("%s: %w", d.msg, ErrNotBase64URL)
			return nil, d
		}
	}
	body := seg[:end]
	if len(body)%4 == 1 {
		d.msg = fmt.Sprintf("%d characters cannot be base64url (a multiple of 4 plus 1): a character is missing or extra", len(body))
		d.err = fmt.Errorf("%s: %w", d.msg, ErrNotBase64URL)
		return nil, d
	}
	if d.std >= 0 {
		body = strings.Map(func(r rune) rune {
			switch r {
			case '+':
				return '-'
			case '/':
				return '_'
			}
			return r
		}, body)
	}
	out, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		d.msg = "not base64url: " + err.Error()
		d.err = fmt.Errorf("%s: %w", d.msg, ErrNotBase64URL)
		return nil, d
	}
	return out, d
}

// DecodeSegment decodes one base64url segment of a compact token. It
// tolerates the standard base64 alphabet and padding, which servers do not;
// an error wraps ErrNotBase64URL and names the offending character and its
// 1-based position.
func DecodeSegment(seg string) ([]byte, error) {
	b, d := decodeB64(seg)
	return b, d.err
}

// depthOK reports whether JSON text nests at most max levels; at is the
// offset where it goes deeper.
func depthOK(b []byte, max int) (ok bool, at int) {
	for off := 0; off < len(b); {
		end, _, deep := jsonscan.Extent(b, off, max)
		if deep >= 0 {
			return false, deep
		}
		if end <= off {
			break
		}
		off = end
	}
	return true, 0
}

// firstByte returns the first non-whitespace byte of b, or 0.
func firstByte(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c
	}
	return 0
}

func jsonKind(c byte) string {
	switch {
	case c == '[':
		return "a JSON array"
	case c == '"':
		return "a JSON string"
	case c == '-' || c >= '0' && c <= '9':
		return "a JSON number"
	case c == 't' || c == 'f':
		return "a JSON boolean"
	case c == 'n':
		return "JSON null"
	}
	return "not JSON"
}

// ParseObject parses a JSON object with numbers as json.Number, nesting at
// most MaxDepth levels. Errors wrap ErrNotJSON (with the byte offset),
// ErrNotObject or ErrTooDeep.
func ParseObject(b []byte) (map[string]any, error) {
	m, _, err := parseObject(b)
	return m, err
}

// parseObject also returns the byte offset of a syntax error (-1 otherwise).
func parseObject(b []byte) (map[string]any, int, error) {
	fb := firstByte(b)
	if fb != '{' {
		if fb != 0 && json.Valid(b) {
			return nil, -1, fmt.Errorf("it is %s: %w", jsonKind(fb), ErrNotObject)
		}
		if fb == 0 {
			return nil, -1, fmt.Errorf("it is empty: %w", ErrNotJSON)
		}
		// Not JSON at all; let the caller treat it as text.
		return nil, -1, fmt.Errorf("it does not start with '{': %w", ErrNotJSON)
	}
	if ok, at := depthOK(b, MaxDepth); !ok {
		return nil, at, fmt.Errorf("it nests deeper than %d levels at byte %d: %w", MaxDepth, at+1, ErrTooDeep)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, int(se.Offset), fmt.Errorf("%v at byte %d: %w", se, se.Offset, ErrNotJSON)
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return nil, len(b), fmt.Errorf("the JSON ends early, after %d bytes (truncated?): %w", len(b), ErrNotJSON)
		}
		return nil, -1, fmt.Errorf("%v: %w", err, ErrNotJSON)
	}
	off := int(dec.InputOffset())
	if rest := bytes.TrimSpace(b[off:]); len(rest) > 0 {
		return nil, off, fmt.Errorf("unexpected data after the JSON object at byte %d: %w", off+1, ErrNotJSON)
	}
	return m, -1, nil
}

// compactJSON returns valid, compact JSON for display in the Report, in the
// original member order; invalid UTF-8 is replaced by U+FFFD.
func compactJSON(b []byte) json.RawMessage {
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	var buf bytes.Buffer
	buf.Grow(len(b))
	if err := json.Compact(&buf, b); err != nil {
		return nil
	}
	return json.RawMessage(buf.Bytes())
}

// snippet shows a few bytes of b around off, for evidence of a JSON error.
func snippet(b []byte, off int) string {
	if off < 0 {
		off = 0
	}
	if off > len(b) {
		off = len(b)
	}
	lo, hi := off-24, off+24
	pre, post := "…", "…"
	if lo <= 0 {
		lo, pre = 0, ""
	}
	if hi >= len(b) {
		hi, post = len(b), ""
	}
	return pre + fmt.Sprintf("%q", b[lo:hi]) + post
}
