package wasmfile

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// Sizes returns the gzip -9 and brotli -q 11 compressed sizes of b: what a
// server sending the file precompressed at the highest levels transfers.
// Both are deterministic for the same bytes.
func Sizes(b []byte) (gz, br int) {
	done := make(chan int)
	go func() { done <- Brotli(b, brotli.BestCompression) }() // the slow one
	var g bytes.Buffer
	w, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return g.Len(), <-done
}

// Brotli returns the size of b compressed by brotli at quality (0–11).
// Quality 11 is what the site ships but costs about 0.25 MB/s; quality 9
// is some 15 times faster and about 13 % larger on wasm code, good enough
// to compare parts of a module.
func Brotli(b []byte, quality int) int {
	var r bytes.Buffer
	bw := brotli.NewWriterLevel(&r, quality)
	bw.Write(b)
	bw.Close()
	return r.Len()
}

// CachedSizes is Sizes, remembered in dir (one small file per content
// hash) because brotli -q 11 takes about a minute for a 13 MB module and
// the result only depends on the bytes. An empty dir, or a cache that cannot
// be read or written, just computes.
func CachedSizes(b []byte, dir string) (gz, br int) {
	if dir == "" {
		return Sizes(b)
	}
	sum := sha256.Sum256(b)
	name := filepath.Join(dir, "sizes-"+hex.EncodeToString(sum[:16])+".txt")
	if c, err := os.ReadFile(name); err == nil {
		if _, err := fmt.Sscanf(string(c), "gzip9 %d brotli11 %d", &gz, &br); err == nil && gz > 0 && br > 0 {
			return gz, br
		}
	}
	gz, br = Sizes(b)
	if os.MkdirAll(dir, 0o755) == nil {
		_ = os.WriteFile(name, []byte(fmt.Sprintf("gzip9 %d brotli11 %d\n", gz, br)), 0o644)
	}
	return gz, br
}
