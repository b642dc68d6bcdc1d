package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
)

// Limits on what New loads into memory.
const (
	// MaxSiteBytes bounds the bytes of all files of a site, variants included.
	MaxSiteBytes = 256 << 20
	// MaxSiteFiles bounds the number of files of a site.
	MaxSiteFiles = 10000
)

// variant is one representation of a file: its bytes and strong ETag.
type variant struct {
	body []byte
	etag string
}

// file is a servable path with its representations (by content coding).
type file struct {
	ctype string
	cache string
	enc   [numEnc]*variant
}

// available reports which codings exist.
func (f *file) available() (a [numEnc]bool) {
	for i, v := range f.enc {
		a[i] = v != nil
	}
	return a
}

// hasVariants reports whether the response depends on Accept-Encoding.
func (f *file) hasVariants() bool { return f.enc[encGzip] != nil || f.enc[encBrotli] != nil }

// mimeTypes maps the extensions a built site holds to media types. A fixed
// table (not the system's mime database) keeps headers identical on every
// machine; charset=utf-8 is stated for every text type.
var mimeTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".gif":         "image/gif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".txt":         "text/plain; charset=utf-8",
	".xml":         "application/xml",
	".map":         "application/json",
}

// ContentType returns the media type served for a file name.
func ContentType(name string) string {
	if t, ok := mimeTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// CacheControl returns the Cache-Control sent for a path relative to the
// site's base.
func CacheControl(rel string) string {
	if strings.HasPrefix(rel, AssetDir+"/") {
		return CacheImmutable
	}
	return CacheRevalidate
}

// hidden reports whether a file or directory name is never served: dotfiles
// (the build marker .authdebug-site among them) and READMEs.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(strings.ToUpper(name), "README")
}

// loadSite reads every servable file of fsys and pairs it with its
// precompressed variants. It returns the table and warnings about variants
// it dropped because they do not decompress to their file.
func loadSite(fsys fs.FS) (map[string]*file, []string, error) {
	raw := map[string][]byte{}
	var total int64
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil // symbolic links and devices are never served
		}
		if len(raw) >= MaxSiteFiles {
			return fmt.Errorf("more than %d files: %w", MaxSiteFiles, ErrSiteTooLarge)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if total += int64(len(b)); total > MaxSiteBytes {
			return fmt.Errorf("more than %d bytes: %w", MaxSiteBytes, ErrSiteTooLarge)
		}
		raw[p] = b
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	files := map[string]*file{}
	for p, b := range raw {
		if strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			if _, ok := raw[p[:len(p)-3]]; ok {
				continue // a variant, attached below
			}
		}
		files[p] = &file{ctype: ContentType(p), cache: CacheControl(p), enc: [numEnc]*variant{encIdentity: newVariant(b)}}
	}
	var warnings []string
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		f := files[p]
		id := f.enc[encIdentity].body
		for enc, ext := range map[int]string{encGzip: ".gz", encBrotli: ".br"} {
			b, ok := raw[p+ext]
			if !ok {
				continue
			}
			if !decodesTo(enc, b, id) {
				warnings = append(warnings, fmt.Sprintf("%s%s does not decompress to %s: not served", p, ext, p))
				continue
			}
			f.enc[enc] = newVariant(b)
		}
	}
	sort.Strings(warnings)
	if _, ok := files["index.html"]; !ok {
		return nil, nil, ErrNoSite
	}
	return files, warnings, nil
}

func newVariant(b []byte) *variant {
	sum := sha256.Sum256(b)
	return &variant{body: b, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
}

// decodesTo reports whether compressed decompresses to exactly want, reading
// no more than len(want)+1 bytes of output.
func decodesTo(enc int, compressed, want []byte) bool {
	var r io.Reader
	switch enc {
	case encGzip:
		zr, err := gzip.NewReader(bytes.NewReader(compressed))
		if err != nil {
			return false
		}
		r = zr
	case encBrotli:
		r = brotli.NewReader(bytes.NewReader(compressed))
	default:
		return false
	}
	got, err := io.ReadAll(io.LimitReader(r, int64(len(want))+1))
	return err == nil && bytes.Equal(got, want)
}
