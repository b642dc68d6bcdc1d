// Diagnose: the request.* and response.* checks of each exchange. One file
// per kind of check: diag_credentials (what the request carried), diag_redirect,
// diag_challenge (WWW-Authenticate syntax), diag_bearer (RFC 6750 error codes),
// diag_status, diag_tokenendpoint, diag_dpop, diag_cache, diag_cors, diag_place
// (duplicate Authorization, credentials where the server does not read them).

package exchange

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

const (
	refFetchRedirect  = "Fetch Standard #http-redirect-fetch"
	refFetchCORS      = "Fetch Standard #http-cors-protocol"
	refFetchPreflight = "Fetch Standard #cors-preflight-fetch"
	refDocker         = "Docker Registry token authentication specification"
	// maxFindingsPerExchange bounds the findings of one exchange.
	maxFindings = 500
)

type diag struct {
	ctx   Context
	multi bool
	out   []report.Finding
	seen  map[string]int
	// also lists, per finding of out, the other exchanges it stands for.
	also map[int][]string
}

func (d *diag) add(f report.Finding) {
	if len(d.out) >= maxFindings {
		return
	}
	// The same finding repeated across exchanges (a HAR with many calls to
	// one host) is reported once, for the first exchange.
	k := f.Code + "\x00" + f.Title
	if i, ok := d.seen[k]; ok {
		if n, ok := exchangeOf(f.Path); ok && n != "" {
			if first, _ := exchangeOf(d.out[i].Path); first != n && !contains(d.also[i], n) {
				d.also[i] = append(d.also[i], n)
			}
		}
		return
	}
	d.seen[k] = len(d.out)
	if f.Refs == nil {
		f.Refs = []string{}
	}
	d.out = append(d.out, f)
}

func (d *diag) path(k int, rest string) string {
	if d.multi {
		return fmt.Sprintf("exchanges[%d].%s", k, rest)
	}
	return rest
}

func (d *diag) mask(s string) string { return report.Mask(s, d.ctx.Reveal) }

// Diagnose produces the request.* and response.* findings for the exchanges
// of one paste (several for redirects and HAR exports): missing, mismatched,
// exposed or dropped credentials, and what the server's challenges, status
// and headers say. Findings about the token itself are the token package's.
func Diagnose(exs []Exchange, ctx Context) []report.Finding {
	d := &diag{ctx: ctx, multi: len(exs) > 1, seen: map[string]int{}, also: map[int][]string{}}
	for k := range exs {
		d.exchange(exs, k)
	}
	d.redirects(exs)
	d.refreshReuse(exs)
	for i, ns := range d.also {
		first, _ := exchangeOf(d.out[i].Path)
		d.out[i].Detail += " The same holds for exchanges " + listAnd(append([]string{first}, ns...)) + " of this paste (reported once)."
	}
	return d.out
}

// exchangeOf is the 1-based number of the exchange a finding's path names
// ("exchanges[2].request" is "3").
func exchangeOf(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "exchanges[")
	if !ok {
		return "", false
	}
	n, _, ok := strings.Cut(rest, "]")
	k, err := strconv.Atoi(n)
	if !ok || err != nil {
		return "", false
	}
	return strconv.Itoa(k + 1), true
}

func listAnd(ss []string) string {
	if len(ss) > 12 {
		return strings.Join(ss[:12], ", ") + fmt.Sprintf(" and %d more", len(ss)-12)
	}
	if len(ss) == 1 {
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func spanOf(s report.Span) *report.Span {
	if s.Start == 0 && s.End == 0 {
		return nil
	}
	return &s
}

func statusLine(r *Response) string {
	if r.Status == 0 {
		return "(status unknown)"
	}
	s := strconv.Itoa(r.Status)
	if r.Proto != "" {
		s = r.Proto + " " + s
	}
	if r.Reason != "" {
		s += " " + r.Reason
	}
	return s
}

func reqLine(r *Request, reveal bool) string {
	m := r.Method
	if m == "" {
		m = "(method unknown)"
	}
	u := MaskURL(r.URL, reveal)
	if u == "" {
		u = "(URL unknown)"
	}
	return m + " " + u
}

func headerIndex(hs []Header, name string) int {
	for i, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return i
		}
	}
	return -1
}

func (d *diag) exchange(exs []Exchange, k int) {
	ex := exs[k]
	req, resp := ex.Request, ex.Response
	var creds []Credential
	if req != nil {
		creds = Credentials(req)
	}
	var chs []report.Challenge
	var chErrs []error
	status := 0
	if resp != nil {
		chs, chErrs = resp.Challenges()
		status = resp.Status
	}
	refused := status == 401 || status == 403
	preflight := isPreflight(req)

	if req != nil {
		d.duplicateAuthorization(k, req, status)
	}
	misplaced := req != nil && d.wrongPlace(k, req, resp, chs, creds)
	// request.no_credentials
	if req != nil && !misplaced && len(creds) == 0 && req.Deferred == "" && !preflight && (resp == nil || refused) &&
		(req.Method != "" || req.URL != "" || len(req.Headers) > 0) && !d.laterWithCredentials(exs, k) && !droppedOnRedirect(exs, k) {
		d.noCredentials(k, req, resp, chs)
	}
	if req != nil {
		if resp != nil && status == 401 && len(chs) > 0 {
			d.schemeMismatch(k, req, resp, chs)
		}
		d.queryCredentials(k, req, creds, status)
		d.insecure(k, req, creds)
	}
	if resp == nil {
		return
	}
	if status == 407 {
		d.proxyAuth(k, req, resp)
	}
	if status == 401 && headerIndex(resp.Headers, "WWW-Authenticate") < 0 {
		d.challengeMissing(k, resp)
	}
	for _, err := range chErrs {
		d.challengeMalformed(k, resp, "WWW-Authenticate", err)
	}
	if _, perrs := resp.ProxyChallenges(); len(perrs) > 0 {
		for _, err := range perrs {
			d.challengeMalformed(k, resp, "Proxy-Authenticate", err)
		}
	}
	errs := d.bearerErrors(k, req, resp, chs)
	d.statusMismatch(k, req, resp, creds, errs, preflight)
	for i, c := range chs {
		d.tokenEndpoint(k, i, c, req)
	}
	d.dpopNonce(k, resp, errs)
	d.cacheable(k, req, resp)
	d.cors(k, req, resp)
}

func schemes(chs []report.Challenge) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range chs {
		l := strings.ToLower(c.Scheme)
		if !seen[l] {
			seen[l] = true
			out = append(out, c.Scheme)
		}
	}
	return out
}

func hasScheme(chs []report.Challenge, s string) bool {
	for _, c := range chs {
		if strings.EqualFold(c.Scheme, s) {
			return true
		}
	}
	return false
}
