//go:build !wasm

package site

import (
	"bytes"
	"slices"
	"strconv"
)

// normalizeGoAppHTML rewrites every start tag of a page go-app prerendered,
// fixing two defects of go-app v10's encoder (pkg/app/node.go):
//
//   - it writes a tag's attributes from a Go map, in random order, which
//     would make two builds differ: they are sorted by name (attribute order
//     has no meaning in HTML; the sort is stable, so the first of duplicate
//     names still wins);
//   - it writes double-quoted values with strconv.Quote, so a value holding
//     a double quote comes out as \" and ends the attribute early in a
//     browser: such values are unquoted the Go way and HTML-escaped instead
//     (HTML Living Standard §13.1.2.3). A value that is not a valid Go
//     string literal is kept as written.
//
// Comments, doctypes, end tags, text and the raw text of <script> and
// <style> are copied as they are. Malformed markup is copied unchanged from
// the point where it stops parsing, so the function is total.
func normalizeGoAppHTML(doc []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(doc))
	i := 0
	for i < len(doc) {
		lt := bytes.IndexByte(doc[i:], '<')
		if lt < 0 {
			out.Write(doc[i:])
			break
		}
		out.Write(doc[i : i+lt])
		i += lt
		name, end, attrs, ok := parseStartTag(doc, i)
		if !ok {
			out.WriteByte('<')
			i++
			continue
		}
		out.WriteByte('<')
		out.Write(name)
		slices.SortStableFunc(attrs, func(a, b attribute) int { return bytes.Compare(a.name, b.name) })
		for _, a := range attrs {
			out.WriteByte(' ')
			out.Write(a.raw)
		}
		out.Write(doc[end.close:end.after])
		i = end.after
		if raw := string(bytes.ToLower(name)); raw == "script" || raw == "style" {
			closing := []byte("</" + raw)
			j := bytes.Index(bytes.ToLower(doc[i:]), closing)
			if j < 0 {
				out.Write(doc[i:])
				break
			}
			out.Write(doc[i : i+j])
			i += j
		}
	}
	return out.Bytes()
}

type attribute struct {
	name, raw []byte // raw: name="value" as written
}

// tagEnd locates the tail of a start tag: doc[close:after] is "/>" or ">"
// (with any spaces before it).
type tagEnd struct{ close, after int }

// parseStartTag parses the start tag at doc[i] (which is '<').
func parseStartTag(doc []byte, i int) (name []byte, end tagEnd, attrs []attribute, ok bool) {
	j := i + 1
	if j >= len(doc) || !isLetter(doc[j]) {
		return nil, end, nil, false
	}
	for j < len(doc) && !isSpace(doc[j]) && doc[j] != '>' && doc[j] != '/' {
		j++
	}
	name = doc[i+1 : j]
	for {
		k := j
		for k < len(doc) && isSpace(doc[k]) {
			k++
		}
		if k >= len(doc) {
			return nil, end, nil, false
		}
		if doc[k] == '>' {
			return name, tagEnd{j, k + 1}, attrs, true
		}
		if doc[k] == '/' && k+1 < len(doc) && doc[k+1] == '>' {
			return name, tagEnd{j, k + 2}, attrs, true
		}
		start := k
		for k < len(doc) && !isSpace(doc[k]) && doc[k] != '=' && doc[k] != '>' && doc[k] != '/' {
			k++
		}
		if k == start {
			return nil, end, nil, false
		}
		an := doc[start:k]
		raw := doc[start:k]
		if k < len(doc) && doc[k] == '=' {
			k++
			if k >= len(doc) {
				return nil, end, nil, false
			}
			switch doc[k] {
			case '"':
				e := goStringEnd(doc, k)
				if e < 0 {
					return nil, end, nil, false
				}
				raw = doc[start : e+1]
				if v, err := strconv.Unquote(string(doc[k : e+1])); err == nil {
					raw = append(append(append([]byte{}, an...), '=', '"'), attrEscaper.Replace(v)...)
					raw = append(raw, '"')
				}
				k = e + 1
			case '\'':
				e := bytes.IndexByte(doc[k+1:], '\'')
				if e < 0 {
					return nil, end, nil, false
				}
				k += e + 2
				raw = doc[start:k]
			default:
				for k < len(doc) && !isSpace(doc[k]) && doc[k] != '>' {
					k++
				}
				raw = doc[start:k]
			}
		}
		attrs = append(attrs, attribute{name: an, raw: raw})
		j = k
	}
}

// goStringEnd returns the index of the quote closing the Go string literal
// that starts at doc[k] ('"'), backslash escapes skipped; -1 if none.
func goStringEnd(doc []byte, k int) int {
	for i := k + 1; i < len(doc); i++ {
		switch doc[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
