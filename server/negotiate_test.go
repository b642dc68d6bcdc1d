package server

import "testing"

func TestChooseEncoding(t *testing.T) {
	all := [numEnc]bool{true, true, true}
	idOnly := [numEnc]bool{true, false, false}
	tests := []struct {
		name   string
		ae     []string // nil: no header
		avail  [numEnc]bool
		want   int
		wantOK bool
	}{
		{"no header", nil, all, encIdentity, true},
		{"empty header", []string{""}, all, encIdentity, true},
		{"br and gzip", []string{"gzip, deflate, br, zstd"}, all, encBrotli, true},
		{"gzip only", []string{"gzip"}, all, encGzip, true},
		{"x-gzip alias", []string{"x-gzip"}, all, encGzip, true},
		{"case-insensitive", []string{"GZip, BR"}, all, encBrotli, true},
		{"q prefers gzip", []string{"br;q=0.5, gzip;q=0.8"}, all, encGzip, true},
		{"q prefers br", []string{"gzip;q=0.5, br"}, all, encBrotli, true},
		{"br refused", []string{"br;q=0, gzip"}, all, encGzip, true},
		{"Q upper case", []string{"br;Q=0, gzip"}, all, encGzip, true},
		{"spaces around q", []string{"br ; q=0 , gzip ; q=1.000"}, all, encGzip, true},
		{"star", []string{"*"}, all, encBrotli, true},
		{"star with explicit br off", []string{"*, br;q=0"}, all, encGzip, true},
		{"star zero refuses identity", []string{"*;q=0"}, all, 0, false},
		{"star zero, identity named", []string{"*;q=0, identity"}, all, encIdentity, true},
		{"identity;q=0 with gzip", []string{"identity;q=0, gzip"}, all, encGzip, true},
		{"identity;q=0 nothing else", []string{"identity;q=0"}, all, 0, false},
		{"identity;q=0 no variants", []string{"identity;q=0, br"}, idOnly, 0, false},
		{"only unknown coding", []string{"zstd"}, all, encIdentity, true},
		{"variants missing", []string{"br, gzip"}, idOnly, encIdentity, true},
		{"identity preferred by q", []string{"identity;q=1, br;q=0.1"}, all, encIdentity, true},
		{"tie goes to br", []string{"gzip;q=0.7, br;q=0.7"}, all, encBrotli, true},
		{"invalid q ignored", []string{"br;q=2, gzip"}, all, encGzip, true},
		{"invalid q 1.5 ignored", []string{"br;q=1.5"}, all, encIdentity, true},
		{"invalid q too many digits", []string{"br;q=0.0001, gzip"}, all, encGzip, true},
		{"invalid q letters", []string{"br;q=high"}, all, encIdentity, true},
		{"q=1.0 valid", []string{"br;q=1.0"}, all, encBrotli, true},
		{"q=0.000 refuses", []string{"br;q=0.000, gzip;q=0.001"}, all, encGzip, true},
		{"extension parameter", []string{"br;level=9"}, all, encBrotli, true},
		{"two header lines", []string{"identity;q=0", "gzip"}, all, encGzip, true},
		{"highest of duplicates", []string{"br;q=0, br;q=0.5"}, all, encBrotli, true},
		{"empty members", []string{",,, br ,,"}, all, encBrotli, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseAcceptEncoding(tt.ae).choose(tt.avail)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("choose(%q) = %q, %v; want %q, %v", tt.ae, encNames[max(got, 0)], ok, encNames[tt.want], tt.wantOK)
			}
		})
	}
}

func TestParseAcceptEncodingBounded(t *testing.T) {
	// Past maxCodings members the rest is ignored, so a huge header costs
	// bounded work and cannot smuggle a late preference.
	long := ""
	for range maxCodings {
		long += "zstd, "
	}
	long += "br"
	if got, _ := parseAcceptEncoding([]string{long}).choose([numEnc]bool{true, true, true}); got != encIdentity {
		t.Errorf("member %d was read: chose %q", maxCodings+1, encNames[got])
	}
}

func TestParseQValue(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"0", 0, true}, {"1", 1000, true}, {"0.5", 500, true}, {"0.123", 123, true},
		{"1.000", 1000, true}, {"0.", 0, true}, {"1.", 1000, true},
		{"1.001", 0, false}, {"0.1234", 0, false}, {"2", 0, false}, {"", 0, false},
		{".5", 0, false}, {"0,5", 0, false}, {"-0", 0, false}, {"0.5x", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseQValue(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("parseQValue(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestETagMatch(t *testing.T) {
	const etag = `"abc123"`
	tests := []struct {
		name string
		inm  []string
		want bool
	}{
		{"absent", nil, false},
		{"exact", []string{`"abc123"`}, true},
		{"weak matches weakly", []string{`W/"abc123"`}, true},
		{"in a list", []string{`"x", "y",  "abc123"`}, true},
		{"second line", []string{`"x"`, `"abc123"`}, true},
		{"star", []string{`*`}, true},
		{"other tag", []string{`"abc1234"`}, false},
		{"unquoted", []string{`abc123`}, false},
		{"prefix only", []string{`"abc`}, false},
		{"case matters", []string{`"ABC123"`}, false},
		{"garbage after no match", []string{`"x", garbage, "abc123"`}, false},
		{"lower-case w is not weak", []string{`w/"abc123"`}, false},
		{"empty", []string{""}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := etagMatch(tt.inm, etag); got != tt.want {
				t.Errorf("etagMatch(%q) = %v, want %v", tt.inm, got, tt.want)
			}
		})
	}
}

func FuzzAcceptEncoding(f *testing.F) {
	for _, s := range []string{"", "gzip, deflate, br", "br;q=0", "*;q=0, identity;q=0.5", "identity;q=0",
		"br;q=0.9;x=y, gzip;Q=1.000", ",,;,;=,q=", "x-gzip;q=0.", "\x00br\xff"} {
		f.Add(s, true, true)
	}
	f.Fuzz(func(t *testing.T, header string, hasGz, hasBr bool) {
		avail := [numEnc]bool{true, hasGz, hasBr}
		ae := parseAcceptEncoding([]string{header})
		enc, ok := ae.choose(avail)
		if ok && (enc < 0 || enc >= numEnc || !avail[enc]) {
			t.Fatalf("chose %d, not available %v", enc, avail)
		}
		if ok && ae.weight(enc) <= 0 {
			t.Fatalf("chose %q with weight %d", encNames[enc], ae.weight(enc))
		}
		for e := range numEnc {
			if w := ae.weight(e); w < 0 || w > 1000 {
				t.Fatalf("weight(%d) = %d", e, w)
			}
		}
	})
}

func FuzzIfNoneMatch(f *testing.F) {
	for _, s := range []string{`"abc"`, `W/"abc", "def"`, `*`, `"`, `W/`, `"a""b"`, `,,,"abc"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, inm string) {
		got := etagMatch([]string{inm}, `"abc"`)
		if got && !(len(inm) > 0) {
			t.Fatalf("empty header matched")
		}
		// Prepending the exact tag always matches.
		if !etagMatch([]string{`"abc", ` + inm}, `"abc"`) {
			t.Fatalf("the exact tag first did not match")
		}
	})
}
