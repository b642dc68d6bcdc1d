package render

import (
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

func TestReadAs(t *testing.T) {
	tests := []struct {
		name   string
		inputs []report.Part
		want   string
	}{
		{"nothing", nil, ""},
		{"log with its library", []report.Part{{Kind: report.KindJWT}, {Kind: report.KindServerLog, Note: "python-jose"}}, "Read as: JWT, server log — python-jose"},
		{"console", []report.Part{{Kind: report.KindBrowserConsole, Note: "Chromium"}}, "Read as: browser console — Chromium"},
		{"http debug", []report.Part{{Kind: report.KindHTTPDebug, Note: "Python http.client"}}, "Read as: HTTP debug — Python http.client"},
		{"each label once", []report.Part{{Kind: report.KindJWT}, {Kind: report.KindJWT}, {Kind: report.KindClaimsJSON}}, "Read as: JWT, decoded claims"},
		{"a note too long is left out", []report.Part{{Kind: report.KindHAR, Note: string(make([]byte, 61))}}, "Read as: HAR export"},
		{"an unknown kind keeps its name", []report.Part{{Kind: "future-kind"}}, "Read as: future-kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReadAs(&report.Report{Inputs: tt.inputs}); got != tt.want {
				t.Errorf("ReadAs = %q, want %q", got, tt.want)
			}
		})
	}
}
