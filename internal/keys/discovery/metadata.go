package discovery

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
)

// Metadata is what keys.Load reads of an issuer's metadata (OpenID Connect
// Discovery 1.0 §3, RFC 8414 §2).
type Metadata struct {
	Issuer  string `json:"issuer"`
	JWKSURI string `json:"jwks_uri"`
}

// ParseMetadata reads a metadata document; the error is encoding/json's
// when it is not a JSON object.
func ParseMetadata(body []byte) (Metadata, error) {
	var m Metadata
	err := json.Unmarshal(body, &m)
	return m, err
}

// MetadataURLs lists the metadata URLs for an issuer, in the order to try
// them: OpenID Connect Discovery 1.0 §4 (appended), RFC 8414 §3 (appended,
// then inserted before the path).
func MetadataURLs(iss string) []string {
	base := strings.TrimRight(iss, "/")
	urls := []string{
		base + "/.well-known/openid-configuration",
		base + "/.well-known/oauth-authorization-server",
	}
	if p, err := url.Parse(base); err == nil && strings.Trim(p.Path, "/") != "" {
		ins := *p
		ins.Path = "/.well-known/oauth-authorization-server" + p.Path
		ins.RawPath = ""
		urls = append(urls, ins.String())
	}
	return urls
}

// CheckURL returns why u cannot be fetched, or "": it must be an absolute
// http(s) URL with a host and without credentials.
func CheckURL(u string) string {
	p, err := url.Parse(u)
	switch {
	case err != nil:
		return "it is not a URL (" + err.Error() + ")"
	case p.Scheme != "https" && p.Scheme != "http":
		return "only http(s) URLs can be fetched"
	case p.Host == "":
		return "it has no host"
	case p.User != nil:
		return "it carries credentials (user:password@)"
	}
	return ""
}

// DescribeBody says what a fetched body looks like — sniffed kind and
// length — without quoting any of it.
func DescribeBody(b []byte) string {
	n := report.Plural(len(b), "1 byte", strconv.Itoa(len(b))+" bytes")
	t := strings.ToLower(strings.TrimSpace(string(b[:min(len(b), 1024)])))
	switch {
	case len(strings.TrimSpace(string(b))) == 0:
		return "empty (" + n + ")"
	case strings.HasPrefix(t, "<!doctype html") || strings.HasPrefix(t, "<html") || strings.Contains(t, "<head") || strings.Contains(t, "<body"):
		return "an HTML page (" + n + ")"
	case strings.HasPrefix(t, "<?xml") || strings.HasPrefix(t, "<"):
		return "XML or other markup (" + n + ")"
	case utf8.Valid(b) && !strings.ContainsRune(string(b), 0):
		return "plain text (" + n + ")"
	}
	return "binary data (" + n + ")"
}
