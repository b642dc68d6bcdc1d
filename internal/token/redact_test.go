package token

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

func TestRedact(t *testing.T) {
	const h, p, s = "eyJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiJ1MSJ9", "c2lnbmF0dXJlLWJ5dGVz"
	jwe := "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn"
	tests := []struct {
		name, text string
		kind       string
		removed    string // the text under the span
		ok         bool
	}{
		{"jws", h + "." + p + "." + s, report.RedactSignature, s, true},
		{"wrapped", h + "." + p + ".c2lnbmF0\ndXJlLWJ5\ndGVz", report.RedactSignature, "c2lnbmF0\ndXJlLWJ5\ndGVz", true},
		{"quoted with invisibles", "\"" + h + "." + p + ".c2ln\u200bbmF0dXJlLWJ5dGVz\",", report.RedactSignature, "c2ln\u200bbmF0dXJlLWJ5dGVz", true},
		{"standard base64", h + "." + p + ".ab+/cd==", report.RedactSignature, "ab+/cd==", true},
		{"alg none", h + "." + p + ".", "", "", false},
		{"jwe", jwe, report.RedactEncrypted, jwe[strings.IndexByte(jwe, '.')+1:], true},
		{"opaque", "gho_16C7e42F292c6912E7710c838347Ae178B4a", report.RedactToken, "gho_16C7e42F292c6912E7710c838347Ae178B4a", true},
		{"placeholder", "undefined", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rm, ok := Redact(tt.text)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if rm.Kind != tt.kind || rm.Span == nil || tt.text[rm.Span.Start:rm.Span.End] != tt.removed {
				t.Errorf("Redact = %+v (%v), want %s over %q", rm, rm.Span, tt.kind, tt.removed)
			}
			res := Inspect(tt.text, Source{Name: "pasted"}, Options{})
			if res.Removal == nil || *res.Removal.Span != *rm.Span || res.Removal.Kind != rm.Kind {
				t.Errorf("Inspect's Removal %+v differs from Redact's %+v", res.Removal, rm)
			}
		})
	}
}
