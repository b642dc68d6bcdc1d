package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"github.com/authdebug/authdebug/server"
	"github.com/authdebug/authdebug/static"
)

type serveOpts struct {
	addr string
	dir  string
}

func serveCommand() (*command, *serveOpts) {
	o := &serveOpts{}
	c := newCommand("serve", "authdebug serve [--addr ADDR] [--dir DIR]", `
Serves the debugger page: the static site embedded in this binary (built by
'make static'), or a directory written by 'authdebug build'.`)
	c.fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "`address` to listen on (loopback by default)")
	c.fs.StringVar(&o.dir, "dir", "", "serve `DIR` instead of the site embedded in the binary")
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
	var site fs.FS
	if o.dir != "" {
		if st, err := os.Stat(o.dir); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "authdebug serve: %s is not a directory\n", o.dir)
			return 2
		}
		site = os.DirFS(o.dir)
	} else {
		if !static.Built() {
			fmt.Fprintln(stderr, "authdebug serve: this binary embeds no site yet; run 'make run' (or 'make static' and rebuild), or pass --dir")
			return 2
		}
		site = static.FS()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	h := server.Handler(server.Options{Site: site, Log: stderr})
	if err := server.ListenAndServe(ctx, o.addr, h, stderr, nil); err != nil {
		fmt.Fprintf(stderr, "authdebug serve: %v\n", err)
		return 2
	}
	return 0
}
