package wasmfile

import (
	"sort"
	"strings"
)

// Sanitize is what Go's wasm linker does to a symbol name before it writes
// it to the name section: every byte that is not an ASCII letter, digit,
// '_' or '.' becomes '_' (cmd/link/internal/wasm: `[^\w.]` → "_"). So
// "github.com/a-b/c.(*T).M" is named "github.com_a_b_c.__T_.M".
func Sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '.':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}

// Unattributed is the package reported for function names that match no
// known package and have no '.' (none in Go's output; a safeguard).
const Unattributed = "(unnamed)"

// Attributor maps Go function names, as the name section spells them, back
// to the import paths of the packages that define them.
type Attributor struct {
	// bySanitized maps Sanitize(import path) to the import path.
	bySanitized map[string]string
	// lengths are the distinct lengths of the sanitized paths, longest first.
	lengths []int
}

// NewAttributor knows the given import paths (as `go list -deps` prints
// them for the build).
func NewAttributor(importPaths []string) *Attributor {
	a := &Attributor{bySanitized: map[string]string{}}
	seen := map[int]bool{}
	for _, p := range importPaths {
		s := Sanitize(p)
		if prev, ok := a.bySanitized[s]; ok && prev < p {
			continue // two paths that sanitize alike: keep one, deterministically
		}
		a.bySanitized[s] = p
		if !seen[len(s)] {
			seen[len(s)] = true
			a.lengths = append(a.lengths, len(s))
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(a.lengths)))
	return a
}

// Alias makes names that start with prefix+"." belong to importPath: the
// linker names the main package's symbols "main.f", whatever its path.
func (a *Attributor) Alias(prefix, importPath string) {
	a.bySanitized[Sanitize(prefix)] = importPath
	for _, l := range a.lengths {
		if l == len(prefix) {
			return
		}
	}
	a.lengths = append(a.lengths, len(prefix))
	sort.Sort(sort.Reverse(sort.IntSlice(a.lengths)))
}

// Package returns the import path of the package that defines the function
// named name: the longest known package whose sanitized path followed by '.'
// starts the name. Names of no known package (compiler-generated ones such
// as "type_.eq.[2]string" or "go_buildid") are grouped by what precedes
// their first '.', with "_" shown as ":" when it ends that prefix
// ("type_" → "type:"), as the Go toolchain spells those symbols.
func (a *Attributor) Package(name string) string {
	for _, l := range a.lengths {
		if len(name) > l && name[l] == '.' {
			if p, ok := a.bySanitized[name[:l]]; ok {
				return p
			}
		}
	}
	i := strings.IndexByte(name, '.')
	if i <= 0 {
		if strings.HasPrefix(name, "go_") {
			return "go:"
		}
		if name == "" {
			return Unattributed
		}
		return name
	}
	prefix := name[:i]
	if strings.HasSuffix(prefix, "_") {
		prefix = strings.TrimSuffix(prefix, "_") + ":"
	}
	return prefix
}

// Row is the code attributed to one package (or group of packages).
type Row struct {
	Name  string
	Funcs int
	Bytes int
	// Packed is, when computed, the brotli size of the rows' function
	// bodies compressed together on their own (see Brotli).
	Packed int
}

// Bodies returns the bytes of the bodies of the functions of m for which
// keep returns true, concatenated in module order. b is the module's bytes.
func Bodies(b []byte, m *Module, keep func(Func) bool) []byte {
	var out []byte
	for _, f := range m.Funcs {
		if keep(f) && f.Offset >= 0 && f.Offset+f.Size <= len(b) {
			out = append(out, b[f.Offset:f.Offset+f.Size]...)
		}
	}
	return out
}

// ByPackage sums the function body bytes of m per package, largest first
// (ties by name).
func (a *Attributor) ByPackage(m *Module) []Row {
	sums := map[string]*Row{}
	for _, f := range m.Funcs {
		p := a.Package(f.Name)
		r := sums[p]
		if r == nil {
			r = &Row{Name: p}
			sums[p] = r
		}
		r.Funcs++
		r.Bytes += f.Size
	}
	rows := make([]Row, 0, len(sums))
	for _, r := range sums {
		rows = append(rows, *r)
	}
	SortRows(rows)
	return rows
}

// SortRows sorts rows by bytes, largest first, then by name.
func SortRows(rows []Row) {
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Bytes != rows[j].Bytes {
			return rows[i].Bytes > rows[j].Bytes
		}
		return rows[i].Name < rows[j].Name
	})
}
