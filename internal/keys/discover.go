package keys

import (
	"errors"
	"net/url"
	"strings"

	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/authdebug/authdebug/internal/report"
)

const (
	refDiscovery = "OpenID Connect Discovery 1.0 §4"
	refRFC8414   = "RFC 8414 §3"
	refCORS      = "Fetch Standard §3.2 (CORS protocol)"
)

// fetch GETs u with the configured fetcher and bounds the body.
func (l *loader) fetch(u string) ([]byte, error) { return discovery.Get(l.ctx, l.opts.Fetcher, u) }

// fetchFailed records a keys.fetch_failed finding for u.
func (l *loader) fetchFailed(u, what string, err error, extra string) {
	title := "Could not fetch " + what + " at " + clip(u, 200)
	detail := ""
	fix := "Open " + u + " in a browser to check it, or paste the JWKS into the key box instead."
	sev := report.Warning
	side := report.Client
	refs := []string{refDiscovery, refRFC8414}
	var se *discovery.StatusError
	switch {
	case errors.Is(err, discovery.ErrCORS):
		title = "The browser blocked reading " + what + " at " + clip(u, 200) + " (CORS)"
		detail = "The issuer does not send Access-Control-Allow-Origin for this page's origin, so the browser hid the response from this page. This is not a problem with your token or your server: servers fetch JWKS server-side, where CORS does not apply."
		fix = "Open " + u + " in a new tab, copy the JSON and paste it into the key box; or run your own `authdebug serve --jwks-relay` and fetch through its relay."
		refs = append([]string{refCORS}, refs...)
	case errors.Is(err, discovery.ErrNoFetcher):
		title = "Cannot fetch " + what + " at " + clip(u, 200) + ": no fetcher in this build"
		detail = "This build of the tool has no way to make network requests."
		fix = "Paste the JWKS into the key box instead."
	case errors.As(err, &se):
		title = "Fetching " + what + " at " + clip(u, 200) + " answered HTTP " + itoa(se.Code)
		detail = "The server did not return the document."
		if se.Code == 404 {
			detail += " A 404 usually means the URL is wrong: a different path, tenant or realm, or an issuer whose metadata lives elsewhere."
		}
		if what == "the JWKS" || what == "the JWKS URL" {
			sev, side = report.Error, report.Server
			detail += " A resource server that cannot fetch its issuer's JWKS refuses every token."
		}
	case errors.Is(err, discovery.ErrTooLarge):
		detail = "The document is larger than 1 MiB; JWKS and discovery documents are a few kilobytes."
	default:
		detail = "The request failed."
	}
	if err != nil {
		detail += " Error: " + err.Error() + "."
	}
	if extra != "" {
		detail += " " + extra
	}
	l.findings = append(l.findings, report.New(report.KeysFetchFailed, sev, side, clip(title, 300), report.Detail(detail), report.Fix(fix), report.Evidence(clip(clip(u, 300), 600)), refs...))
}

// fetchJWKS fetches and loads a JWKS (or single JWK) document. trusted
// says whether its keys may verify a signature: a URL the user typed, or
// one discovery found from the issuer the user expects.
func (l *loader) fetchJWKS(u, source, what string, trusted bool) bool {
	if why := discovery.CheckURL(u); why != "" {
		l.findings = append(l.findings, report.New(report.KeysFetchFailed, report.Warning, report.Client,
			clip("Not fetching "+what+" "+quote(u)+": "+why, 300), "Only absolute http(s) URLs without credentials are fetched.",
			"Give the JWKS URL as https://host/path.", report.Evidence(clip(quote(u), 600)), refDiscovery))
		return false
	}
	if _, done := l.set.urlSource[u]; done {
		// The user typed the URL discovery names too: loaded once, as typed.
		return false
	}
	body, err := l.fetch(u)
	if err != nil {
		l.fetchFailed(u, "the JWKS", err, "")
		return false
	}
	before := len(l.set.entries)
	l.loadJWKSBody(body, u, source, trusted)
	if _, ok := l.set.urlSource[u]; !ok {
		l.set.urls = append(l.set.urls, u)
	}
	l.set.urlSource[u] = source
	if l.set.urlTrusted == nil {
		l.set.urlTrusted = map[string]bool{}
	}
	l.set.urlTrusted[u] = trusted
	return len(l.set.entries) > before
}

// loadJWKSBody parses a fetched JWKS.
func (l *loader) loadJWKSBody(body []byte, u, source string, trusted bool) {
	w := where{source: source, origin: u, name: "the JWKS at " + clip(u, 200), offset: -1, url: u, fetched: true, trusted: trusted}
	t := strings.TrimSpace(string(body))
	if t == "" || (t[0] != '{' && t[0] != '[') {
		// Described, never quoted: the URL may have reached something that
		// was not meant to be read (a login page, an internal service).
		desc := discovery.DescribeBody(body)
		l.refuse(w, nil, "The JWKS at "+clip(u, 200)+" is not JSON: the answer is "+desc,
			"A JWKS is a JSON object {\"keys\": [...]}; the answer is "+desc+". An HTML answer is usually an error or login page: the URL is wrong, or the server wants a login this fetch does not have.",
			"Check the jwks_uri: open it in a browser, it must show {\"keys\": [...]}.", "body: "+desc, refJWKS)
		return
	}
	l.parseJSONText(t, 0, w)
}

