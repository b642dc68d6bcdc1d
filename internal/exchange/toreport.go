package exchange

import (
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/challenge"
	"github.com/authdebug/authdebug/internal/report"
)

// Primary picks the exchange that explains the refusal: the last one answered
// 401, 403 or 407, else the last one with a response, else the last one. It
// returns -1 for no exchanges.
func Primary(exs []Exchange) int {
	for i := len(exs) - 1; i >= 0; i-- {
		if r := exs[i].Response; r != nil && (r.Status == 401 || r.Status == 403 || r.Status == 407) {
			return i
		}
	}
	for i := len(exs) - 1; i >= 0; i-- {
		if exs[i].Response != nil {
			return i
		}
	}
	return len(exs) - 1
}

func spanPtr(s report.Span) *report.Span {
	if s.Start == 0 && s.End == 0 {
		return nil
	}
	return &s
}

// ToReport converts an exchange for the Report. Header values that carry
// credentials (Authorization, Proxy-Authorization, Cookie, Set-Cookie, DPoP,
// API-key headers) and credentials in URLs (query parameters, userinfo, also
// in Location) are fingerprinted unless reveal; the response's challenges are
// parsed from every WWW-Authenticate line, its proxy challenges from every
// Proxy-Authenticate line (challenges of a line that does not parse are kept
// as far as they parsed).
func ToReport(e Exchange, reveal bool) (*report.Request, *report.Response) {
	var rq *report.Request
	var rs *report.Response
	if r := e.Request; r != nil {
		rq = &report.Request{Method: r.Method, URL: MaskURL(r.URL, reveal), Headers: []report.Header{}, Span: spanPtr(r.Span)}
		for _, h := range r.Headers {
			rq.Headers = append(rq.Headers, report.Header{h.Name, maskValue(h.Name, h.Value, reveal)})
		}
	}
	if r := e.Response; r != nil {
		rs = &report.Response{Headers: []report.Header{}, Challenges: []report.Challenge{}, Span: spanPtr(r.Span)}
		if r.Status != 0 {
			s := r.Status
			rs.Status = &s
		}
		for _, h := range r.Headers {
			rs.Headers = append(rs.Headers, report.Header{h.Name, maskValue(h.Name, h.Value, reveal)})
		}
		cs, _ := challenge.ParseAll(Values(r.Headers, "WWW-Authenticate"))
		if cs != nil {
			rs.Challenges = cs
		}
		rs.ProxyChallenges, _ = r.ProxyChallenges()
		for _, l := range [][]report.Challenge{rs.Challenges, rs.ProxyChallenges} {
			for i := range l {
				l[i].Explanations = challenge.Explain(l[i])
			}
		}
	}
	return rq, rs
}

// Challenges parses every WWW-Authenticate line of the response (in order);
// errs holds the lines that did not parse (*challenge.SyntaxError, Field =
// index among the WWW-Authenticate lines).
func (r *Response) Challenges() ([]report.Challenge, []error) {
	if r == nil {
		return nil, nil
	}
	return challenge.ParseAll(Values(r.Headers, "WWW-Authenticate"))
}

// ProxyChallenges parses every Proxy-Authenticate line of the response (RFC
// 9110 §11.7.1), like Challenges.
func (r *Response) ProxyChallenges() ([]report.Challenge, []error) {
	if r == nil {
		return nil, nil
	}
	return challenge.ParseAll(Values(r.Headers, "Proxy-Authenticate"))
}

// Date returns the response's Date header (RFC 9110 §5.6.7: IMF-fixdate, and
// the obsolete RFC 850 and asctime forms), in UTC; ok is false when it is
// absent or unreadable.
func (r *Response) Date() (t time.Time, ok bool) {
	if r == nil {
		return time.Time{}, false
	}
	v, found := r.Header("Date")
	if !found {
		return time.Time{}, false
	}
	return ParseHTTPDate(v)
}

// ParseHTTPDate reads an HTTP-date (RFC 9110 §5.6.7) leniently.
func ParseHTTPDate(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if len(v) > 64 {
		return time.Time{}, false
	}
	for _, layout := range []string{
		"Mon, 02 Jan 2006 15:04:05 GMT",  // IMF-fixdate
		"Monday, 02-Jan-06 15:04:05 GMT", // RFC 850
		"Mon Jan _2 15:04:05 2006",       // asctime
		"Mon, 2 Jan 2006 15:04:05 GMT",
		"Mon, 02 Jan 2006 15:04:05 MST",
		"Mon, 02 Jan 2006 15:04:05 -0700",
		"Mon, 02-Jan-2006 15:04:05 GMT",
		time.RFC3339,
	} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
