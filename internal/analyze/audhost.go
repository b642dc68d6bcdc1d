package analyze

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/report"
)

// audienceAgainstHost compares, when no expected audience was given, the
// sent token's aud with the host the request went to, and warns when they
// plainly differ: every aud value names a host (a URL or a dotted name)
// and none shares the request host's domain (RFC 7519 §4.1.3; RFC 8707
// resource indicators are URLs of the API). Client-id or free-form
// audiences ("orders-api") are not comparable, so nothing is said.
func (r *run) audienceAgainstHost() {
	if r.s.aud != "" || r.primary < 0 || r.rep.Has(report.ClaimsAudMismatch) {
		return
	}
	d := r.sentToken()
	if d == nil || !r.rep.Tokens[d.Index].Source.FromRequest() {
		return
	}
	req := r.exs[r.primary].Request
	if req == nil {
		return
	}
	host := ""
	if u, err := url.Parse(req.URL); err == nil {
		host = u.Hostname()
	}
	if host == "" {
		// A raw request's target is a path: the Host header names the host.
		if vs := exchange.Values(req.Headers, "Host"); len(vs) > 0 {
			if u, err := url.Parse("http://" + strings.TrimSpace(vs[0])); err == nil {
				host = u.Hostname()
			}
		}
	}
	host = strings.ToLower(host)
	if host == "" {
		return
	}
	if isIP(host) || !strings.Contains(host, ".") || strings.HasSuffix(host, ".localhost") {
		return
	}
	var auds []string
	switch v := d.Payload["aud"].(type) {
	case string:
		auds = []string{v}
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return
			}
			auds = append(auds, s)
		}
	}
	if len(auds) == 0 || len(auds) > 8 {
		return
	}
	for _, a := range auds {
		h := audHost(a)
		if h == "" {
			return // not comparable
		}
		if domainOf(h) == domainOf(host) {
			return
		}
	}
	r.add(report.New(report.ClaimsAudMismatch, report.Warning, report.Both,
		fmt.Sprintf("The token's audience names another host than the one the request went to (%s)", host),
		report.Detail("aud says which API the token is for (RFC 7519 §4.1.3), and an API checks it against its own identifier. No expected audience was given, so this compares aud with the request's host: they share no domain, so this is probably a token for another API (or another environment) and the server will refuse it, unless its identifier is deliberately another name."),
		"Request the token for this API (the audience or resource parameter at the authorization server, RFC 8707), or give the API's expected audience (--aud) to check exactly.",
		report.Evidence(fmt.Sprintf("aud=%s; request host %s", quoteAll(auds), host)),
		"RFC 7519 §4.1.3", "RFC 8707 §2").At(fmt.Sprintf("tokens[%d].payload.aud", d.Index)))
}

// audHost is the host an aud value names: a URL's host, or a dotted name
// that looks like one; "" when it names none.
func audHost(a string) string {
	a = strings.ToLower(strings.TrimSpace(a))
	if strings.Contains(a, "://") {
		if u, err := url.Parse(a); err == nil && u.Hostname() != "" && u.Scheme != "urn" {
			if isIP(u.Hostname()) {
				return ""
			}
			return u.Hostname()
		}
		return ""
	}
	if strings.Count(a, ".") >= 1 && !strings.ContainsAny(a, " :/@") && !strings.HasPrefix(a, ".") && !strings.HasSuffix(a, ".") {
		last := a[strings.LastIndexByte(a, '.')+1:]
		if len(last) >= 2 && strings.Trim(last, "abcdefghijklmnopqrstuvwxyz") == "" {
			return a
		}
	}
	return ""
}

// domainOf is the last two labels of a host (three under a two-letter
// second-level such as co.uk): close enough to a registrable domain to
// tell plainly different hosts apart.
func domainOf(h string) string {
	labels := strings.Split(h, ".")
	n := 2
	if len(labels) >= 3 && len(labels[len(labels)-2]) <= 3 && len(labels[len(labels)-1]) == 2 {
		n = 3
	}
	if len(labels) <= n {
		return h
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

func isIP(h string) bool {
	_, err := netip.ParseAddr(strings.Trim(h, "[]"))
	return err == nil
}
