package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// Options configures the server. Zero durations and sizes take the defaults
// shown; tests shorten them.
type Options struct {
	// Site is the built site to serve (required).
	Site fs.FS
	// Base is the URL path the site is served under, "/" (the default) or
	// like "/tools/authdebug/": the --base the site was built with.
	Base string
	// Log receives the start-up line and one line per request; nil: none.
	Log io.Writer
	// Relay, when not nil, is mounted at {Base}relay (the optional JWKS
	// relay); it gets the security headers and the access log too.
	Relay http.Handler

	ReadHeaderTimeout time.Duration // default 5s: the request line and headers
	ReadTimeout       time.Duration // default 10s: the whole request
	WriteTimeout      time.Duration // default 2m: the whole response (app.wasm on a slow link)
	IdleTimeout       time.Duration // default 60s: a kept-alive connection between requests
	ShutdownTimeout   time.Duration // default 10s: in-flight requests on shutdown
	MaxHeaderBytes    int           // default 32 KiB
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.ReadHeaderTimeout, 5*time.Second)
	def(&o.ReadTimeout, 10*time.Second)
	def(&o.WriteTimeout, 2*time.Minute)
	def(&o.IdleTimeout, 60*time.Second)
	def(&o.ShutdownTimeout, 10*time.Second)
	if o.MaxHeaderBytes <= 0 {
		o.MaxHeaderBytes = 32 << 10
	}
	if o.Base == "" {
		o.Base = "/"
	}
	return o
}

// Server serves one built site. It is an http.Handler.
type Server struct {
	o        Options
	files    map[string]*file
	notFound []byte // the site's 404.html, or nil
	warnings []string
}

// New reads o.Site into memory and indexes it. It fails when the site has
// no index.html, is too large or o.Base is malformed.
func New(o Options) (*Server, error) {
	o = o.withDefaults()
	if !ValidBase(o.Base) {
		return nil, fmt.Errorf("%q: %w", o.Base, ErrBadBase)
	}
	if o.Site == nil {
		return nil, ErrNoSite
	}
	files, warnings, err := loadSite(o.Site)
	if err != nil {
		return nil, err
	}
	s := &Server{o: o, files: files, warnings: warnings}
	if f, ok := files["404.html"]; ok {
		s.notFound = f.enc[encIdentity].body
	}
	return s, nil
}

// Warnings lists the precompressed variants New dropped because they did
// not decompress to their file (a site edited after its build).
func (s *Server) Warnings() []string { return s.warnings }

// ValidBase reports whether base is "/" or a clean path like "/a/b-c/".
func ValidBase(base string) bool {
	if !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") || len(base) > 256 {
		return false
	}
	if base == "/" {
		return true
	}
	for seg := range strings.SplitSeq(base[1:len(base)-1], "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
				return false
			}
		}
	}
	return true
}

// ServeHTTP answers one request from the site table.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	lw := &logWriter{ResponseWriter: w}
	setSecurityHeaders(w.Header())
	known := s.serve(lw, r)
	if s.o.Log != nil {
		fmt.Fprintf(s.o.Log, "%s %s %s %d %d %s\n", start.UTC().Format(time.RFC3339), logMethod(r.Method),
			logPath(r.URL, known), lw.status(), lw.n, time.Since(start).Round(time.Microsecond))
	}
}

// serve writes the response and reports whether the path was one of the
// site's (so that the access log may show it in full).
func (s *Server) serve(w http.ResponseWriter, r *http.Request) (known bool) {
	p := r.URL.Path
	if bad := badPath(p) || badPath(r.URL.RawPath); bad {
		plain(w, http.StatusBadRequest, "400 bad request: malformed path")
		return false
	}
	base := s.o.Base
	if base != "/" && (p == strings.TrimSuffix(base, "/") || p == "/") {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			s.methodNotAllowed(w)
			return true
		}
		w.Header().Set("Location", base)
		w.Header().Set("Cache-Control", CacheRevalidate)
		plain(w, http.StatusMovedPermanently, "301 moved permanently: "+base)
		return true
	}
	if !strings.HasPrefix(p, base) {
		s.notFoundPage(w, r)
		return false
	}
	rel := p[len(base):]
	if s.o.Relay != nil && rel == "relay" {
		s.o.Relay.ServeHTTP(w, r)
		return true
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.methodNotAllowed(w)
		return s.lookup(rel) != nil
	}
	f := s.lookup(rel)
	if f == nil {
		s.notFoundPage(w, r)
		return false
	}
	h := w.Header()
	if f.hasVariants() {
		h.Set("Vary", "Accept-Encoding")
	}
	h.Set("Cache-Control", f.cache)
	enc, ok := parseAcceptEncoding(r.Header.Values("Accept-Encoding")).choose(f.available())
	if !ok {
		plain(w, http.StatusNotAcceptable, "406 not acceptable: no acceptable content coding (identity is refused)")
		return true
	}
	v := f.enc[enc]
	h.Set("ETag", v.etag)
	if etagMatch(r.Header.Values("If-None-Match"), v.etag) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	h.Set("Content-Type", f.ctype)
	if enc != encIdentity {
		h.Set("Content-Encoding", encNames[enc])
	}
	h.Set("Content-Length", strconv.Itoa(len(v.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(v.body)
	}
	return true
}

// lookup finds the file for a path relative to the base: "" is index.html,
// "dir/" is dir/index.html, and "x" (no extension) may be the page x.html.
func (s *Server) lookup(rel string) *file {
	switch {
	case rel == "":
		rel = "index.html"
	case strings.HasSuffix(rel, "/"):
		rel += "index.html"
	}
	if hiddenPath(rel) || strings.HasSuffix(rel, ".br") || strings.HasSuffix(rel, ".gz") {
		return nil
	}
	if f, ok := s.files[rel]; ok {
		return f
	}
	if last := rel[strings.LastIndexByte(rel, '/')+1:]; !strings.Contains(last, ".") {
		return s.files[rel+".html"]
	}
	return nil
}

func hiddenPath(rel string) bool {
	for seg := range strings.SplitSeq(rel, "/") {
		if hidden(seg) {
			return true
		}
	}
	return false
}

// badPath reports request paths that no site file can have and that smell
// of traversal: "." or ".." segments, backslashes, control bytes, invalid
// UTF-8. (Lookups only ever hit the in-memory table, so traversal cannot
// reach the file system anyway; these get a 400 rather than a 404.)
func badPath(p string) bool {
	if !utf8.ValidString(p) {
		return true
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return true
		}
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." || strings.EqualFold(seg, "%2e") || strings.EqualFold(seg, "%2e%2e") ||
			strings.EqualFold(seg, ".%2e") || strings.EqualFold(seg, "%2e.") {
			return true
		}
	}
	return false
}

