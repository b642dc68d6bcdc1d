package ui

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// Findings point at their evidence with a Path into the Report
// ("tokens[0].payload.exp", "response.challenges[0].params.error",
// "request.headers[2]"). The views mark the elements they render with the
// same paths (data-path); resolvePath picks the most specific rendered
// element for a finding's path.

// Render limits: a huge HAR must not produce a huge page.
const (
	maxTokensShown    = 20
	maxExchangesShown = 50
	maxHeadersShown   = 100
	maxFindingsShown  = 100
	maxMembersShown   = 200
)

func idx(base string, i int) string { return base + "[" + strconv.Itoa(i) + "]" }

// viewPaths lists the paths the views render for r.
func viewPaths(r *report.Report) map[string]bool {
	ps := map[string]bool{}
	if r == nil {
		return ps
	}
	for i, t := range r.Tokens {
		if i == maxTokensShown {
			break
		}
		base := idx("tokens", i)
		for _, p := range []string{"", ".header", ".payload", ".signature", ".times", ".segments"} {
			ps[base+p] = true
		}
		for j := range t.Segments {
			ps[idx(base+".segments", j)] = true
		}
		for _, m := range jsonMembers(t.Header) {
			ps[base+".header."+m.Key] = true
		}
		for _, m := range jsonMembers(t.Payload) {
			ps[base+".payload."+m.Key] = true
		}
	}
	if r.Clock != nil {
		ps["clock"] = true
	}
	for i := range r.Keys {
		ps[idx("keys", i)] = true
	}
	if len(r.Exchanges) > 1 {
		for i, x := range r.Exchanges {
			if i == maxExchangesShown {
				break
			}
			base := idx("exchanges", i)
			ps[base] = true
			messagePaths(ps, base+".", x.Request, x.Response)
		}
	}
	messagePaths(ps, "", r.Request, r.Response)
	return ps
}

func messagePaths(ps map[string]bool, base string, req *report.Request, resp *report.Response) {
	if req != nil {
		ps[base+"request"] = true
		ps[base+"request.url"] = true
		ps[base+"request.method"] = true
		for j := range req.Headers {
			if j == maxHeadersShown {
				break
			}
			ps[idx(base+"request.headers", j)] = true
		}
	}
	if resp != nil {
		ps[base+"response"] = true
		ps[base+"response.status"] = true
		for j := range resp.Headers {
			if j == maxHeadersShown {
				break
			}
			ps[idx(base+"response.headers", j)] = true
		}
		challengePaths(ps, base+"response.challenges", resp.Challenges)
		challengePaths(ps, base+"response.proxy_challenges", resp.ProxyChallenges)
	}
}

func challengePaths(ps map[string]bool, base string, cs []report.Challenge) {
	for k, c := range cs {
		cb := idx(base, k)
		ps[cb] = true
		ps[cb+".scheme"] = true
		if c.Token68 != nil {
			ps[cb+".token68"] = true
		}
		for name := range c.Params {
			ps[cb+".params."+name] = true
		}
	}
}

// resolvePath returns sel or its nearest ancestor that is in paths, or ""
// when none is: "tokens[0].payload.aud[1]" resolves to
// "tokens[0].payload.aud" when that member is rendered.
func resolvePath(paths map[string]bool, sel string) string {
	for p := strings.TrimSpace(sel); p != ""; p = parentPath(p) {
		if paths[p] {
			return p
		}
	}
	return ""
}

// parentPath drops the last component of a path: "a.b[2]" → "a.b" → "a".
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i <= 0 {
		return ""
	}
	return p[:i]
}

// member is one member of a JSON object, in document order.
type member struct {
	Key   string
	Value json.RawMessage
}

// jsonMembers lists the members of a JSON object in their original order
// (encoding/json maps would sort them). Anything but an object gives nil;
// at most maxMembersShown members are returned.
func jsonMembers(raw json.RawMessage) []member {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var out []member
	for dec.More() && len(out) < maxMembersShown {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		key, ok := tok.(string)
		if !ok {
			return out
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return out
		}
		out = append(out, member{Key: key, Value: v})
	}
	return out
}

// prettyValue indents a JSON value for display after "key": at the given
// indentation.
func prettyValue(v json.RawMessage, indent string) string {
	var b bytes.Buffer
	if err := json.Indent(&b, v, indent, "  "); err != nil {
		return string(v)
	}
	return b.String()
}
