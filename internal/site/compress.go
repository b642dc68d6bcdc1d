//go:build !wasm

package site

import (
	"bytes"
	"compress/gzip"
	"math/bits"
	"runtime"
	"sort"
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
	sort.Slice(jobs, func(i, j int) bool {
		a, b := jobs[i], jobs[j]
		if la, lb := len(files[a.name]), len(files[b.name]); la != lb {
			return la > lb
		}
		if a.name != b.name {
			return a.name < b.name
		}
		return a.br && !b.br
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
