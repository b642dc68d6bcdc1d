package exchange

import (
	"encoding/base64"
	"strings"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// Options of curl that take an argument (those not listed are read as flags).
var curlShortArg = "HuXbdAeoTFwxUEKmrcDCyYzQPt"

// curlShortLong names the short options that matter by their long form.
var curlShortLong = map[byte]string{
	'H': "header", 'u': "user", 'U': "proxy-user", 'X': "request", 'b': "cookie", 'd': "data",
	'F': "form", 'T': "upload-file", 'A': "user-agent", 'e': "referer", 'G': "get", 'I': "head",
}

var curlLongArg = map[string]bool{}

func init() {
	for _, o := range strings.Fields(`header user request cookie data data-raw data-binary data-ascii data-urlencode json
	referer user-agent output upload-file form form-string write-out proxy proxy-user cert key cacert capath config
	max-time connect-timeout url oauth2-bearer aws-sigv4 range cookie-jar dump-header resolve connect-to retry
	retry-delay retry-max-time limit-rate max-redirs interface local-port dns-servers dns-interface dns-ipv4-addr
	dns-ipv6-addr cert-type key-type pass ciphers tls13-ciphers proxy-header request-target unix-socket
	abstract-unix-socket variable trace trace-ascii trace-config stderr login-options sasl-authzid service-name
	pinnedpubkey hostpubmd5 hostpubsha256 ftp-port ftp-account ftp-alternative-to-user ftp-method ftp-ssl-ccc-mode
	mail-from mail-rcpt mail-auth socks4 socks4a socks5 socks5-hostname socks5-gssapi-service preproxy
	proxy-cacert proxy-capath proxy-cert proxy-cert-type proxy-ciphers proxy-crlfile proxy-key proxy-key-type
	proxy-pass proxy-pinnedpubkey proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype proxy-tlspassword
	proxy-tlsuser doh-url alt-svc hsts etag-save etag-compare output-dir create-file-mode keepalive-time
	happy-eyeballs-timeout-ms expect100-timeout speed-limit speed-time time-cond telnet-option quote noproxy
	delegation crlfile egd-file random-file tlsuser tlspassword tlsauthtype proto proto-redir proto-default
	parallel-max rate ip-tos vlan-priority url-query engine curves krb max-filesize netrc-file tftp-blksize
	unix-socket xattr ech proxy-ssl-auto-client-cert ssl-sessions`) {
		curlLongArg[o] = true
	}
}

// parseCurlCommand reads a curl command line into the request curl would send.
func parseCurlCommand(p detect.Part) ([]Exchange, error) {
	text := p.Text
	i := strings.Index(text, "curl")
	if i < 0 {
		i = 0
	}
	cmd := text[i:]
	end := detect.CommandEnd(cmd, 0)
	cmd = cmd[:end]
	base := p.Start + i
	args := tokenize(cmd, detect.CurlStyle(cmd))
	if len(args) > 0 && (args[0].val == "curl" || args[0].val == "curl.exe") {
		args = args[1:]
	}
	r := buildCurlRequest(args, cmd, base)
	r.Span = report.Span{Start: p.Start, End: p.End}
	r.From = p.Kind
	return []Exchange{{Request: r}}, nil
}

// curlOpts are the curl options that shape the request.
type curlOpts struct {
	method          string
	url             arg
	hasURL          bool
	data            []string
	get, head, form bool
	upload          bool
	user            *arg
	bearer          *arg
	proxyUser       *arg
	authMethod      string // --digest, --ntlm, --negotiate, --anyauth
	aws             bool
}

func buildCurlRequest(args []arg, cmd string, base int) *Request {
	var o curlOpts
	r := &Request{}
	span := func(a arg) report.Span {
		// The value's span when it is verbatim inside the raw word.
		if a.val == "" {
			return report.Span{}
		}
		if j := strings.Index(cmd[a.start:a.end], a.val); j >= 0 {
			s := base + a.start + j
			return report.Span{Start: s, End: s + len(a.val)}
		}
		return report.Span{}
	}
	addHeader := func(a arg, whole report.Span) {
		name, value, ok := strings.Cut(a.val, ":")
		if !ok {
			if n, semi := strings.CutSuffix(a.val, ";"); semi { // "-H 'X-Empty;'" sends an empty header
				r.Headers = append(r.Headers, Header{Name: strings.TrimSpace(n), Span: whole})
			}
			return
		}
		name = strings.TrimSpace(name)
		value = strings.TrimSpace(value)
		if name == "" || strings.HasPrefix(a.val, "@") || value == "" {
			return // "@file", or "Name:" which removes a header curl would send
		}
		h := Header{Name: name, Value: value, Span: whole}
		switch {
		case a.vars&varExpands != 0:
			h.ShellVar = ShellExpands
		case a.vars&varLiteral != 0:
			h.ShellVar = ShellLiteral
		}
		if vs := span(arg{val: value, start: a.start, end: a.end}); vs.End > 0 {
			h.ValueSpan = vs
		}
		r.Headers = append(r.Headers, h)
	}
	for k := 0; k < len(args); k++ {
		a := args[k]
		v := a.val
		next := func() (arg, bool) {
			if k+1 < len(args) {
				k++
				return args[k], true
			}
			return arg{}, false
		}
		whole := func(x arg) report.Span { return report.Span{Start: base + a.start, End: base + x.end} }
		// apply sets what the option called name (its long form) does.
		apply := func(name string, val arg) {
			switch name {
			case "header":
				addHeader(val, whole(val))
			case "user":
				x := val
				o.user = &x
			case "proxy-user":
				x := val
				o.proxyUser = &x
			case "oauth2-bearer":
				x := val
				o.bearer = &x
			case "request":
				o.method = val.val
			case "url":
				if !o.hasURL {
					o.url, o.hasURL = val, true
				}
			case "cookie":
				addCookie(r, val, span(val), whole(val))
			case "data", "data-raw", "data-binary", "data-ascii", "data-urlencode", "json":
				o.data = append(o.data, val.val)
				if name == "json" {
					r.Headers = append(r.Headers, Header{Name: "Content-Type", Value: "application/json"}, Header{Name: "Accept", Value: "application/json"})
				}
			case "form", "form-string":
				o.form = true
			case "upload-file":
				o.upload = true
			case "user-agent":
				r.Headers = append(r.Headers, Header{Name: "User-Agent", Value: val.val, Span: whole(val), ValueSpan: span(val)})
			case "referer":
				r.Headers = append(r.Headers, Header{Name: "Referer", Value: val.val, Span: whole(val), ValueSpan: span(val)})
			case "get":
				o.get = true
			case "head":
				o.head = true
			case "digest", "ntlm", "negotiate", "anyauth", "ntlm-wb":
				o.authMethod = name
			case "basic":
				o.authMethod = ""
			case "aws-sigv4":
				o.aws = true
			}
		}
		if strings.HasPrefix(v, "--") && len(v) > 2 {
			name := v[2:]
			var val arg
			if curlLongArg[name] {
				var ok bool
				if val, ok = next(); !ok {
					continue
				}
			}
			apply(name, val)
			continue
		}
		if strings.HasPrefix(v, "-") && len(v) > 1 {
			// Short options may be bundled (-sSLk) and take their value
			// attached (-HAccept:…) or as the next word.
			for j := 1; j < len(v); j++ {
				c := v[j]
				if strings.IndexByte(curlShortArg, c) < 0 {
					apply(curlShortLong[c], arg{})
					continue
				}
				var val arg
				if j+1 < len(v) {
					val = arg{val: v[j+1:], start: a.start + j + 1, end: a.end}
				} else if x, ok := next(); ok {
					val = x
				} else {
					break
				}
				apply(curlShortLong[c], val)
				break
			}
			continue
		}
		if !o.hasURL {
			o.url, o.hasURL = a, true
		}
	}
	// URL: curl assumes http:// when no scheme is given.
	if o.hasURL {
		r.URL = o.url.val
		r.URLSpan = span(o.url)
		if !strings.Contains(r.URL, "://") && r.URL != "" {
			r.URL = "http://" + r.URL
			r.URLSpan = report.Span{}
		}
	}
	// Method.
	switch {
	case o.method != "":
		r.Method = o.method
	case o.head:
		r.Method = "HEAD"
	case o.get:
		r.Method = "GET"
	case o.upload:
		r.Method = "PUT"
	case len(o.data) > 0 || o.form:
		r.Method = "POST"
	default:
		r.Method = "GET"
	}
	if len(o.data) > 0 {
		d := strings.Join(o.data, "&")
		if o.get {
			sep := "?"
			if strings.Contains(r.URL, "?") {
				sep = "&"
			}
			r.URL += sep + d
			r.URLSpan = report.Span{}
		} else {
			r.Body = d
		}
	}
	// Credentials curl computes.
	_, has := r.Header("Authorization")
	if o.user != nil && (has || o.bearer != nil || o.aws || o.authMethod != "") {
		r.Unsent = append(r.Unsent, Credential{Source: "request.userinfo", Value: o.user.val, Offset: base + o.user.start})
	}
	if o.bearer != nil && has {
		r.Unsent = append(r.Unsent, Credential{Source: "request.authorization", Value: "Bearer " + o.bearer.val, Offset: -1})
	}
	if !has {
		switch {
		case o.bearer != nil:
			r.Headers = append(r.Headers, Header{Name: "Authorization", Value: "Bearer " + o.bearer.val,
				Span: report.Span{Start: base + o.bearer.start, End: base + o.bearer.end}})
		case o.aws:
			r.Deferred = "curl --aws-sigv4 signs the request itself"
		case o.user != nil && o.authMethod != "":
			r.Deferred = "curl --" + o.authMethod + " sends credentials only after the server's challenge"
		case o.user != nil:
			r.Headers = append(r.Headers, basicHeader("Authorization", o.user.val, report.Span{Start: base + o.user.start, End: base + o.user.end}))
		default:
			if u, ok := userinfo(r.URL); ok {
				r.Headers = append(r.Headers, basicHeader("Authorization", u, report.Span{}))
			}
		}
	}
	if o.proxyUser != nil {
		r.Headers = append(r.Headers, basicHeader("Proxy-Authorization", o.proxyUser.val, report.Span{Start: base + o.proxyUser.start, End: base + o.proxyUser.end}))
	}
	r.Cookies = cookiesOf(r.Headers)
	return r
}

func basicHeader(name, userpass string, sp report.Span) Header {
	if !strings.Contains(userpass, ":") {
		userpass += ":" // curl would prompt for the password
	}
	return Header{Name: name, Value: "Basic " + base64.StdEncoding.EncodeToString([]byte(userpass)), Span: sp}
}

// addCookie handles curl -b: "name=value; …" is sent as a Cookie header, a
// bare word is a cookie file (not sent).
func addCookie(r *Request, a arg, vs, whole report.Span) {
	if !strings.Contains(a.val, "=") {
		return
	}
	for i, h := range r.Headers {
		if strings.EqualFold(h.Name, "cookie") {
			r.Headers[i].Value += "; " + a.val
			r.Headers[i].ValueSpan = report.Span{}
			return
		}
	}
	r.Headers = append(r.Headers, Header{Name: "Cookie", Value: a.val, Span: whole, ValueSpan: vs})
}

// userinfo returns "user:password" from a URL's authority, if present.
func userinfo(u string) (string, bool) {
	i := strings.Index(u, "://")
	if i < 0 {
		return "", false
	}
	rest := u[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return "", false
	}
	return rest[:at], true
}
