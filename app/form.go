package ui

import (
	"strings"

	"github.com/authdebug/authdebug/internal/analyze"
)

// form is what the keys and expectations panel holds, as typed. It becomes
// an analyze.Config for each run; secrets never leave memory (no storage,
// no share link: the json tags drop them).
type form struct {
	Secret string `json:"-"`
	Key    string `json:"-"`
	Reveal bool   `json:"-"`

	JWKS    string `json:"jwks,omitempty"`
	Aud     string `json:"aud,omitempty"`
	Iss     string `json:"iss,omitempty"`
	Scope   string `json:"scope,omitempty"`
	Require string `json:"require,omitempty"`
	Alg     string `json:"alg,omitempty"`
	Leeway  string `json:"leeway,omitempty"`
	// Now fixes the analysis clock (RFC 3339 or Unix seconds); empty: the
	// browser's clock.
	Now string `json:"now,omitempty"`
}

// config is the analysis configuration of the form, without any network
// fetch: only the fetch and discover buttons add those.
func (f form) config() analyze.Config {
	return analyze.Config{
		Now:     strings.TrimSpace(f.Now),
		Leeway:  strings.TrimSpace(f.Leeway),
		Aud:     strings.TrimSpace(f.Aud),
		Iss:     strings.TrimSpace(f.Iss),
		Require: analyze.ParseList(f.Require),
		Scope:   analyze.ParseList(f.Scope),
		Secret:  f.Secret,
		Key:     f.Key,
		Alg:     analyze.ParseList(f.Alg),
		Reveal:  f.Reveal,
	}
}

// expectations counts the filled-in expectation fields, for the panel's
// summary line.
func (f form) expectations() int {
	n := 0
	for _, s := range []string{f.Aud, f.Iss, f.Scope, f.Require, f.Alg, f.Leeway, f.Now} {
		if strings.TrimSpace(s) != "" {
			n++
		}
	}
	return n
}

// keyMaterial says whether any key material was given.
func (f form) keyMaterial() bool {
	return strings.TrimSpace(f.Secret) != "" || strings.TrimSpace(f.Key) != ""
}
