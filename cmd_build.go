package main

import (
	"fmt"
	"io"

	"github.com/authdebug/authdebug/internal/site"
)

type buildOpts struct {
	out  string
	web  string
	base string
}

func buildCommand() (*command, *buildOpts) {
	o := &buildOpts{}
	c := newCommand("build", "authdebug build [-o DIR] [--base /path/] [--web DIR]", `
Writes the self-hostable static site: prerendered pages, the PWA worker and
manifest, the assets of web/ including app.wasm (build it first with
'make wasm'), a 404 page, and a .br and .gz beside every text asset and
app.wasm. Host the directory on any static host (see server/deploy/ for nginx
and _headers examples), at the root or, built with --base, under a sub-path.
Two builds of the same sources are byte-identical.`)
	c.fs.StringVar(&o.out, "o", "static/site", "output `DIR`")
	c.fs.StringVar(&o.web, "web", "web", "`DIR` of web assets holding the built app.wasm")
	c.fs.StringVar(&o.base, "base", "/", "URL `path` the site is served under, like /tools/authdebug/")
	return c, o
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	c, o := buildCommand()
	if st, ok := c.parse(args, stdout, stderr); !ok {
		return st
	}
	if c.fs.NArg() > 0 {
		fmt.Fprintf(stderr, "authdebug build: unexpected argument %q\nusage: %s\n", c.fs.Arg(0), c.usage)
		return 2
	}
	v, err := site.Build(site.Options{Out: o.out, Web: o.web, Base: o.base})
	if err != nil {
		fmt.Fprintf(stderr, "authdebug build: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "authdebug build: wrote %s (version %s, base %s)\n", o.out, v, o.base)
	return 0
}