func (s *Server) methodNotAllowed(w http.ResponseWriter) {
	w.Header().Set("Allow", "GET, HEAD")
	plain(w, http.StatusMethodNotAllowed, "405 method not allowed: this server only serves files (GET, HEAD)")
}

func (s *Server) notFoundPage(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", CacheRevalidate)
	if s.notFound == nil {
		plain(w, http.StatusNotFound, "404 page not found")
		return
	}
	h.Set("Content-Type", mimeTypes[".html"])
	h.Set("Content-Length", strconv.Itoa(len(s.notFound)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(s.notFound)
	}
}

// plain writes a short text/plain response (error statuses).
func plain(w http.ResponseWriter, code int, msg string) {
	h := w.Header()
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", CacheRevalidate)
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(msg)+1))
	w.WriteHeader(code)
	_, _ = io.WriteString(w, msg+"\n")
}

// logWriter records the status and body bytes of a response.
type logWriter struct {
	http.ResponseWriter
	code int
	n    int64
}

func (l *logWriter) WriteHeader(code int) {
	if l.code == 0 {
		l.code = code
	}
	l.ResponseWriter.WriteHeader(code)
}

func (l *logWriter) Write(b []byte) (int, error) {
	if l.code == 0 {
		l.code = http.StatusOK
	}
	n, err := l.ResponseWriter.Write(b)
	l.n += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (the relay may
// flush).
func (l *logWriter) Unwrap() http.ResponseWriter { return l.ResponseWriter }

func (l *logWriter) status() int {
	if l.code == 0 {
		return http.StatusOK
	}
	return l.code
}

// logMethod bounds the method in the log (net/http already restricts it to
// token characters).
func logMethod(m string) string {
	if len(m) > 16 {
		return m[:16] + "…"
	}
	return m
}

// logPath is the request path for the access log: never the query string;
// escaped so it holds no control characters; and, for paths that are not the
// site's, cut to 48 bytes so a credential pasted into a URL is not logged.
func logPath(u interface{ EscapedPath() string }, known bool) string {
	p := u.EscapedPath()
	if !known && len(p) > 48 {
		return p[:48] + "…"
	}
	if len(p) > 512 {
		return p[:512] + "…"
	}
	return p
}

// ListenAndServe listens on addr and serves until ctx ends, then shuts down
// gracefully: the listener closes at once and in-flight requests get up to
// ShutdownTimeout to complete. ready, when not nil, is called with the bound
// address before serving. A taken port gives an error wrapping ErrAddrInUse.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("cannot listen on %s: %w (another program, perhaps another authdebug serve, holds the port; pick another with --addr)", addr, ErrAddrInUse)
		}
		return fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then shuts down gracefully. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	o := s.o
	errLog := io.Discard
	if o.Log != nil {
		errLog = o.Log
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: o.ReadHeaderTimeout,
		ReadTimeout:       o.ReadTimeout,
		WriteTimeout:      o.WriteTimeout,
		IdleTimeout:       o.IdleTimeout,
		MaxHeaderBytes:    o.MaxHeaderBytes,
		ErrorLog:          log.New(errLog, "authdebug: ", 0),
	}
	if o.Log != nil {
		fmt.Fprintf(o.Log, "authdebug: serving on http://%s%s\n", ln.Addr(), o.Base)
		for _, w := range s.warnings {
			fmt.Fprintf(o.Log, "authdebug: warning: %s\n", w)
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), o.ShutdownTimeout)
	defer cancel()
	serr := srv.Shutdown(sctx)
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if serr != nil {
		return fmt.Errorf("shutting down: %w", serr)
	}
	return nil
}
