package wasmfile

import (
	"fmt"
)

// Section ids (Core Specification §5.5.2).
const (
	SecCustom   = 0
	SecType     = 1
	SecImport   = 2
	SecFunction = 3
	SecTable    = 4
	SecMemory   = 5
	SecGlobal   = 6
	SecExport   = 7
	SecStart    = 8
	SecElement  = 9
	SecCode     = 10
	SecData     = 11
	SecDataCnt  = 12
	SecTag      = 13
)

var sectionNames = [...]string{
	"custom", "type", "import", "function", "table", "memory", "global",
	"export", "start", "element", "code", "data", "datacount", "tag",
}

// Section is one section of the module.
type Section struct {
	ID uint8
	// Name is the custom section's name ("name", "producer", …), or the
	// standard section's name ("code", "data", …).
	Name string
	// Offset is where the section's content starts; Size is its length
	// (without the id byte and the size field).
	Offset, Size int
}

// Func is one function defined in the module (imports have no body).
type Func struct {
	// Index is the function index: imported functions come first.
	Index uint32
	// Name is from the name section, "" when it has none.
	Name string
	// Offset is where the body starts in the file; Size is its length in
	// bytes (locals and code, without the body's own size field).
	Offset, Size int
}

// Segment is a data segment's bytes: where they start in the file and how
// many there are.
type Segment struct {
	Offset, Size int
}

// Module is what Parse reads from a module.
type Module struct {
	Sections []Section
	// ImportedFuncs is how many functions are imported (they take the
	// first function indices).
	ImportedFuncs int
	// Funcs are the defined functions, in code section order.
	Funcs []Func
	// DataSegments are the data section's segments (their bytes, without
	// the offset expression).
	DataSegments []Segment
	// Names maps function indices to the name section's function names
	// (imported functions included).
	Names map[uint32]string
}

// SectionSize is the total content size of the sections with this id
// (custom sections: with this name too, when name is not "").
func (m *Module) SectionSize(id uint8, name string) int {
	n := 0
	for _, s := range m.Sections {
		if s.ID == id && (id != SecCustom || name == "" || s.Name == name) {
			n += s.Size
		}
	}
	return n
}

// DataSize is the total of the data segments' bytes.
func (m *Module) DataSize() int {
	n := 0
	for _, d := range m.DataSegments {
		n += d.Size
	}
	return n
}

// CodeSize is the total of the function bodies' bytes.
func (m *Module) CodeSize() int {
	n := 0
	for _, f := range m.Funcs {
		n += f.Size
	}
	return n
}

// Parse reads the module's sections, function bodies, data segments and
// function names. It does not validate instructions.
func Parse(b []byte) (*Module, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" || b[4] != 1 || b[5] != 0 || b[6] != 0 || b[7] != 0 {
		return nil, ErrNotWasm
	}
	m := &Module{Names: map[uint32]string{}}
	r := &reader{b: b, off: 8}
	for r.off < len(b) {
		id, err := r.byte("section id")
		if err != nil {
			return nil, err
		}
		size, err := r.u32("section size")
		if err != nil {
			return nil, err
		}
		start := r.off
		if int(size) > len(b)-start {
			return nil, r.fail("section %d size %d beyond the end", id, size)
		}
		content := &reader{b: b[:start+int(size)], off: start}
		sec := Section{ID: id, Offset: start, Size: int(size)}
		if int(id) < len(sectionNames) {
			sec.Name = sectionNames[id]
		} else {
			sec.Name = fmt.Sprintf("unknown(%d)", id)
		}
		switch id {
		case SecCustom:
			name, err := content.name("custom section name")
			if err != nil {
				return nil, err
			}
			sec.Name = name
			if name == "name" {
				if err := m.readNames(content); err != nil {
					return nil, err
				}
			}
		case SecImport:
			if err := m.readImports(content); err != nil {
				return nil, err
			}
		case SecCode:
			if err := m.readCode(content); err != nil {
				return nil, err
			}
		case SecData:
			if err := m.readData(content); err != nil {
				return nil, err
			}
		}
		m.Sections = append(m.Sections, sec)
		r.off = start + int(size)
	}
	for i := range m.Funcs {
		m.Funcs[i].Name = m.Names[m.Funcs[i].Index]
	}
	return m, nil
}

func (m *Module) readImports(r *reader) error {
	n, err := r.count("import count", 3)
	if err != nil {
		return err
	}
	for range n {
		if _, err := r.name("import module"); err != nil {
			return err
		}
		if _, err := r.name("import name"); err != nil {
			return err
		}
		kind, err := r.byte("import kind")
		if err != nil {
			return err
		}
		switch kind {
		case 0x00: // func: typeidx
			if _, err := r.u32("import type index"); err != nil {
				return err
			}
			m.ImportedFuncs++
		case 0x01: // table: reftype limits
			if _, err := r.byte("table reftype"); err != nil {
				return err
			}
			if err := r.limits(); err != nil {
				return err
			}
		case 0x02: // memory: limits
			if err := r.limits(); err != nil {
				return err
			}
		case 0x03: // global: valtype mut
			if _, err := r.byte("global type"); err != nil {
				return err
			}
			if _, err := r.byte("global mutability"); err != nil {
				return err
			}
		case 0x04: // tag (exception handling): attribute typeidx
			if _, err := r.byte("tag attribute"); err != nil {
				return err
			}
			if _, err := r.u32("tag type index"); err != nil {
				return err
			}
		default:
			return r.fail("unknown import kind 0x%02x", kind)
		}
	}
	return nil
}