// discover fetches the issuer's metadata, then its jwks_uri.
func (l *loader) discover(iss string) {
	if iss == "" {
		l.findings = append(l.findings, report.New(report.KeysFetchFailed, report.Warning, report.Client,
			clip("Cannot discover the issuer's keys: the token has no iss claim", 300),
			"Discovery starts from the issuer URL in the token's iss claim.",
			"Give the JWKS URL directly, or paste the JWKS.", report.Evidence(clip("iss absent", 600)), refDiscovery))
		return
	}
	if why := discovery.CheckURL(iss); why != "" {
		l.findings = append(l.findings, report.New(report.KeysFetchFailed, report.Warning, report.Client,
			clip("Cannot discover keys from the issuer "+quote(iss)+": "+why, 300),
			"OpenID Connect and RFC 8414 issuers are https URLs; metadata lives under /.well-known/ on that URL.",
			"Give the JWKS URL directly, or paste the JWKS.", report.Evidence(clip("iss="+quote(iss), 600)), refDiscovery, refRFC8414))
		return
	}
	if l.plainHTTP(iss, "Not discovering keys from the http:// issuer "+quote(clip(iss, 200)),
		"iss="+quote(clip(iss, 200))) {
		return
	}
	// Discovery from the token's own iss is the token naming its own keys,
	// like jku: they count only when the user expects that issuer.
	trusted := l.opts.ExpectedIssuer != "" && l.opts.ExpectedIssuer == iss
	var tried []string
	var lastErr, metaErr error
	for _, u := range discovery.MetadataURLs(iss) {
		tried = append(tried, u)
		body, err := l.fetch(u)
		if err != nil {
			lastErr = err
			if errors.Is(err, discovery.ErrCORS) || errors.Is(err, discovery.ErrNoFetcher) {
				l.fetchFailed(u, "the issuer's metadata", err, "")
				return
			}
			continue
		}
		meta, err := discovery.ParseMetadata(body)
		if err != nil {
			lastErr = errors.New("the document at " + clip(u, 200) + " is not JSON metadata: the answer is " + discovery.DescribeBody(body))
			if metaErr == nil {
				metaErr = lastErr
			}
			continue
		}
		if meta.JWKSURI == "" {
			lastErr = errors.New("the metadata has no jwks_uri")
			continue
		}
		if meta.Issuer != "" && meta.Issuer != iss {
			l.findings = append(l.findings, report.New(report.KeysInvalid, report.Warning, report.Server,
				clip("The metadata at "+clip(u, 200)+" names the issuer "+quote(meta.Issuer)+", not the token's "+quote(iss), 300),
				"The issuer in the metadata must be identical to the token's iss (OpenID Connect Discovery §4.3, RFC 8414 §3.3); a difference (trailing slash, http vs https, another tenant or realm) makes strict verifiers refuse the token.",
				"Make the token's iss and the metadata's issuer identical; check which tenant or realm issued the token.", report.Evidence(clip("issuer="+quote(meta.Issuer)+" iss="+quote(iss), 600)), "OpenID Connect Discovery 1.0 §4.3", "RFC 8414 §3.3"))
		}
		if l.plainHTTP(meta.JWKSURI, "Not fetching the http:// jwks_uri "+quote(clip(meta.JWKSURI, 200))+" named by "+clip(u, 200),
			"jwks_uri="+quote(clip(meta.JWKSURI, 200))) {
			return
		}
		l.fetchJWKS(meta.JWKSURI, "discovery", "the jwks_uri of "+clip(u, 200), trusted)
		return
	}
	if metaErr != nil {
		// A document that answered but is not metadata says more than the
		// 404s of the other well-known URLs.
		lastErr = metaErr
	}
	l.fetchFailed(tried[0], "the issuer's metadata", lastErr, "Tried: "+strings.Join(tried, ", ")+".")
}

// plainHTTP flags an http:// URL discovery would follow, unless
// AllowHTTP: OpenID Connect Discovery §4 and RFC 8414 §3 require https, and
// an http answer can be changed by anyone on the path.
func (l *loader) plainHTTP(u, title, evidence string) bool {
	p, err := url.Parse(u)
	if err != nil || !strings.EqualFold(p.Scheme, "http") || l.opts.AllowHTTP {
		return false
	}
	l.findings = append(l.findings, report.New(report.KeysFetchFailed, report.Warning, report.Server,
		clip(title+": discovery requires https", 300),
		"OpenID Connect Discovery and RFC 8414 require https issuers and jwks_uri URLs: keys fetched over http can be replaced by anyone on the path, so they are not fetched.",
		"Use the issuer's https URL; to fetch over http anyway (a local test issuer), pass --allow-http (option allow_http).",
		report.Evidence(clip(evidence, 600)), refDiscovery, refRFC8414))
	return true
}
