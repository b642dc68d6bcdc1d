package main

import (
	"fmt"
	"io"

	"github.com/authdebug/authdebug/internal/site"
)

type buildOpts struct {
	out string
	web string
}

func buildCommand() (*command, *buildOpts) {
	o := &buildOpts{}
	c := newCommand("build", "authdebug build [-o DIR] [--web DIR]", `
Writes the self-hostable static site: prerendered pages, the PWA worker and
manifest, and the assets of web/ including app.wasm (build it first with
'make wasm'). Host the directory on any static host.`)
	c.fs.StringVar(&o.out, "o", "static/site", "output `DIR`")
	c.fs.StringVar(&o.web, "web", "web", "`DIR` of web assets holding the built app.wasm")
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
	v, err := site.Build(site.Options{Out: o.out, Web: o.web})
	if err != nil {
		fmt.Fprintf(stderr, "authdebug build: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "authdebug build: wrote %s (version %s)\n", o.out, v)
	return 0
}
