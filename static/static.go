// Package static embeds the self-hostable site that `make static` (or
// `authdebug build -o static/site`) generates under static/site, so that
// `authdebug serve` needs no files beside the binary. A fresh clone holds only
// a committed placeholder there: it builds and vets, and Built reports false.
package static

import (
	"embed"
	"io/fs"
)

//go:embed all:site
var site embed.FS

// FS returns the embedded site, rooted at the site directory.
func FS() fs.FS {
	sub, err := fs.Sub(site, "site")
	if err != nil {
		panic(err) // the directory is embedded by the directive above
	}
	return sub
}

// Built reports whether a generated site (not just the placeholder) is embedded.
func Built() bool {
	_, err := fs.Stat(FS(), "index.html")
	return err == nil
}
