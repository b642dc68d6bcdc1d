// Caching: a 401 that shared caches may store (RFC 9111 §3, §5.2).

package exchange

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// directives parses Cache-Control values into lower-cased name → value.
func directives(vals []string) map[string]string {
	m := map[string]string{}
	for _, v := range vals {
		for _, d := range strings.Split(v, ",") {
			n, val, _ := strings.Cut(strings.TrimSpace(d), "=")
			n = strings.ToLower(strings.TrimSpace(n))
			if n != "" {
				if _, dup := m[n]; !dup {
					m[n] = strings.Trim(strings.TrimSpace(val), `"`)
				}
			}
		}
	}
	return m
}

func positive(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n > 0
}

func (d *diag) cacheable(k int, req *Request, resp *Response) {
	if resp.Status != 401 {
		return
	}
	ccVals := Values(resp.Headers, "Cache-Control")
	cc := directives(ccVals)
	for _, n := range []string{"no-store", "private", "no-cache"} {
		if _, ok := cc[n]; ok {
			return
		}
	}
	if v, ok := resp.Header("Vary"); ok {
		l := strings.ToLower(v)
		if strings.Contains(l, "authorization") || strings.TrimSpace(l) == "*" {
			return
		}
	}
	var why []string
	if _, ok := cc["public"]; ok {
		why = append(why, "public")
	}
	if positive(cc["s-maxage"]) {
		why = append(why, "s-maxage="+cc["s-maxage"])
	}
	if positive(cc["max-age"]) {
		why = append(why, "max-age="+cc["max-age"])
	}
	expires, hasExp := resp.Header("Expires")
	if len(why) == 0 && hasExp {
		date, okD := resp.Date()
		exp, okE := ParseHTTPDate(expires)
		if !okD || !okE || !exp.After(date) {
			return
		}
		why = append(why, fmt.Sprintf("Expires %s after Date", exp.Sub(date)))
	}
	if len(why) == 0 {
		return
	}
	ev := ""
	if len(ccVals) > 0 {
		ev = "Cache-Control: " + strings.Join(ccVals, ", ")
	}
	if hasExp {
		if ev != "" {
			ev += "; "
		}
		ev += "Expires: " + expires
	}
	sev := report.Warning
	detail := "RFC 9111: a 401 is not cacheable by default, but explicit freshness (" + strings.Join(why, ", ") + ") without " +
		"no-store or private lets shared caches (CDNs, proxies) store it and serve it to other clients — including clients " +
		"whose credentials are valid, since caches do not key responses on Authorization unless told to (Vary)."
	hit := ""
	if age, ok := resp.Header("Age"); ok && positive(strings.TrimSpace(age)) {
		hit = "Age: " + age
	}
	for _, n := range []string{"X-Cache", "CF-Cache-Status", "X-Cache-Status", "X-Proxy-Cache"} {
		if v, ok := resp.Header(n); ok && strings.Contains(strings.ToUpper(v), "HIT") {
			hit = n + ": " + v
			break
		}
	}
	if hit != "" {
		sev = report.Error
		detail += " This copy came from a cache (" + hit + "), so the refusal may be someone else's, stored earlier."
		ev += "; " + hit
	}
	d.add(report.New(
		report.ResponseCacheable401,
		sev,
		report.Server,
		fmt.Sprintf("The 401 may be stored and reused by shared caches (%s)", strings.Join(why, ", ")),
		report.Detail(detail),
		report.Fix("Server: send \"Cache-Control: no-store\" (or private) on 401 responses, add Vary: Authorization where "+
			"authenticated responses are cached, and purge the cached 401 from the CDN."),
		report.Evidence(ev), "RFC 9111 §3", "RFC 9111 §4.2.2", "RFC 9111 §5.2.2", "RFC 9110 §15.5.2").At(d.path(k, "response.headers")).Within(spanOf(resp.Span)))
}
