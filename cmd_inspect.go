package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
	"github.com/authdebug/authdebug/internal/keys/httpfetch"
	"github.com/authdebug/authdebug/internal/redact"
	"github.com/authdebug/authdebug/internal/render"
	"github.com/authdebug/authdebug/internal/report"
)

// maxInput caps what inspect reads (the engine caps it too).
const maxInput = 64 << 20

type inspectOpts struct {
	file    string
	json    bool
	batch   bool
	redact  bool
	keyFile string
	secFile string
	cfg     analyze.Config
	require string
	scope   string
	alg     string
}

func inspectCommand() (*command, *inspectOpts) {
	o := &inspectOpts{}
	c := newCommand("inspect", "authdebug inspect [flags] [TEXT | -f FILE]", `
Analyses a JWT, an Authorization header, a raw HTTP response or request, a
curl -v transcript, a curl command line, a HAR export, a client's wire dump
(Python http.client/requests debug, wget -d, NODE_DEBUG=http), the browser
console's CORS and fetch errors, a server's log or stack trace or a decoded
token payload (JSON claims, with date +%s), and says why the request was
refused and what to change. TEXT may also be piped on stdin.

The HMAC secret is read from --secret, else from --secret-file, else from
the environment variable AUTHDEBUG_SECRET; giving both --secret and
--secret-file is an error. Prefer the file or the environment: a --secret
on the command line is kept in shell history and shown by ps to every user
of the machine.

Exit status: 0 no error found, 1 at least one error finding, 2 the command
could not run.

--discover follows the token's own iss claim, so the keys it finds are
labelled untrusted unless --iss names that issuer; it fetches only https
URLs on public addresses unless --allow-http / --allow-private.`)
	fs := c.fs
	fs.StringVar(&o.file, "f", "", "read the input from `FILE` (- for stdin)")
	fs.BoolVar(&o.json, "json", false, "print the Report as JSON")
	fs.BoolVar(&o.redact, "redact", false, "print the input with every credential and signature the analysis recognised removed (what a share link carries), and on stderr what was removed")
	fs.BoolVar(&o.batch, "batch", false, "analyse each non-empty line as its own input: one Report per line with --json, else one verdict per line")
	fs.StringVar(&o.cfg.Now, "now", "", "analysis clock: RFC 3339 or Unix seconds (default: this machine's clock)")
	fs.StringVar(&o.cfg.Leeway, "leeway", "", "allowed clock `leeway`, e.g. 30s (default 0)")
	fs.StringVar(&o.cfg.Aud, "aud", "", "expected `audience`")
	fs.StringVar(&o.cfg.Iss, "iss", "", "expected `issuer`")
	fs.StringVar(&o.require, "require", "", "`claims` that must be present, e.g. sub,aud,exp")
	fs.StringVar(&o.scope, "scope", "", "`scopes` the call needs, e.g. \"read:users write:users\"")
	fs.StringVar(&o.cfg.Secret, "secret", "", "HMAC `secret` to verify HS256/384/512 tokens; visible in shell history and ps: prefer --secret-file or AUTHDEBUG_SECRET")
	fs.StringVar(&o.secFile, "secret-file", "", "read the HMAC secret from `FILE`; one trailing newline (\\n or \\r\\n) is stripped")
	fs.StringVar(&o.keyFile, "key", "", "verify with the PEM, JWK or JWKS in `FILE`")
	fs.StringVar(&o.cfg.JWKS, "jwks", "", "fetch the JWKS at `URL` to verify with")
	fs.BoolVar(&o.cfg.Discover, "discover", false, "fetch the token issuer's discovery document and JWKS (keys found from the token's own iss are trusted only when --iss names it)")
	fs.BoolVar(&o.cfg.AllowHTTP, "allow-http", false, "let --discover follow http:// issuers and jwks_uris (discovery requires https)")
	fs.BoolVar(&o.cfg.AllowPrivate, "allow-private", false, "let fetches the token leads to reach loopback, private, link-local and metadata addresses, and use HTTPS_PROXY (the hosts of the --jwks and --iss URLs you type may always)")
	fs.StringVar(&o.alg, "alg", "", "allowed `algorithms`, e.g. RS256,ES256")
	fs.BoolVar(&o.cfg.Reveal, "reveal", false, "show credentials in full instead of fingerprints")
	return c, o
}

func cmdInspect(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, o := inspectCommand()
	if st, ok := c.parse(args, stdout, stderr); !ok {
		return st
	}
	o.cfg.Require = analyze.ParseList(o.require)
	o.cfg.Scope = analyze.ParseList(o.scope)
	o.cfg.Alg = analyze.ParseList(o.alg)
	if st := o.readSecret(os.Getenv(secretEnv), stderr); st != 0 {
		return st
	}
	if o.keyFile != "" {
		b, err := os.ReadFile(o.keyFile)
		if err != nil {
			fmt.Fprintf(stderr, "authdebug inspect: --key: %v\n", err)
			return 2
		}
		o.cfg.Key = string(b)
	}
	opts, err := o.cfg.Options(time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "authdebug inspect: %v\n", err)
		return 2
	}
	opts = append(opts, analyze.WithVerifier(gocrypto.New()))
	if o.cfg.JWKS != "" || o.cfg.Discover {
		// One fetch serves every line of a --batch run (5 min TTL); a kid
		// the cached JWKS lacks triggers one refetch.
		// The fetcher guards every address but the hosts of the --jwks and
		// --iss URLs, which the user typed (internal/netguard): a token's
		// iss and the metadata's jwks_uri cannot aim it inside this network.
		f := httpfetch.NewWith(httpfetch.Options{AllowPrivate: o.cfg.AllowPrivate, AllowHTTP: o.cfg.AllowHTTP, Typed: []string{o.cfg.JWKS, o.cfg.Iss}})
		opts = append(opts, analyze.WithFetcher(discovery.NewCache(f, 5*time.Minute, time.Now)))
	}
	if o.batch {
		return inspectBatch(o, c, opts, stdin, stdout, stderr)
	}
	text, err := readInput(o.file, c.fs.Args(), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "authdebug inspect: %v\nusage: %s\n", err, c.usage)
		return 2
	}
	rep, err := analyze.Run(context.Background(), analyze.Input{Text: text}, opts...)
	if err != nil {
		fmt.Fprintf(stderr, "authdebug inspect: %v\n", err)
		return 2
	}
	if o.redact {
		return inspectRedact(text, &rep, stdout, stderr)
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "authdebug inspect: %v\n", err)
			return 2
		}
	} else if err := render.Text(stdout, &rep); err != nil {
		fmt.Fprintf(stderr, "authdebug inspect: %v\n", err)
		return 2
	}
	return exitStatus(&rep)
}

