package analyze

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is the serialisable form of the analysis options. The CLI's flags
// (`--now`, `--leeway`, `--aud`, `--iss`, `--require`, `--scope`, `--secret`,
// `--key`, `--jwks`, `--discover`, `--alg`, `--reveal`, `--allow-http`,
// `--allow-private`) and the `options`
// object of `window.authdebug.inspect` are both read into a Config, so the same
// input and options give the same Report in both faces.
type Config struct {
	// Now is the analysis clock: RFC 3339 or Unix seconds. Empty: the caller's clock.
	Now string `json:"now,omitempty"`
	// Leeway is the allowed clock leeway: a Go duration ("30s", "2m") or seconds ("30").
	Leeway string `json:"leeway,omitempty"`
	Aud    string `json:"aud,omitempty"`
	Iss    string `json:"iss,omitempty"`
	// Require lists claims that must be present ("sub,aud" or ["sub","aud"]).
	Require List `json:"require,omitempty"`
	// Scope lists the scopes the caller needs.
	Scope List `json:"scope,omitempty"`
	// Secret is an HMAC secret.
	Secret string `json:"secret,omitempty"`
	// Key is PEM, JWK or JWKS text (the CLI reads it from the --key file).
	Key string `json:"key,omitempty"`
	// JWKS is a JWKS URL to fetch.
	JWKS string `json:"jwks,omitempty"`
	// Discover fetches the issuer's discovery document and its jwks_uri.
	Discover bool `json:"discover,omitempty"`
	// AllowHTTP lets discovery follow http:// issuers and jwks_uris
	// (--allow-http): OpenID Connect Discovery and RFC 8414 require https.
	AllowHTTP bool `json:"allow_http,omitempty"`
	// AllowPrivate lets the CLI's fetcher connect to loopback, private,
	// link-local and metadata addresses for URLs it did not get from the
	// user (--allow-private). The engine never fetches itself; the page's
	// fetches are the browser's, so it has no effect there.
	AllowPrivate bool `json:"allow_private,omitempty"`
	// Alg lists the allowed algorithms.
	Alg List `json:"alg,omitempty"`
	// Reveal shows credentials in full instead of fingerprints.
	Reveal bool `json:"reveal,omitempty"`
}

// List is a list of strings that reads from a JSON array or from a
// comma- or space-separated string.
type List []string

// UnmarshalJSON accepts ["a","b"] or "a,b" / "a b".
func (l *List) UnmarshalJSON(b []byte) error {
	var arr []string
	if err := json.Unmarshal(b, &arr); err == nil {
		*l = ParseList(strings.Join(arr, ","))
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("want a string or an array of strings: %w", ErrBadOption)
	}
	*l = ParseList(s)
	return nil
}

// ParseList splits "a,b c" into ["a","b","c"], dropping empty items.
func ParseList(s string) List {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(f) == 0 {
		return nil
	}
	return List(f)
}

// ParseNow reads an RFC 3339 time or Unix seconds.
func ParseNow(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty time: %w", ErrBadOption)
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n > 1e11 { // milliseconds, as JavaScript's Date.now() gives
			return time.UnixMilli(n).UTC(), nil
		}
		return time.Unix(n, 0).UTC(), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("now %q: want RFC 3339 (2026-11-22T09:00:00Z) or Unix seconds: %w", s, ErrBadOption)
}

// ParseLeeway reads a Go duration ("30s", "1m30s") or a number of seconds.
func ParseLeeway(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		if n < 0 || n > 1e9 {
			return 0, fmt.Errorf("leeway %q out of range: %w", s, ErrBadOption)
		}
		return time.Duration(n * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("leeway %q: want a duration like 30s or 2m: %w", s, ErrBadOption)
	}
	return d, nil
}
