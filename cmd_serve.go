package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/authdebug/authdebug/internal/site"
	"github.com/authdebug/authdebug/server"
	"github.com/authdebug/authdebug/server/relay"
	"github.com/authdebug/authdebug/static"
)

type serveOpts struct {
	addr  string
	dir   string
	base  string
	relay bool
	quiet bool
	// ipHeader names the header a trusted proxy puts the client address
	// in, for the relay's rate limit; ipHops how many proxies append to it.
	ipHeader string
	ipHops   int
}

func serveCommand() (*command, *serveOpts) {
	o := &serveOpts{}
	c := newCommand("serve", "authdebug serve [--addr ADDR] [--dir DIR] [--base /path/] [--jwks-relay [--client-ip-header NAME [--client-ip-hops N]]] [--quiet]", `
Serves the debugger page: the static site embedded in this binary (built by
'make static'), or a directory written by 'authdebug build'. Precompressed
assets, ETags, long-lived caching of versioned assets, and a strict
Content-Security-Policy with the other security headers on every response.
Stops gracefully on Ctrl-C or SIGTERM.

The JWKS relay fetches only public https hosts on port 443 and rate-limits
each client address. Behind a reverse proxy every request comes from the
proxy: give --client-ip-header (X-Forwarded-For, X-Real-IP or Forwarded)
to rate-limit by the address the proxy appends instead. Only the right end
of that header is trusted: --client-ip-hops is how many proxies append to
it (1: the right-most entry). Set it only when every request passes
through those proxies, or clients choose their own address.`)
	c.fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "`address` to listen on (loopback by default; :8080 for every interface)")
	c.fs.StringVar(&o.dir, "dir", "", "serve `DIR` instead of the site embedded in the binary")
	c.fs.StringVar(&o.base, "base", "", "URL `path` to serve under (default and only choice for a site of 'authdebug build': the base it was built with)")
	c.fs.BoolVar(&o.relay, "jwks-relay", false, "also serve the JWKS relay at BASE/relay (off by default)")
	c.fs.StringVar(&o.ipHeader, "client-ip-header", "", "rate-limit the relay by the client address in header `NAME`, set by a trusted reverse proxy (e.g. X-Forwarded-For)")
	c.fs.IntVar(&o.ipHops, "client-ip-hops", 1, "`N` trusted proxies append to --client-ip-header: the Nth entry from the right is the client")
	c.fs.BoolVar(&o.quiet, "quiet", false, "no access log")
	return c, o
}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	c, o := serveCommand()
	if st, ok := c.parse(args, stdout, stderr); !ok {
		return st
	}
	if c.fs.NArg() > 0 {
		fmt.Fprintf(stderr, "authdebug serve: unexpected argument %q\nusage: %s\n", c.fs.Arg(0), c.usage)
		return 2
	}
	if o.ipHeader != "" && !o.relay {
		fmt.Fprintf(stderr, "authdebug serve: --client-ip-header only applies to --jwks-relay\nusage: %s\n", c.usage)
		return 2
	}
	var relayH http.Handler
	if o.relay {
		h, err := jwksRelay(o)
		if err != nil {
			fmt.Fprintf(stderr, "authdebug serve: --client-ip-header: %v\n", err)
			return 2
		}
		relayH = h
	}
	var fsys fs.FS
	if o.dir != "" {
		if st, err := os.Stat(o.dir); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "authdebug serve: %s is not a directory\n", o.dir)
			return 2
		}
		fsys = os.DirFS(o.dir)
	} else {
		if !static.Built() {
			fmt.Fprintln(stderr, "authdebug serve: this binary embeds no site yet; run 'make run' (or 'make static' and rebuild), or pass --dir")
			return 2
		}
		fsys = static.FS()
	}
	base := o.base
	if info, err := site.ReadInfo(fsys); err == nil {
		if base != "" && base != info.Base {
			fmt.Fprintf(stderr, "authdebug serve: the site was built for --base %s, its pages load their assets from there; serving it under %s cannot work (rebuild with 'authdebug build --base %s')\n", info.Base, base, base)
			return 2
		}
		base = info.Base
	}
	if base == "" {
		base = "/"
	}
	opts := server.Options{Site: fsys, Base: base, Log: stderr}
	if o.quiet {
		opts.Log = nil
	}
	opts.Relay = relayH
	srv, err := server.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "authdebug serve: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = srv.ListenAndServe(ctx, o.addr, func(a net.Addr) {
		if o.quiet { // the address line is part of the log otherwise
			fmt.Fprintf(stderr, "authdebug: serving on http://%s%s\n", a, base)
		}
		if ta, ok := a.(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
			fmt.Fprintf(stderr, "authdebug: note: listening on %s, reachable from other machines\n", a)
		}
	})
	if err != nil {
		fmt.Fprintf(stderr, "authdebug serve: %v\n", err)
		if errors.Is(err, server.ErrAddrInUse) {
			return 2
		}
		return 1
	}
	return 0
}

// jwksRelay returns the optional JWKS relay handler (server/relay), with its
// production settings and, when --client-ip-header is given, the client
// address taken from the trusted proxy's header.
func jwksRelay(o *serveOpts) (http.Handler, error) {
	var opts relay.Options
	if o.ipHeader != "" {
		f, err := relay.ClientIPFrom(o.ipHeader, o.ipHops)
		if err != nil {
			return nil, err
		}
		opts.ClientIP = f
	}
	return relay.New(opts), nil
}
