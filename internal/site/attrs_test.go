//go:build !wasm

package site

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestNormalizeGoAppHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"sorted", `<a href="/x" class="c">t</a>`, `<a class="c" href="/x">t</a>`},
		{"boolean attributes", `<textarea id="p" autofocus class="x"></textarea>`, `<textarea autofocus class="x" id="p"></textarea>`},
		{"self-closing", `<img src="a" alt="b"/>`, `<img alt="b" src="a"/>`},
		{"spaced self-closing", `<img src="a" alt="b" />`, `<img alt="b" src="a" />`},
		{"quoted >", `<p title="a>b" class="c">`, `<p class="c" title="a&gt;b">`},
		{"go-quoted double quote", `<textarea placeholder="{\"keys\":[…]}" id="key">`, `<textarea id="key" placeholder="{&quot;keys&quot;:[…]}">`},
		{"go-quoted backslash", `<p title="C:\\dir" class="c">`, `<p class="c" title="C:\dir">`},
		{"ampersand", `<a href="/x?a=1&b=2">`, `<a href="/x?a=1&amp;b=2">`},
		{"not a Go literal kept", `<p title="a\qb" class="c">`, `<p class="c" title="a\qb">`},
		{"no space after a value", `<p id="a"class="c">`, `<p class="c" id="a">`},
		{"single quotes", `<p title='x' class=y>`, `<p class=y title='x'>`},
		{"duplicates keep order", `<p id="2" class="c" id="1">`, `<p class="c" id="2" id="1">`},
		{"doctype and comment", `<!doctype html><!-- b a --><html lang="en">`, `<!doctype html><!-- b a --><html lang="en">`},
		{"end tags", `</div><br>`, `</div><br>`},
		{"text with lt", `a &lt; b < c`, `a &lt; b < c`},
		{"script raw text", `<script src="s" defer>if (a<b && c>d) {x="<p b a>"}</script><p b a>`, `<script defer src="s">if (a<b && c>d) {x="<p b a>"}</script><p a b>`},
		{"unterminated tag", `<p class="a`, `<p class="a`},
		{"unterminated script", `<script b a>x<y`, `<script a b>x<y`},
		{"newlines between attributes", "<div\n  id=\"x\"\n  class=\"y\"><span b=1 a=2>", `<div class="y" id="x"><span a=2 b=1>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(normalizeGoAppHTML([]byte(tt.in))); got != tt.want {
				t.Errorf("normalizeGoAppHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

var attrRE = regexp.MustCompile(` ([a-z]+)="([^"]*)"`)

// FuzzNormalizeGoAppHTML: any input is handled without panic, bounded;
// and a tag encoded the way go-app encodes it comes out sorted, with each
// value intact once HTML-unescaped.
func FuzzNormalizeGoAppHTML(f *testing.F) {
	f.Add([]byte(`<a href="/x" class="c">t</a>`), "a\"b", "C:\\x", "…&<>")
	f.Add([]byte(`<script b a>x<y</script>`), "", "\x00", "\xff")
	f.Add([]byte("<p \x00=\xff><<a/b>"), `\"`, `'`, "\n")
	f.Fuzz(func(t *testing.T, in []byte, v1, v2, v3 string) {
		out := normalizeGoAppHTML(in)
		if len(out) > 6*len(in)+16 {
			t.Fatalf("output %d bytes for %d input bytes", len(out), len(in))
		}
		if bytes.IndexByte(in, '<') < 0 && !bytes.Equal(in, out) {
			t.Fatalf("text without tags changed")
		}
		values := map[string]string{"title": v1, "id": v2, "alt": v3}
		tag := `<img` // go-app's order: whatever the map gives
		for _, n := range []string{"title", "id", "alt"} {
			tag += " " + n + "=" + strconv.Quote(values[n])
		}
		tag += ">"
		got := string(normalizeGoAppHTML([]byte(tag)))
		m := attrRE.FindAllStringSubmatch(got, -1)
		var names []string
		for _, kv := range m {
			names = append(names, kv[1])
			if want := values[kv[1]]; html.UnescapeString(kv[2]) != want && strings.ToValidUTF8(html.UnescapeString(kv[2]), "\uFFFD") != strings.ToValidUTF8(want, "\uFFFD") {
				t.Fatalf("%s = %q after unescaping, want %q (tag %q → %q)", kv[1], html.UnescapeString(kv[2]), want, tag, got)
			}
		}
		if len(names) != 3 || !sort.StringsAreSorted(names) {
			t.Fatalf("attributes %v in %q", names, got)
		}
	})
}
