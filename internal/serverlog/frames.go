package serverlog

import "strings"

// FramesLibrary names the library a stack trace's frames come from: a token
// library the catalogue knows (by its frames and class names), else the
// package of the innermost library frame (Python site-packages or
// dist-packages, Node node_modules, a Go module path, a Java package), else
// the module of the last exception's class (sqlite3.OperationalError →
// sqlite3); "" when nothing tells.
func FramesLibrary(text string) string {
	if h := hintOf(text); h != "" {
		return h
	}
	// Java, Node and Go print the innermost frame first, Python last.
	first, last := "", ""
	for _, l := range split(text) {
		if p := framePackage(l.t); p != "" {
			if strings.HasPrefix(l.t, "File ") {
				last = p
			} else if first == "" {
				first = p
			}
		}
	}
	if first != "" || last != "" {
		return first + last
	}
	name, _, _ := strings.Cut(LastException(text), ":")
	if i := strings.LastIndexByte(name, '.'); i > 0 && !strings.ContainsAny(name, " \t") {
		return name[:i]
	}
	return ""
}

// framePackage is the package a stack frame line names, "" when it names
// the application's own code or none.
func framePackage(t string) string {
	for _, marker := range []string{"site-packages/", "dist-packages/", "node_modules/"} {
		if i := strings.LastIndex(t, marker); i >= 0 {
			rest := t[i+len(marker):]
			n := 1
			if strings.HasPrefix(rest, "@") {
				n = 2 // a scoped npm package
			}
			parts := strings.SplitN(rest, "/", n+1)
			if len(parts) <= n {
				return ""
			}
			return strings.TrimSuffix(strings.Join(parts[:n], "/"), ".py")
		}
	}
	if rest, ok := strings.CutPrefix(t, "at "); ok && strings.Contains(rest, "(") && !strings.Contains(rest, "/") {
		// Java: at org.hibernate.engine.jdbc.Foo.bar(Foo.java:12)
		segs := strings.Split(rest[:strings.IndexByte(rest, '(')], ".")
		if len(segs) >= 4 && !strings.HasPrefix(rest, "java.") && !strings.HasPrefix(rest, "jdk.") && !strings.HasPrefix(rest, "sun.") {
			return strings.Join(segs[:3], ".")
		}
	}
	for _, host := range []string{"github.com/", "golang.org/x/", "gopkg.in/"} {
		if i := strings.Index(t, host); i >= 0 {
			parts := strings.SplitN(t[i:], "/", 4)
			if len(parts) >= 3 {
				return strings.Join(parts[:3], "/")
			}
		}
	}
	return ""
}
