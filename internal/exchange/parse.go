package exchange

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// Parse turns one detected part into exchanges:
//   - http-request / http-response: one exchange (a response pasted with the
//     devtools "General" lines also gets a request with its method and URL);
//   - curl-verbose: one exchange per request curl sent (redirect hops with -L);
//   - http-debug: one exchange per request a client's wire dump shows
//     (Python http.client and requests, wget -d, Node NODE_DEBUG=http);
//   - curl-command: the request curl would send (-H, -u, --oauth2-bearer, -b,
//     -X, --url, -d…, -G, -I; unknown flags tolerated);
//   - har: one exchange per analysed entry; entries that carry no credentials,
//     were not refused (401/403/407) and are not CORS preflights are skipped and
//     reported in an input.skipped finding;
//   - www-authenticate: a Response with Status 0 holding the field;
//   - authorization-header: a Request with only that header (method and URL empty).
//
// Other kinds return ErrNotExchange. The error is reserved for text that
// cannot be read at all (a HAR that is not JSON); problems in what was sent
// are findings of Diagnose.
func Parse(p detect.Part) ([]Exchange, []report.Finding, error) {
	return parse(p, nil)
}

func parse(p detect.Part, step func()) ([]Exchange, []report.Finding, error) {
	switch p.Kind {
	case report.KindHTTPRequest, report.KindHTTPResponse:
		exs, err := parseHTTP(p)
		return exs, nil, err
	case report.KindCurlVerbose:
		exs, err := parseCurlVerbose(p)
		return exs, nil, err
	case report.KindHTTPDebug:
		exs, err := parseHTTPDebug(p)
		return exs, nil, err
	case report.KindCurlCommand:
		exs, err := parseCurlCommand(p)
		return exs, nil, err
	case report.KindHAR:
		return parseHAR(p, step)
	case report.KindWWWAuthenticate:
		h := lineHeader(p, "WWW-Authenticate")
		return []Exchange{{Response: &Response{Headers: []Header{h}, Span: report.Span{Start: p.Start, End: p.End}}}}, nil, nil
	case report.KindAuthorizationHeader:
		h := lineHeader(p, "Authorization")
		r := &Request{Headers: []Header{h}, Span: report.Span{Start: p.Start, End: p.End}, From: p.Kind}
		return []Exchange{{Request: r}}, nil, nil
	}
	return nil, nil, fmt.Errorf("%w: %s", ErrNotExchange, p.Kind)
}

// lineHeader reads "Name: value" or a bare value (then named def). A bare
// "bearer: xyz" keeps its text whole as the value of def, so that the authz
// package sees the malformation.
func lineHeader(p detect.Part, def string) Header {
	t := strings.TrimSpace(p.Text)
	lead := strings.Index(p.Text, t)
	if lead < 0 {
		lead = 0
	}
	off := p.Start + lead
	whole := report.Span{Start: off, End: off + len(t)}
	if name, value, ok := detect.SplitHeader(t); ok {
		ln := strings.ToLower(name)
		if ln == "authorization" || ln == "proxy-authorization" || ln == "www-authenticate" || ln == "proxy-authenticate" {
			vs := report.Span{}
			if value != "" {
				if i := strings.Index(t[len(name)+1:], value); i >= 0 {
					s := off + len(name) + 1 + i
					vs = report.Span{Start: s, End: s + len(value)}
				}
			}
			return Header{Name: name, Value: value, Span: whole, ValueSpan: vs}
		}
	}
	return Header{Name: def, Value: t, Span: whole, ValueSpan: whole}
}

// ParseParts parses every exchange part of a paste in order and pairs a
// request-only exchange with a response-only exchange right after it (a
// request block followed by its response, a curl command followed by the
// output of curl -i, an Authorization line followed by a WWW-Authenticate
// line). Parts of other kinds are ignored; errors are those of the parts
// that could not be read.
func ParseParts(parts []detect.Part) ([]Exchange, []report.Finding, []error) {
	return ParsePartsStep(parts, nil)
}

// ParsePartsStep is ParseParts calling step between units of work (each
// HAR entry), so that a caller on the browser's main thread can yield.
func ParsePartsStep(parts []detect.Part, step func()) ([]Exchange, []report.Finding, []error) {
	var out []Exchange
	var fs []report.Finding
	var errs []error
	prevReqOnly := false
	for _, p := range parts {
		exs, f, err := parse(p, step)
		fs = append(fs, f...)
		if err != nil {
			if p.Kind == report.KindHAR || p.Kind == report.KindHTTPRequest || p.Kind == report.KindHTTPResponse ||
				p.Kind == report.KindCurlCommand || p.Kind == report.KindCurlVerbose || p.Kind == report.KindHTTPDebug {
				errs = append(errs, err)
			}
			continue
		}
		for _, ex := range exs {
			if prevReqOnly && ex.Request == nil && ex.Response != nil {
				out[len(out)-1].Response = ex.Response
				prevReqOnly = false
				continue
			}
			out = append(out, ex)
			prevReqOnly = ex.Request != nil && ex.Response == nil
		}
		if p.Kind == report.KindHAR || p.Kind == report.KindCurlVerbose || p.Kind == report.KindHTTPDebug && p.Flavor != detect.FlavorNode {
			prevReqOnly = false
		}
	}
	return out, fs, errs
}

// FromText detects the parts of a paste and parses its exchanges (Detect,
// then ParseParts).
func FromText(text string) ([]Exchange, []report.Finding, []error) {
	return ParseParts(detect.Detect(text))
}
