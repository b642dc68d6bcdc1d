package detect

import "strings"

// lineAt returns the content of the line starting at off, without its line
// break ([start, end)), and the offset of the next line.
func lineAt(text string, off int) (end, next int) {
	i := strings.IndexByte(text[off:], '\n')
	if i < 0 {
		end, next = len(text), len(text)
	} else {
		end, next = off+i, off+i+1
	}
	if end > off && text[end-1] == '\r' {
		end--
	}
	return end, next
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

// trimmed returns the line [off, end) without surrounding whitespace and the
// absolute offset where the trimmed text starts.
func trimmed(text string, off, end int) (string, int) {
	for off < end && isSpace(text[off]) {
		off++
	}
	for end > off && isSpace(text[end-1]) {
		end--
	}
	return text[off:end], off
}

// isFence reports a Markdown code fence line ("```" or "```http").
func isFence(t string) bool {
	if !strings.HasPrefix(t, "```") && !strings.HasPrefix(t, "~~~") {
		return false
	}
	for i := 3; i < len(t); i++ {
		c := t[i]
		if c != '`' && c != '~' && !isAlnum(c) && c != '-' && c != '+' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// IsTchar reports whether c is an RFC 9110 §5.6.2 tchar.
func IsTchar(c byte) bool {
	return isAlnum(c) || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func isB64Char(c byte) bool {
	return isAlnum(c) || c == '-' || c == '_' || c == '+' || c == '/' || c == '='
}
