package report

import "testing"

func TestTextHelpers(t *testing.T) {
	clips := []struct {
		s    string
		n    int
		want string
	}{{"hello", 10, "hello"}, {"hello", 3, "hel…"}, {"éééé", 2, "éé…"}, {"", 3, ""}}
	for _, c := range clips {
		if got := Clip(c.s, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
	quotes := []struct {
		s    string
		n    int
		want string
	}{{"ab", 5, `"ab"`}, {"a\x00b", 5, `"a\x00b"`}, {"abcdef", 3, `"abc"…`}, {"\xffx", 5, `"\xffx"`}}
	for _, c := range quotes {
		if got := Quote(c.s, c.n); got != c.want {
			t.Errorf("Quote(%q, %d) = %s, want %s", c.s, c.n, got, c.want)
		}
	}
	if Plural(1, "key", "keys") != "key" || Plural(0, "key", "keys") != "keys" || Plural(2, "key", "keys") != "keys" {
		t.Error("Plural")
	}
	chars := map[string]string{" ": "a space", "\t": "a tab", "\n": "a line break", "\x01": "control character U+0001",
		"+": "'+'", "é": "'é' (U+00E9)", "\xff": "byte 0xFF (not UTF-8)"}
	for s, want := range chars {
		if got := CharDesc(s, 0); got != want {
			t.Errorf("CharDesc(%q) = %q, want %q", s, got, want)
		}
	}
}
