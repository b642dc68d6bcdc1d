package render

import "strings"

// RefURL maps a specification reference as findings write it to the URL of
// that section, or "" when the reference names nothing this function knows:
//
//	"RFC 7519 §4.1.4"              → https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4
//	"RFC 7515"                     → https://www.rfc-editor.org/rfc/rfc7515
//	"RFC 7515 Appendix A.1"        → https://www.rfc-editor.org/rfc/rfc7515#appendix-A.1
//	"OpenID Connect Core 1.0 §2"   → https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2
//	"Fetch Standard §3.2 (CORS …)" → https://fetch.spec.whatwg.org/#http-cors-protocol
//	"Fetch Standard #http-redirect-fetch" → https://fetch.spec.whatwg.org/#http-redirect-fetch
//	"Docker registry token authentication specification" → the distribution spec
//
// Only the first section of a reference ("RFC 9449 §8, §9") is linked.
func RefURL(ref string) string {
	ref = strings.TrimSpace(ref)
	switch {
	case hasFoldPrefix(ref, "RFC"):
		return rfcURL(strings.TrimSpace(ref[3:]))
	case hasFoldPrefix(ref, "OpenID Connect Core 1.0"):
		return "https://openid.net/specs/openid-connect-core-1_0.html" + oidcAnchor(ref[len("OpenID Connect Core 1.0"):])
	case hasFoldPrefix(ref, "OpenID Connect Discovery 1.0"):
		return "https://openid.net/specs/openid-connect-discovery-1_0.html" + oidcAnchor(ref[len("OpenID Connect Discovery 1.0"):])
	case hasFoldPrefix(ref, "Fetch Standard"):
		if i := strings.Index(ref, "#"); i >= 0 {
			if a := strings.Fields(ref[i+1:]); len(a) > 0 && safeToken(a[0]) {
				return "https://fetch.spec.whatwg.org/#" + a[0]
			}
		}
		if strings.Contains(strings.ToUpper(ref), "CORS") {
			return "https://fetch.spec.whatwg.org/#http-cors-protocol"
		}
		return "https://fetch.spec.whatwg.org/"
	case hasFoldPrefix(ref, "Docker registry token"):
		return "https://distribution.github.io/distribution/spec/auth/token/"
	case hasFoldPrefix(ref, "draft-"):
		name := ref
		if i := strings.IndexAny(name, " §,;()"); i >= 0 {
			name = name[:i]
		}
		if !safeToken(name) {
			return ""
		}
		return "https://datatracker.ietf.org/doc/" + name
	}
	return ""
}

func rfcURL(rest string) string {
	// "-" or "_" in "RFC-7519" style.
	rest = strings.TrimLeft(rest, " -_")
	n := 0
	for n < len(rest) && n < 5 && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 {
		return ""
	}
	base := "https://www.rfc-editor.org/rfc/rfc" + strings.TrimLeft(rest[:n], "0")
	rest = strings.TrimSpace(rest[n:])
	if strings.HasPrefix(rest, ",") { // "RFC 7519, §4.1.4"
		rest = strings.TrimSpace(rest[1:])
	}
	kind := "section-"
	switch {
	case strings.HasPrefix(rest, "§"):
		rest = strings.TrimSpace(strings.TrimPrefix(rest, "§"))
	case hasFoldPrefix(rest, "Section"):
		rest = strings.TrimSpace(rest[len("Section"):])
	case hasFoldPrefix(rest, "Appendix"):
		rest = strings.TrimSpace(rest[len("Appendix"):])
		kind = "appendix-"
	default:
		return base
	}
	sec := sectionNumber(rest)
	if sec == "" {
		return base
	}
	if sec[0] >= 'A' && sec[0] <= 'Z' {
		kind = "appendix-"
	}
	return base + "#" + kind + sec
}

// sectionNumber reads "4.1.4" or "A.1" from the start of s.
func sectionNumber(s string) string {
	i := 0
	if i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	return strings.TrimRight(s[:i], ".")
}

func oidcAnchor(rest string) string {
	rest = strings.TrimSpace(rest)
	if !strings.HasPrefix(rest, "§") {
		return ""
	}
	sec := sectionNumber(strings.TrimSpace(strings.TrimPrefix(rest, "§")))
	if sec == "" {
		return ""
	}
	return "#rfc.section." + sec
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func safeToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return s != ""
}
