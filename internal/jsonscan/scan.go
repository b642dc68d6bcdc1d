package jsonscan

// Extent scans the JSON value that starts at s[off] (an object or array; a
// scalar ends at once) and returns end, the offset just after its closing
// bracket (len(s) when it never closes), closed, whether it did close, and
// deep, the offset of the first bracket that nests deeper than maxDepth (-1
// when none does, or when maxDepth <= 0). The scan stops at the first of the
// value's end and too deep a bracket.
func Extent[T string | []byte](s T, off, maxDepth int) (end int, closed bool, deep int) {
	depth, inStr := 0, false
	for i := off; i < len(s); i++ {
		c := s[i]
		if inStr {
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
			if maxDepth > 0 && depth > maxDepth {
				return i, false, i
			}
		case '}', ']':
			depth--
			if depth <= 0 {
				return i + 1, true, -1
			}
		}
	}
	return len(s), false, -1
}