// inspectRedact prints text without what rep recognised as credentials and
// signatures (redact.Text, as the page's share link), and says on stderr
// what was removed. It refuses a Report that cannot say what to remove.
func inspectRedact(text string, rep *report.Report, stdout, stderr io.Writer) int {
	if rep.Has(report.InternalError) || rep.Has(report.InputTooLarge) {
		fmt.Fprintln(stderr, "authdebug inspect: --redact: the input was not analysed whole, so what to remove is not known")
		return 2
	}
	if _, err := io.WriteString(stdout, redact.Text(text, rep.Redactions)); err != nil {
		fmt.Fprintf(stderr, "authdebug inspect: %v\n", err)
		return 2
	}
	if s := redact.Summary(text, rep.Redactions); s != "" {
		fmt.Fprintf(stderr, "removed: %s\n", s)
	} else {
		fmt.Fprintln(stderr, "removed: nothing (no credential or signature recognised)")
	}
	return exitStatus(rep)
}

// secretEnv names the environment variable the HMAC secret may come from.
const secretEnv = "AUTHDEBUG_SECRET"

// readSecret settles where the HMAC secret comes from: --secret, else
// --secret-file, else env (AUTHDEBUG_SECRET's value); --secret and
// --secret-file together are a usage error. It returns 2 when the command
// cannot run, else 0.
func (o *inspectOpts) readSecret(env string, stderr io.Writer) int {
	switch {
	case o.cfg.Secret != "" && o.secFile != "":
		fmt.Fprintln(stderr, "authdebug inspect: give either --secret or --secret-file, not both")
		return 2
	case o.cfg.Secret != "":
	case o.secFile != "":
		b, err := os.ReadFile(o.secFile)
		if err != nil {
			fmt.Fprintf(stderr, "authdebug inspect: --secret-file: %v\n", err)
			return 2
		}
		s := strings.TrimSuffix(string(b), "\n")
		if len(s) < len(b) {
			s = strings.TrimSuffix(s, "\r")
		}
		if s == "" {
			fmt.Fprintf(stderr, "authdebug inspect: --secret-file: %s is empty\n", o.secFile)
			return 2
		}
		o.cfg.Secret = s
	default:
		o.cfg.Secret = env
	}
	return 0
}

func exitStatus(r *report.Report) int {
	for _, f := range r.Findings {
		if f.Severity == report.Error {
			return 1
		}
	}
	return 0
}

var errNoInput = errors.New("nothing to inspect: give TEXT, -f FILE, or pipe it on stdin")

func readInput(file string, args []string, stdin io.Reader) (string, error) {
	switch {
	case file != "" && len(args) > 0:
		return "", errors.New("give either TEXT or -f FILE, not both")
	case file == "-":
		return readCapped(stdin)
	case file != "":
		f, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		return readCapped(f)
	case len(args) > 0:
		return strings.Join(args, " "), nil
	}
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			return "", errNoInput
		}
	}
	s, err := readCapped(stdin)
	if err == nil && strings.TrimSpace(s) == "" {
		return "", errNoInput
	}
	return s, err
}

func readCapped(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxInput {
		return "", fmt.Errorf("input is over %d MiB", maxInput>>20)
	}
	return string(b), nil
}

// inspectBatch analyses every non-empty line of the input on its own.
func inspectBatch(o *inspectOpts, c *command, opts []analyze.Option, stdin io.Reader, stdout, stderr io.Writer) int {
	var in io.Reader
	switch {
	case len(c.fs.Args()) > 0:
		in = strings.NewReader(strings.Join(c.fs.Args(), "\n"))
	case o.file == "" || o.file == "-":
		in = stdin
	default:
		f, err := os.Open(o.file)
		if err != nil {
			fmt.Fprintf(stderr, "authdebug inspect: %v\n", err)
			return 2
		}
		defer f.Close()
		in = f
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), maxInput)
	status := 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" {
			continue
		}
		rep, err := analyze.Run(context.Background(), analyze.Input{Text: text}, opts...)
		if err != nil {
			fmt.Fprintf(stderr, "authdebug inspect: line %d: %v\n", line, err)
			return 2
		}
		if exitStatus(&rep) == 1 {
			status = 1
		}
		if o.json {
			if err := enc.Encode(rep); err != nil {
				fmt.Fprintf(stderr, "authdebug inspect: %v\n", err)
				return 2
			}
		} else {
			fmt.Fprintf(w, "%d\t%s\n", line, rep.Verdict)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(stderr, "authdebug inspect: reading input: %v\n", err)
		return 2
	}
	return status
}
