package deploy

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
)

//go:embed nginx.conf
var nginxConf string

//go:embed _headers
var headersFile string

// NginxConf returns the example nginx configuration as shipped.
func NginxConf() string { return nginxConf }

// Headers returns the example _headers file as shipped.
func Headers() string { return headersFile }

// ErrTemplate is returned when nginx.conf lacks a line Nginx substitutes.
var ErrTemplate = errors.New("deploy: nginx.conf lacks an ADAPT line")

// NginxParams are the site-specific values of nginx.conf (its ADAPT lines).
type NginxParams struct {
	Listen    string // e.g. "127.0.0.1:8080"
	Root      string // the directory `authdebug build` wrote (or its parent, for a --base build)
	Base      string // the --base of the build: "/" (default) or like "/tools/authdebug/"
	Pid       string // pid file
	ErrorLog  string // error log file
	AccessLog string // access log file, or "off"
	// TempDir, when set, holds nginx's temporary files (for running
	// unprivileged or with a private prefix).
	TempDir string
	// Extra main-context directives, e.g. "user root;".
	Extra string
}

// NginxConfig returns nginx.conf with the ADAPT lines set from p.
func NginxConfig(p NginxParams) (string, error) {
	s := nginxConf
	repl := []struct{ old, new string }{
		{"listen 127.0.0.1:8080;", "listen " + p.Listen + ";"},
		{"root /var/www/authdebug;", "root " + p.Root + ";"},
		{"pid /run/nginx-authdebug.pid;", "pid " + p.Pid + ";"},
		{"error_log /var/log/nginx/authdebug.error.log warn;", "error_log " + p.ErrorLog + " warn;"},
		{"access_log /var/log/nginx/authdebug.access.log authdebug;", "access_log " + accessLog(p.AccessLog) + ";"},
		{"error_page 404 /404.html;", "error_page 404 " + base(p.Base) + "404.html;"},
	}
	for _, r := range repl {
		if strings.Count(s, r.old) != 1 {
			return "", fmt.Errorf("%q: %w", r.old, ErrTemplate)
		}
		s = strings.Replace(s, r.old, r.new, 1)
	}
	if p.TempDir != "" {
		var tmp strings.Builder
		for _, k := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
			fmt.Fprintf(&tmp, "    %s_temp_path %s/%s;\n", k, p.TempDir, k)
		}
		s = strings.Replace(s, "http {\n", "http {\n"+tmp.String(), 1)
	}
	if p.Extra != "" {
		s = p.Extra + "\n" + s
	}
	return s, nil
}

func base(b string) string {
	if b == "" {
		return "/"
	}
	return b
}

func accessLog(v string) string {
	if v == "" || v == "off" {
		return "off"
	}
	return v + " authdebug"
}