func (m *Module) readCode(r *reader) error {
	n, err := r.count("function body count", 1)
	if err != nil {
		return err
	}
	m.Funcs = make([]Func, 0, n)
	for i := range n {
		size, err := r.u32("function body size")
		if err != nil {
			return err
		}
		if int(size) > len(r.b)-r.off {
			return r.fail("function body %d size %d beyond the section", i, size)
		}
		m.Funcs = append(m.Funcs, Func{Index: uint32(m.ImportedFuncs + i), Offset: r.off, Size: int(size)})
		r.off += int(size)
	}
	return nil
}

func (m *Module) readData(r *reader) error {
	n, err := r.count("data segment count", 2)
	if err != nil {
		return err
	}
	for range n {
		flag, err := r.u32("data segment flag")
		if err != nil {
			return err
		}
		switch flag {
		case 0: // active, memory 0: expr bytes
			if err := r.constExpr(); err != nil {
				return err
			}
		case 1: // passive: bytes
		case 2: // active, explicit memory: memidx expr bytes
			if _, err := r.u32("data memory index"); err != nil {
				return err
			}
			if err := r.constExpr(); err != nil {
				return err
			}
		default:
			return r.fail("unknown data segment flag %d", flag)
		}
		size, err := r.u32("data segment size")
		if err != nil {
			return err
		}
		if int(size) > len(r.b)-r.off {
			return r.fail("data segment size %d beyond the section", size)
		}
		m.DataSegments = append(m.DataSegments, Segment{Offset: r.off, Size: int(size)})
		r.off += int(size)
	}
	return nil
}

// readNames reads the name section's function names (subsection 1) and
// skips the others (module name, locals, …).
func (m *Module) readNames(r *reader) error {
	for r.off < len(r.b) {
		id, err := r.byte("name subsection id")
		if err != nil {
			return err
		}
		size, err := r.u32("name subsection size")
		if err != nil {
			return err
		}
		end := r.off + int(size)
		if int(size) > len(r.b)-r.off {
			return r.fail("name subsection %d size %d beyond the section", id, size)
		}
		if id == 1 {
			sub := &reader{b: r.b[:end], off: r.off}
			n, err := sub.count("function name count", 2)
			if err != nil {
				return err
			}
			for range n {
				idx, err := sub.u32("function index")
				if err != nil {
					return err
				}
				name, err := sub.name("function name")
				if err != nil {
					return err
				}
				m.Names[idx] = name
			}
		}
		r.off = end
	}
	return nil
}

// reader reads LEB128 integers and vectors from b[off:].
type reader struct {
	b   []byte
	off int
}

func (r *reader) fail(format string, args ...any) error {
	return fmt.Errorf("%w: at offset %d: %s", ErrMalformed, r.off, fmt.Sprintf(format, args...))
}

func (r *reader) byte(what string) (byte, error) {
	if r.off >= len(r.b) {
		return 0, r.fail("unexpected end reading %s", what)
	}
	c := r.b[r.off]
	r.off++
	return c, nil
}

// u32 reads an unsigned LEB128 of at most 5 bytes.
func (r *reader) u32(what string) (uint32, error) {
	var v uint64
	for i := 0; i < 5; i++ {
		c, err := r.byte(what)
		if err != nil {
			return 0, err
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			if v > 0xffffffff {
				return 0, r.fail("%s overflows 32 bits", what)
			}
			return uint32(v), nil
		}
	}
	return 0, r.fail("%s: LEB128 longer than 5 bytes", what)
}

// leb skips a signed or unsigned LEB128 of at most 10 bytes.
func (r *reader) leb(what string) error {
	for i := 0; i < 10; i++ {
		c, err := r.byte(what)
		if err != nil {
			return err
		}
		if c&0x80 == 0 {
			return nil
		}
	}
	return r.fail("%s: LEB128 longer than 10 bytes", what)
}

// count reads a vector length and checks that at least min bytes per
// element are left, so a bogus count cannot make a huge allocation.
func (r *reader) count(what string, min int) (int, error) {
	n, err := r.u32(what)
	if err != nil {
		return 0, err
	}
	if uint64(n)*uint64(min) > uint64(len(r.b)-r.off) {
		return 0, r.fail("%s %d too large for the %d bytes left", what, n, len(r.b)-r.off)
	}
	return int(n), nil
}

func (r *reader) name(what string) (string, error) {
	n, err := r.u32(what)
	if err != nil {
		return "", err
	}
	if int(n) > len(r.b)-r.off {
		return "", r.fail("%s length %d beyond the end", what, n)
	}
	s := string(r.b[r.off : r.off+int(n)])
	r.off += int(n)
	return s, nil
}

func (r *reader) limits() error {
	flag, err := r.byte("limits flag")
	if err != nil {
		return err
	}
	if err := r.leb("limits min"); err != nil {
		return err
	}
	if flag&1 != 0 {
		return r.leb("limits max")
	}
	return nil
}

// constExpr skips a constant expression (an offset): a few instructions up
// to and including end (0x0b).
func (r *reader) constExpr() error {
	for {
		op, err := r.byte("constant expression")
		if err != nil {
			return err
		}
		switch op {
		case 0x0b: // end
			return nil
		case 0x41, 0x42, 0x23: // i32.const, i64.const, global.get
			if err := r.leb("constant"); err != nil {
				return err
			}
		case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e: // extended-const add/sub/mul
		default:
			return r.fail("unsupported opcode 0x%02x in a constant expression", op)
		}
	}
}
