package analyze

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/claims"
	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// claimsJSON analyses a pasted token payload (a JSON object of claims, as
// jwt.io or a decoder shows it) as the payload of a token whose signature
// was not seen: times, lifetime, audience, issuer and the other
// expectations, by the Unix time pasted with it (date +%s) when there is
// one, else by the analysis clock.
func (r *run) claimsJSON(k int, p detect.Part) {
	payload, clock, clockSpan, ok := readClaims(p)
	if !ok {
		r.add(detect.Unrecognized(p))
		return
	}
	now, by := r.s.now, "the analysis clock"
	if !clock.IsZero() {
		now = clock
		by = fmt.Sprintf("the Unix time pasted with it, %d (%s)", clock.Unix(), clock.UTC().Format(time.RFC3339))
	}
	_, idToken := payload["nonce"]
	if _, ok := payload["at_hash"]; ok {
		idToken = true
	}
	path := fmt.Sprintf("inputs[%d]", k)
	_, fs := claims.Check(payload, nil, path, claims.Options{
		Now: now, Leeway: r.s.leeway, AccessToken: !idToken,
		Expect: claims.Expectations{Aud: r.s.aud, Iss: r.s.iss, Require: r.s.require, Scope: r.s.scope},
	})
	for i := range fs {
		if strings.HasSuffix(fs[i].Path, ".exp") || strings.HasSuffix(fs[i].Path, ".nbf") || strings.HasSuffix(fs[i].Path, ".iat") || fs[i].Code == report.ClockLeewayWouldAccept {
			fs[i].Evidence = strings.TrimSpace(fs[i].Evidence + "; judged by " + by)
		}
	}
	r.add(fs...)
	r.add(report.New(report.SignatureUnverified, report.Info, report.Client,
		"A decoded token payload was pasted: its claims are checked, its signature was not seen",
		"These claims were read as the payload of a token. Without the token itself (header.payload.signature) nothing says who issued them or that they were not altered: "+
			"what is checked here is the times, lifetime and expectations only. The times were judged by "+report.Detail(by)+".",
		"To check the signature too, paste the whole token (eyJ…) with the issuer's JWKS or key.",
		report.Evidence(fmt.Sprintf("%d claims; clock: %s", len(payload), by)),
		"RFC 7519 §7.2", "RFC 7515 §5.2").At(path).Within(clockSpan))
}

// readClaims decodes the part's JSON object (numbers kept exact) and the
// Unix time pasted with it, if any, with that time's span in the input.
func readClaims(p detect.Part) (map[string]any, time.Time, *report.Span, bool) {
	i := strings.IndexByte(p.Text, '{')
	if i < 0 {
		return nil, time.Time{}, nil, false
	}
	dec := json.NewDecoder(strings.NewReader(p.Text[i:]))
	dec.UseNumber()
	var payload map[string]any
	if dec.Decode(&payload) != nil || payload == nil {
		return nil, time.Time{}, nil, false
	}
	jsonEnd := i + int(dec.InputOffset())
	off := 0
	for _, l := range strings.SplitAfter(p.Text, "\n") {
		t := strings.TrimSpace(l)
		if (off+len(l) <= i || off >= jsonEnd) && detect.IsUnixTime(t) {
			if n, err := strconv.ParseInt(t, 10, 64); err == nil {
				at := off + strings.Index(l, t)
				return payload, time.Unix(n, 0).UTC(), &report.Span{Start: p.Start + at, End: p.Start + at + len(t)}, true
			}
		}
		off += len(l)
	}
	return payload, time.Time{}, nil, true
}
