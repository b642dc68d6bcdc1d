// Command authdebug explains why an API answered 401 Unauthorized.
//
//	authdebug [serve]   serve the debugger page (default; 127.0.0.1:8080)
//	authdebug build     write the self-hostable static site
//	authdebug inspect   analyse a token, header, transcript or HAR in the terminal
//
// The page runs the same engine compiled to WebAssembly; nothing pasted into
// it leaves the browser.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `authdebug explains why an API answered 401 Unauthorized.

Usage:
  authdebug [serve] [--addr ADDR] [--dir DIR] [--base /path/] [--jwks-relay] [--quiet]
                                      serve the debugger page (default 127.0.0.1:8080)
  authdebug build [-o DIR] [--base /path/] [--web DIR]
                                      write the self-hostable static site
  authdebug inspect [flags] [TEXT | -f FILE]
                                      analyse in the terminal (--json for the Report)
  authdebug help [COMMAND]            show a command's flags

Run 'authdebug help COMMAND' for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program; it returns the exit status: 0 fine, 1 the
// analysis found an error, 2 the command could not run (usage, I/O).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		switch a := args[0]; a {
		case "serve", "build", "inspect":
			cmd, args = a, args[1:]
		case "help", "-h", "-help", "--help":
			return help(args[1:], stdout, stderr)
		case "version", "--version":
			fmt.Fprintln(stdout, "authdebug", version())
			return 0
		default:
			if len(a) == 0 || a[0] != '-' {
				fmt.Fprintf(stderr, "authdebug: unknown command %q\nusage: authdebug [serve|build|inspect|help] [flags]\n", a)
				return 2
			}
		}
	}
	switch cmd {
	case "build":
		return cmdBuild(args, stdout, stderr)
	case "inspect":
		return cmdInspect(args, stdin, stdout, stderr)
	}
	return cmdServe(args, stdout, stderr)
}

func help(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return 0
	}
	switch args[0] {
	case "serve":
		c, _ := serveCommand()
		c.help(stdout)
	case "build":
		c, _ := buildCommand()
		c.help(stdout)
	case "inspect":
		c, _ := inspectCommand()
		c.help(stdout)
	default:
		fmt.Fprintf(stderr, "authdebug: no help for %q\n%s", args[0], usage)
		return 2
	}
	return 0
}

func version() string {
	return "dev"
}
