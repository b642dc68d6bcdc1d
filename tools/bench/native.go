//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/bench"
)

// nativeLoop times analyze.Run plus the JSON encoding of the Report (the
// work window.authdebug.inspect does, less the browser's JSON.parse) on f:
// a few warm-up runs, then runs until at least minRuns and minTime, at most
// maxRuns. It returns the samples in milliseconds.
func nativeLoop(f bench.Fixture, minRuns, maxRuns int, minTime time.Duration) ([]float64, error) {
	opts := f.Options()
	in := analyze.Input{Text: f.Text}
	once := func() error {
		rep, err := analyze.Run(context.Background(), in, opts...)
		if err != nil {
			return err
		}
		_, err = json.Marshal(rep)
		return err
	}
	for range 3 {
		if err := once(); err != nil {
			return nil, err
		}
	}
	var ds []float64
	start := time.Now()
	for len(ds) < maxRuns && (len(ds) < minRuns || time.Since(start) < minTime) {
		t0 := time.Now()
		if err := once(); err != nil {
			return nil, err
		}
		ds = append(ds, ms(time.Since(t0)))
	}
	return ds, nil
}

// batchFiles writes the --batch input (lines tokens, cycling over distinct
// signed tokens) and the JWKS into dir.
func batchFiles(dir string, lines, distinct int) (tokens, jwks string, err error) {
	tokens = filepath.Join(dir, fmt.Sprintf("tokens-%d.txt", lines))
	jwks = filepath.Join(dir, "jwks.json")
	f, err := os.Create(tokens)
	if err != nil {
		return "", "", err
	}
	if err := bench.WriteTokenLines(f, lines, distinct); err != nil {
		f.Close()
		return "", "", err
	}
	if err := f.Close(); err != nil {
		return "", "", err
	}
	return tokens, jwks, os.WriteFile(jwks, []byte(bench.JWKS()), 0o644)
}

// lineCounter counts newlines written to it.
type lineCounter struct{ n int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.n += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// runBatch runs `authdebug inspect --batch --json` over the tokens file and
// returns the wall time. Exit status 1 (some Report has an error finding) is
// a result, not a failure; each input line must give one Report line.
func runBatch(bin, tokens, jwks string, lines int) (time.Duration, error) {
	args := []string{"inspect", "--batch", "--json", "--now", bench.Now.Format(time.RFC3339), "-f", tokens}
	if jwks != "" {
		args = append(args, "--key", jwks)
	}
	cmd := exec.Command(bin, args...)
	out := &lineCounter{}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &stderr
	t0 := time.Now()
	err := cmd.Run()
	d := time.Since(t0)
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return d, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
	}
	if out.n != lines {
		return d, fmt.Errorf("authdebug inspect --batch printed %d Reports for %d lines", out.n, lines)
	}
	return d, nil
}

// peerBatch is the baseline of the batch: golang-jwt over the same lines
// in-process, verifying RS256 with the (already parsed) public key and
// checking the time claims at the fixture clock — or, without a key,
// parsing without verification.
func peerBatch(tokens string, verify bool) (time.Duration, int, error) {
	f, err := os.Open(tokens)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return 0, 0, err
	}
	pub := &bench.Key().PublicKey
	p := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithTimeFunc(func() time.Time { return bench.Now }))
	keyfunc := func(*jwt.Token) (any, error) { return pub, nil }
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	t0 := time.Now()
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if verify {
			if _, err := p.Parse(line, keyfunc); err != nil {
				return 0, n, fmt.Errorf("golang-jwt rejects line %d: %w", n+1, err)
			}
		} else if _, _, err := p.ParseUnverified(line, jwt.MapClaims{}); err != nil {
			return 0, n, fmt.Errorf("golang-jwt cannot parse line %d: %w", n+1, err)
		}
		n++
	}
	return time.Since(t0), n, sc.Err()
}
