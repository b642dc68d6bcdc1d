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
}

func serveCommand() (*command, *serveOpts) {
	o := &serveOpts{}
	c := newCommand("serve", "authdebug serve [--addr ADDR] [--dir DIR] [--base /path/] [--jwks-relay] [--quiet]", `
Serves the debugger page: the static site embedded in this binary (built by
'make static'), or a directory written by 'authdebug build'. Precompressed
assets, ETags, long-lived caching of versioned assets, and a strict
Content-Security-Policy with the other security headers on every response.
Stops gracefully on Ctrl-C or SIGTERM.`)
	c.fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "`address` to listen on (loopback by default; :8080 for every interface)")
	c.fs.StringVar(&o.dir, "dir", "", "serve `DIR` instead of the site embedded in the binary")
	c.fs.StringVar(&o.base, "base", "", "URL `path` to serve under (default and only choice for a site of 'authdebug build': the base it was built with)")
	c.fs.BoolVar(&o.relay, "jwks-relay", false, "also serve the JWKS relay at BASE/relay (off by default)")
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
	if o.relay {
		h, err := jwksRelay()
		if err != nil {
			fmt.Fprintf(stderr, "authdebug serve: --jwks-relay: %v\n", err)
			return 2
		}
		opts.Relay = h
	}
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
// production settings.
func jwksRelay() (http.Handler, error) {
	return relay.New(relay.Options{}), nil
}
