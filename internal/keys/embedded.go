package keys

import (
	"encoding/base64"
	"errors"
	"strings"

	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/authdebug/authdebug/internal/keys/pkix"
	"github.com/authdebug/authdebug/internal/report"
)

// embeddedKeys loads the keys the token carries itself: jwk and the first
// certificate of x5c (RFC 7515 §4.1.3, §4.1.6). jku and x5u are URLs and
// are never fetched.
func (r *vrun) embeddedKeys() ([]*entry, []report.Finding) {
	_, hasJWK := r.header["jwk"]
	_, hasX5C := r.header["x5c"]
	if !hasJWK && !hasX5C {
		return nil, nil
	}
	l := &loader{ctx: r.ctx, opts: r.opts, set: &Set{urlSource: map[string]string{}, refetched: map[string]bool{}}}
	w := where{source: "token-header", origin: "the token's header", offset: -1, trusted: false}
	if m, ok := r.header["jwk"].(map[string]any); ok {
		w.name = "the token's jwk header"
		l.parseJWK(m, "the jwk in the token's header", w, nil, "token-header")
	}
	if arr, ok := r.header["x5c"].([]any); ok && len(arr) > 0 {
		if s, ok := arr[0].(string); ok {
			der, err := base64.StdEncoding.DecodeString(s)
			var cert *pkix.Certificate
			var pub *PublicKey
			if err == nil {
				cert, err = pkix.ParseCertificate(der)
			}
			if err == nil {
				pub, err = pkix.ParseSPKI(cert.SPKI)
			}
			w.name = "the token's x5c header"
			var refusal *pkix.Refusal
			switch {
			case err == nil:
				l.addRaw(pub, w, "token-header", "the x5c certificate in the token's header", nil, nil, cert, "")
			case errors.As(err, &refusal):
				l.refuseKey(w, nil, "the x5c certificate in the token's header", refusal)
			}
		}
	}
	for _, e := range l.set.entries {
		e.label = strings.Replace(e.label, "the jwk in the token's header (", "the token's own jwk (", 1)
		if !e.hasKid {
			e.short = strings.Replace(e.short, "the jwk in the token's header", "the token's own jwk", 1)
		}
	}
	// Findings about the token's own keys concern the client's token.
	fs := l.findings
	for i := range fs {
		fs[i].Side = report.Client
		fs[i].Path = r.path(".header")
	}
	return l.set.entries, fs
}

// refetch asks a caching fetcher for a fresh copy of every fetched JWKS,
// once per set, when the token's kid is missing.
func (r *vrun) refetch() (note string, changed bool) {
	if r.set == nil {
		return "", false
	}
	rf, ok := r.opts.Fetcher.(discovery.Refetcher)
	if !ok {
		rf, ok = r.set.fetcher.(discovery.Refetcher)
	}
	if !ok {
		return "", false
	}
	r.set.mu.Lock()
	var urls []string
	for _, u := range r.set.urls {
		if !r.set.refetched[u] {
			r.set.refetched[u] = true
			urls = append(urls, u)
		}
	}
	r.set.mu.Unlock()
	var notes []string
	for _, u := range urls {
		body, err := rf.Refetch(r.ctx, u)
		if err != nil {
			if errors.Is(err, discovery.ErrRateLimited) || errors.Is(err, discovery.ErrRefetchDeclined) {
				why := strings.TrimPrefix(err.Error(), discovery.ErrRateLimited.Error()+": ")
				why = strings.TrimPrefix(why, discovery.ErrRefetchDeclined.Error()+": ")
				notes = append(notes, "The JWKS at "+u+" was not fetched again: "+strings.TrimSuffix(why, ".")+".")
			} else {
				notes = append(notes, "Fetching the JWKS at "+u+" again failed: "+err.Error()+".")
			}
			continue
		}
		if len(body) > discovery.MaxBody {
			notes = append(notes, "The JWKS at "+u+" fetched again is too large.")
			continue
		}
		r.set.mu.Lock()
		source, trusted := r.set.urlSource[u], r.set.urlTrusted[u]
		r.set.mu.Unlock()
		l := &loader{ctx: r.ctx, opts: r.opts, set: &Set{urlSource: map[string]string{}, refetched: map[string]bool{}}}
		l.loadJWKSBody(body, u, source, trusted)
		if len(l.set.entries) == 0 {
			notes = append(notes, "The JWKS at "+u+" fetched again holds no usable key.")
			continue
		}
		r.set.mu.Lock()
		kept := r.set.entries[:0:0]
		for _, e := range r.set.entries {
			if e.url != u {
				kept = append(kept, e)
			}
		}
		r.set.entries = append(kept, l.set.entries...)
		if len(r.set.entries) > maxKeys {
			r.set.entries = r.set.entries[:maxKeys]
		}
		r.set.mu.Unlock()
		notes = append(notes, "The JWKS at "+u+" was fetched again because the token's kid was not in the cached copy (keys rotate).")
		changed = true
	}
	return strings.Join(notes, " "), changed
}
