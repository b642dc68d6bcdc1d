package exchange

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// har1000 builds a 1,000-entry HAR: static assets, authenticated API calls
// (some refused with 401) and preflights, like a busy single-page app.
func har1000(tb testing.TB) string {
	tk := testTokens(tb)
	type nv struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	var entries []any
	for i := 0; i < 1000; i++ {
		var method, u string
		status := 200
		req := []nv{{":authority", "app.example.com"}, {":scheme", "https"}, {"accept", "*/*"},
			{"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"}}
		resp := []nv{{"content-type", "application/json"}, {"date", "Sun, 22 Nov 2026 09:00:00 GMT"}}
		body := ""
		switch i % 5 {
		case 0, 1:
			method, u = "GET", fmt.Sprintf("https://app.example.com/assets/chunk-%d.js", i)
			body = "console.log(" + fmt.Sprint(i) + ")"
		case 2:
			method, u = "OPTIONS", fmt.Sprintf("https://api.example.com/v1/items/%d", i)
			req = append(req, nv{"access-control-request-method", "GET"}, nv{"access-control-request-headers", "authorization"}, nv{"origin", "https://app.example.com"})
			resp = append(resp, nv{"access-control-allow-origin", "https://app.example.com"}, nv{"access-control-allow-headers", "authorization"})
			status = 204
		default:
			method, u = "GET", fmt.Sprintf("https://api.example.com/v1/items/%d?expand=owner", i)
			req = append(req, nv{"authorization", "Bearer " + tk.Valid}, nv{"origin", "https://app.example.com"})
			resp = append(resp, nv{"access-control-allow-origin", "https://app.example.com"})
			body = fmt.Sprintf(`{"id":%d,"name":"item %d","owner":{"id":42}}`, i, i)
			if i%50 == 3 {
				status = 401
				resp = append(resp, nv{"www-authenticate", `Bearer realm="api", error="invalid_token", error_description="The access token expired"`})
				body = `{"error":"invalid_token"}`
			}
		}
		entries = append(entries, map[string]any{
			"startedDateTime": "2026-11-22T09:00:00.000Z", "time": 12.5,
			"request": map[string]any{"method": method, "url": u, "httpVersion": "h2", "headers": req, "cookies": []nv{},
				"queryString": []nv{}, "headersSize": -1, "bodySize": 0},
			"response": map[string]any{"status": status, "statusText": "", "httpVersion": "h2", "headers": resp, "cookies": []nv{},
				"content": map[string]any{"size": len(body), "mimeType": "application/json", "text": body}, "redirectURL": "",
				"headersSize": -1, "bodySize": len(body)},
			"cache": map[string]any{}, "timings": map[string]any{"send": 0.1, "wait": 10, "receive": 2.4},
		})
	}
	b, err := json.Marshal(map[string]any{"log": map[string]any{"version": "1.2", "creator": map[string]string{"name": "WebInspector", "version": "537.36"}, "entries": entries}})
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestHAR1000(t *testing.T) {
	s := har1000(t)
	exs, fs, err := Parse(detect.Part{Kind: report.KindHAR, Start: 0, End: len(s), Text: s})
	if err != nil {
		t.Fatal(err)
	}
	// 400 static assets skipped; 200 preflights and 400 API calls analysed, capped at MaxHAREntries.
	sk := findCode(fs, report.InputSkipped)
	if len(exs) != MaxHAREntries || len(sk) != 1 || sk[0].Title != "800 of 1000 HAR entries were skipped" {
		t.Fatalf("%d exchanges, skipped %+v", len(exs), sk)
	}
	refused := 0
	for _, e := range exs {
		if e.Response.Status == 401 {
			refused++
		}
	}
	if refused != 20 {
		t.Errorf("%d refused entries kept, want all 20", refused)
	}
}

func BenchmarkParseHAR1000(b *testing.B) {
	s := har1000(b)
	p := detect.Part{Kind: report.KindHAR, Start: 0, End: len(s), Text: s}
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := Parse(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromTextDiagnoseHAR1000(b *testing.B) {
	s := har1000(b)
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		exs, _, _ := FromText(s)
		Diagnose(exs, Context{})
	}
}
