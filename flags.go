package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// command describes a subcommand's flags and help.
type command struct {
	fs    *flag.FlagSet
	usage string // one line: "authdebug inspect [flags] [TEXT | -f FILE]"
	about string // the paragraph under the usage line
}

func newCommand(name, usage, about string) *command {
	c := &command{fs: flag.NewFlagSet(name, flag.ContinueOnError), usage: usage, about: about}
	c.fs.SetOutput(io.Discard)
	return c
}

// parse parses args; on a bad flag it prints the error and the usage line to
// stderr and returns status 2; on -h/--help it prints the full help to stdout
// and returns 0. ok is true when the command should run.
func (c *command) parse(args []string, stdout, stderr io.Writer) (status int, ok bool) {
	err := c.fs.Parse(args)
	switch {
	case err == flag.ErrHelp:
		c.help(stdout)
		return 0, false
	case err != nil:
		fmt.Fprintf(stderr, "authdebug %s: %v\nusage: %s\n", c.fs.Name(), err, c.usage)
		return 2, false
	}
	return 0, true
}

// help prints the usage line, the description and every flag as --name.
func (c *command) help(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n\nFlags:\n", c.usage, strings.TrimSpace(c.about))
	c.fs.VisitAll(func(f *flag.Flag) {
		name, use := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if f.Name == "f" || f.Name == "o" {
			left = "-" + f.Name
		}
		if name != "" {
			left += " " + name
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "false" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  %-22s %s%s\n", left, use, def)
	})
}
