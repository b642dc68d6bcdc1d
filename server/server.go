package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path"
	"time"
)

// Options configures the server.
type Options struct {
	// Site is the static site to serve.
	Site fs.FS
	// Log receives one line per request and the listening address.
	Log io.Writer
}

// Handler serves the site. go-app routes without an extension are served from
// their prerendered .html file.
func Handler(o Options) http.Handler {
	files := http.FileServerFS(o.Site)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		if p != "/" && path.Ext(p) == "" {
			if _, err := fs.Stat(o.Site, p[1:]+".html"); err == nil {
				r.URL.Path = p + ".html"
			}
		}
		files.ServeHTTP(w, r)
	})
}

// ListenAndServe serves h on addr until ctx is cancelled, then shuts down
// gracefully. ready, when not nil, receives the bound address.
func ListenAndServe(ctx context.Context, addr string, h http.Handler, log io.Writer, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	if ready != nil {
		ready(ln.Addr())
	}
	fmt.Fprintf(log, "authdebug: serving on http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
