// Command wasmsize prints the raw, gzip (-9) and brotli (-q 11) sizes of a
// file, as `make size` shows them for web/app.wasm.
//
//	go run ./internal/tools/wasmsize [-max-brotli BYTES] FILE...
//
// With -max-brotli it exits 1 when a file's brotli size exceeds the budget.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"

	"github.com/andybalholm/brotli"
)

func main() {
	max := flag.Int("max-brotli", 0, "fail when the brotli size exceeds this many bytes (0: no budget)")
	flag.Parse()
	status := 0
	fmt.Printf("%-28s %12s %12s %12s\n", "file", "raw", "gzip -9", "brotli -q11")
	for _, name := range flag.Args() {
		b, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		gz, br := Sizes(b)
		fmt.Printf("%-28s %12s %12s %12s\n", name, mb(len(b)), mb(gz), mb(br))
		if *max > 0 && br > *max {
			fmt.Printf("%s: brotli size %d bytes exceeds the budget of %d bytes (%s)\n", name, br, *max, mb(*max))
			status = 1
		}
	}
	os.Exit(status)
}

// Sizes returns the gzip -9 and brotli -q 11 compressed sizes of b.
func Sizes(b []byte) (gz, br int) {
	var g bytes.Buffer
	w, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	w.Write(b)
	w.Close()
	var r bytes.Buffer
	bw := brotli.NewWriterLevel(&r, brotli.BestCompression)
	bw.Write(b)
	bw.Close()
	return g.Len(), r.Len()
}

func mb(n int) string {
	return fmt.Sprintf("%d (%.2f MB)", n, float64(n)/1e6)
}
