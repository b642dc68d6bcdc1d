package render

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// kindNames are the input kinds as the page and the CLI name them.
var kindNames = map[string]string{
	report.KindJWT: "JWT", report.KindJWE: "JWE", report.KindAuthorizationHeader: "Authorization header",
	report.KindHTTPResponse: "HTTP response", report.KindHTTPRequest: "HTTP request",
	report.KindCurlVerbose: "curl -v transcript", report.KindCurlCommand: "curl command", report.KindHAR: "HAR export",
	report.KindWWWAuthenticate: "WWW-Authenticate", report.KindJWKS: "JWKS", report.KindJWK: "JWK", report.KindPEM: "PEM",
	report.KindServerLog: "server log", report.KindClaimsJSON: "decoded claims", report.KindHTTPDebug: "HTTP debug",
	report.KindBrowserConsole: "browser console", report.KindUnknown: "unrecognised text",
}

// InputLabel names one part of the paste: its kind, and what wrote it when
// the Report says ("server log — python-jose", "browser console —
// Chromium", "HTTP debug — Python http.client").
func InputLabel(p report.Part) string {
	name, ok := kindNames[p.Kind]
	if !ok {
		name = p.Kind
	}
	if p.Note != "" && len(p.Note) <= 60 {
		name += " — " + p.Note
	}
	return name
}

// ReadAs is the line naming every part of the paste, in order, each kind
// once ("Read as: JWT, server log — python-jose"); "" when nothing was read.
func ReadAs(r *report.Report) string {
	var labels []string
	for _, p := range r.Inputs {
		if l := InputLabel(p); !containsString(labels, l) && len(labels) < 8 {
			labels = append(labels, l)
		}
	}
	if len(labels) == 0 {
		return ""
	}
	return "Read as: " + strings.Join(labels, ", ")
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
