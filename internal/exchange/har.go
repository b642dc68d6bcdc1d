package exchange

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// MaxHAREntries bounds the HAR entries analysed; the rest are reported as
// skipped.
const MaxHAREntries = 200

// maxBody bounds a HAR response body kept for analysis.
const maxBody = 256 << 10

type harNV struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harEntry struct {
	Request struct {
		Method      string  `json:"method"`
		URL         string  `json:"url"`
		HTTPVersion string  `json:"httpVersion"`
		Headers     []harNV `json:"headers"`
		Cookies     []harNV `json:"cookies"`
		PostData    *struct {
			Text string `json:"text"`
		} `json:"postData"`
	} `json:"request"`
	Response struct {
		Status      int     `json:"status"`
		StatusText  string  `json:"statusText"`
		HTTPVersion string  `json:"httpVersion"`
		Headers     []harNV `json:"headers"`
		Content     struct {
			Text     string `json:"text"`
			Encoding string `json:"encoding"`
		} `json:"content"`
	} `json:"response"`
}

// decodeHAR reads log.entries one entry at a time, calling step after
// each, so a large export never blocks the caller for long (the browser
// yields to its event loop in step). Other members are skipped. An entry
// with a field of an unexpected type (some exporters write numbers as
// strings) keeps what did decode.
func decodeHAR(text string, step func()) ([]harEntry, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	var entries []harEntry
	found := false
	err := eachMember(dec, func(key string) error {
		if key != "log" {
			return skipValue(dec)
		}
		return eachMember(dec, func(key string) error {
			if key != "entries" {
				return skipValue(dec)
			}
			if t, err := dec.Token(); err != nil {
				return err
			} else if t != json.Delim('[') {
				return fmt.Errorf("log.entries is not an array")
			}
			found = true
			for dec.More() {
				var e harEntry
				if err := dec.Decode(&e); err != nil {
					var te *json.UnmarshalTypeError
					if !errors.As(err, &te) {
						return err
					}
				}
				entries = append(entries, e)
				if step != nil {
					step()
				}
			}
			_, err := dec.Token() // ]
			return err
		})
	})
	if err != nil {
		return entries, err
	}
	if !found {
		return nil, fmt.Errorf("no log.entries")
	}
	return entries, nil
}

// eachMember reads a JSON object, calling f with the decoder positioned at
// each member's value; f must consume the value.
func eachMember(dec *json.Decoder, f func(key string) error) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != json.Delim('{') {
		return fmt.Errorf("not a JSON object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if err := f(key); err != nil {
			return err
		}
	}
	_, err = dec.Token() // }
	return err
}

// skipValue consumes one JSON value without keeping it.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

func harProto(v string) string {
	switch strings.ToLower(v) {
	case "h2", "http/2", "http/2.0":
		return "HTTP/2"
	case "h3", "http/3", "http/3.0":
		return "HTTP/3"
	case "", "unknown":
		return ""
	}
	return strings.ToUpper(v)
}

func harHeaders(nv []harNV) []Header {
	out := make([]Header, 0, len(nv))
	for _, h := range nv {
		out = append(out, Header{Name: h.Name, Value: h.Value})
	}
	return out
}

