//go:build !wasm

package site

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// compressAll returns NAME.br and NAME.gz for every compressible file,
// compressing concurrently, largest first (brotli at quality 11 of app.wasm
// dominates the build).
func compressAll(files map[string][]byte) map[string][]byte {
	type job struct {
		name string
		br   bool
	}
	var jobs []job
	for n := range files {
		if compressible(n) {
			jobs = append(jobs, job{n, true}, job{n, false})
		}
	}
	slices.SortFunc(jobs, func(a, b job) int {
		if c := cmp.Compare(len(files[b.name]), len(files[a.name])); c != 0 {
			return c
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		switch {
		case a.br == b.br:
			return 0
		case a.br:
			return -1
		}
		return 1
	})
	out := make(map[string][]byte, len(jobs))
	var mu sync.Mutex
	ch := make(chan job)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				var name string
				var b []byte
				if j.br {
					name, b = j.name+".br", Brotli(files[j.name])
				} else {
					name, b = j.name+".gz", Gzip(files[j.name])
				}
				mu.Lock()
				out[name] = b
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	return out
}

// Gzip compresses b at gzip.BestCompression with an empty header: no name,
// no comment, modification time 0 (RFC 1952 §2.3.1: no time stamp), so the
// output depends only on b.
func Gzip(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

// Brotli compresses b at quality 11 (RFC 7932), with the smallest window
// that holds b (between 2^10 and 2^24 bytes), as the brotli tool does.
func Brotli(b []byte) []byte {
	lgwin := 10
	if len(b) > 1<<10 {
		lgwin = min(24, bits.Len(uint(len(b)-1)))
	}
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: lgwin})
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}
