package server

import "strings"

// Content codings the server can send, in order of preference when the
// client weighs them equally: brotli is smallest, identity largest.
const (
	encIdentity = iota
	encGzip
	encBrotli
	numEnc
)

var encNames = [numEnc]string{"", "gzip", "br"}

// maxCodings bounds the work spent on one Accept-Encoding header.
const maxCodings = 32

// acceptEncoding holds the weights (0–1000) a request gave each coding; -1
// means the coding was not named.
type acceptEncoding struct {
	br, gzip, identity, star int
}

// parseAcceptEncoding reads the Accept-Encoding field values (RFC 9110
// §12.5.3). Members with an invalid weight are ignored, as are members past
// maxCodings; coding names are case-insensitive.
func parseAcceptEncoding(values []string) acceptEncoding {
	ae := acceptEncoding{br: -1, gzip: -1, identity: -1, star: -1}
	n := 0
	for _, v := range values {
		for member := range strings.SplitSeq(v, ",") {
			if n >= maxCodings {
				return ae
			}
			member = strings.Trim(member, " \t")
			if member == "" {
				continue
			}
			n++
			name, params, _ := strings.Cut(member, ";")
			name = strings.ToLower(strings.Trim(name, " \t"))
			q, ok := parseWeight(params)
			if !ok {
				continue
			}
			switch name {
			case "br":
				ae.br = max(ae.br, q)
			case "gzip", "x-gzip":
				ae.gzip = max(ae.gzip, q)
			case "identity":
				ae.identity = max(ae.identity, q)
			case "*":
				ae.star = max(ae.star, q)
			}
		}
	}
	return ae
}

// parseWeight reads the parameters after a coding: an optional "q=qvalue"
// (RFC 9110 §12.4.2), returned in thousandths. Absent means 1000.
func parseWeight(params string) (int, bool) {
	q := 1000
	for p := range strings.SplitSeq(params, ";") {
		p = strings.Trim(p, " \t")
		if p == "" {
			continue
		}
		k, v, found := strings.Cut(p, "=")
		if !found || !strings.EqualFold(strings.Trim(k, " \t"), "q") {
			continue // an extension parameter: not ours to judge
		}
		w, ok := parseQValue(strings.Trim(v, " \t"))
		if !ok {
			return 0, false
		}
		q = w
	}
	return q, true
}

// parseQValue parses qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
func parseQValue(s string) (int, bool) {
	if s == "" || len(s) > 5 || (s[0] != '0' && s[0] != '1') {
		return 0, false
	}
	whole := int(s[0] - '0')
	if len(s) == 1 {
		return whole * 1000, true
	}
	if s[1] != '.' {
		return 0, false
	}
	frac, scale := 0, 100
	for i := 2; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		frac += int(c-'0') * scale
		scale /= 10
	}
	if whole == 1 && frac != 0 {
		return 0, false
	}
	return whole*1000 + frac, true
}

// weight returns how much the client wants coding enc.
func (ae acceptEncoding) weight(enc int) int {
	explicit := [numEnc]int{ae.identity, ae.gzip, ae.br}[enc]
	switch {
	case explicit >= 0:
		return explicit
	case ae.star >= 0:
		return ae.star
	case enc == encIdentity:
		// Acceptable unless excluded (RFC 9110 §12.5.3), but not preferred:
		// a client that names codings with any weight wants one of them.
		return 1
	default:
		return 0 // not named, no "*"; and no header at all means identity
	}
}

// choose picks the coding to send among those available (available[enc]),
// the highest weight winning and ties going to the smaller coding. ok is
// false when no available coding is acceptable.
func (ae acceptEncoding) choose(available [numEnc]bool) (enc int, ok bool) {
	best, bestW := -1, 0
	for e := numEnc - 1; e >= 0; e-- {
		if !available[e] {
			continue
		}
		if w := ae.weight(e); w > bestW {
			best, bestW = e, w
		}
	}
	return best, best >= 0
}

// etagMatch reports whether the If-None-Match field values name etag, by the
// weak comparison of RFC 9110 §8.8.3.2 ("W/" prefixes are ignored), or are
// "*". Malformed input never matches; at most maxTags tags are read.
func etagMatch(values []string, etag string) bool {
	want := strings.TrimPrefix(etag, "W/")
	n := 0
	for _, v := range values {
		s := v
		for {
			s = strings.TrimLeft(s, " \t,")
			if s == "" {
				break
			}
			if n++; n > maxTags {
				return false
			}
			if s[0] == '*' {
				return true
			}
			s = strings.TrimPrefix(s, "W/")
			if s == "" || s[0] != '"' {
				return false
			}
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return false
			}
			if s[:end+2] == want {
				return true
			}
			s = s[end+2:]
		}
	}
	return false
}

// maxTags bounds the work spent on one If-None-Match header.
const maxTags = 64