// parseHAR reads a HAR 1.2 export. Entries that carry no credentials, were
// not refused (401, 403, 407), are not token requests and are not CORS
// preflights are skipped and counted in an input.skipped finding; so are
// entries beyond MaxHAREntries.
func parseHAR(p detect.Part, step func()) ([]Exchange, []report.Finding, error) {
	entries, err := decodeHAR(p.Text, step)
	if err != nil && len(entries) == 0 {
		return nil, nil, fmt.Errorf("%w: %v", ErrHAR, err)
	}
	type cand struct {
		idx     int
		ex      Exchange
		refused bool
	}
	var cands []cand
	skipped := map[string]int{}
	total := len(entries)
	for i := range entries {
		e := &entries[i]
		r := &Request{Method: e.Request.Method, URL: e.Request.URL, Proto: harProto(e.Request.HTTPVersion),
			Headers: harHeaders(e.Request.Headers), From: p.Kind}
		pseudoRequest(r)
		if e.Request.PostData != nil {
			r.Body = e.Request.PostData.Text
		}
		r.Cookies = cookiesOf(r.Headers)
		if len(r.Cookies) == 0 {
			for _, c := range e.Request.Cookies {
				r.Cookies = append(r.Cookies, Cookie{Name: c.Name, Value: c.Value})
			}
		}
		resp := &Response{Status: e.Response.Status, Proto: harProto(e.Response.HTTPVersion),
			Reason: e.Response.StatusText, Headers: harHeaders(e.Response.Headers)}
		body := e.Response.Content.Text
		if strings.EqualFold(e.Response.Content.Encoding, "base64") && len(body) <= 4*maxBody/3+4 {
			if b, err := base64.StdEncoding.DecodeString(body); err == nil {
				body = string(b)
			}
		}
		if len(body) > maxBody {
			body = body[:maxBody]
		}
		resp.Body = body
		for j, h := range resp.Headers {
			if h.Name == ":status" {
				resp.Headers = append(resp.Headers[:j:j], resp.Headers[j+1:]...)
				break
			}
		}
		refused := resp.Status == 401 || resp.Status == 403 || resp.Status == 407
		// Token requests carry their grant (a refresh token, a code) in the body.
		keep := refused || len(Credentials(r)) > 0 || isPreflight(r) || tokenRequest(r)
		if !keep {
			switch {
			case resp.Status == 0:
				skipped["no response (blocked or cancelled) and no credentials"]++
			case resp.Status < 400:
				skipped["no credentials and not refused"]++
			default:
				skipped[fmt.Sprintf("no credentials, answered %d", resp.Status)]++
			}
			continue
		}
		note := fmt.Sprintf("HAR entry %d (%s %s)", i+1, r.Method, shortURL(r.URL))
		cands = append(cands, cand{idx: i, ex: Exchange{Request: r, Response: resp, Note: note}, refused: refused})
	}
	if len(cands) > MaxHAREntries {
		// Keep every refused entry first (up to the cap), then the others, in HAR order.
		keep := make([]bool, len(cands))
		n := 0
		for i := len(cands) - 1; i >= 0 && n < MaxHAREntries; i-- {
			if cands[i].refused {
				keep[i] = true
				n++
			}
		}
		for i := range cands {
			if n >= MaxHAREntries {
				break
			}
			if !keep[i] {
				keep[i] = true
				n++
			}
		}
		var kept []cand
		for i, c := range cands {
			if keep[i] {
				kept = append(kept, c)
			} else {
				skipped[fmt.Sprintf("over the limit of %d analysed entries", MaxHAREntries)]++
			}
		}
		cands = kept
	}
	out := make([]Exchange, len(cands))
	for i, c := range cands {
		out[i] = c.ex
	}
	var fs []report.Finding
	if n := total - len(out); n > 0 {
		fs = append(fs, skippedFinding(n, total, skipped, p))
	}
	return out, fs, nil
}

func skippedFinding(n, total int, why map[string]int, p detect.Part) report.Finding {
	reasons := make([]string, 0, len(why))
	for k := range why {
		reasons = append(reasons, k)
	}
	slices.SortFunc(reasons, func(a, b string) int {
		if c := cmp.Compare(why[b], why[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, r := range reasons {
		parts = append(parts, fmt.Sprintf("%d: %s", why[r], r))
	}
	return report.New(
		report.InputSkipped,
		report.Info,
		report.Client,
		fmt.Sprintf("%d of %d HAR entries were skipped", n, total),
		report.Detail("Only entries that carry credentials, were refused (401, 403, 407), ask a token endpoint for tokens or are CORS preflights are analysed; "+
			"static assets and other anonymous requests cannot explain a refusal."),
		"Nothing to do; to analyse a skipped request, paste it on its own (Copy as cURL).",
		report.Evidence(strings.Join(parts, "; ")), "HAR 1.2 (W3C Web Performance WG draft)").Within(&report.Span{Start: p.Start, End: p.End})
}

// isPreflight reports a CORS preflight: OPTIONS with Access-Control-Request-Method.
func isPreflight(r *Request) bool {
	if r == nil || !strings.EqualFold(r.Method, "OPTIONS") {
		return false
	}
	_, ok := r.Header("Access-Control-Request-Method")
	return ok
}

// shortURL cuts a URL for notes and titles, without its query (which may
// carry credentials).
func shortURL(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i] + "?…"
	}
	if len(u) > 100 {
		u = u[:97] + "…"
	}
	return u
}
