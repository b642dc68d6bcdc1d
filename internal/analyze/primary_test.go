package analyze

import (
	"context"
	"strings"
	"testing"
)

// The Report names its primary exchange: with identical retries, the last
// refused one, which the faces could not tell apart by comparing them.
func TestReportPrimary(t *testing.T) {
	entry := `{"request":{"method":"GET","url":"https://api.example.com/me","headers":[{"name":"Authorization","value":"Bearer abcdefghijklmnopqrstuvwxyz0123456789"}]},` +
		`"response":{"status":%s,"statusText":"","headers":[{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}],"content":{"size":0,"text":""}}}`
	har := func(statuses ...string) string {
		var es []string
		for _, s := range statuses {
			es = append(es, strings.Replace(entry, "%s", s, 1))
		}
		return `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[` + strings.Join(es, ",") + `]}}`
	}
	tests := []struct {
		name    string
		text    string
		want    int
		noIndex bool
	}{
		{"identical retries", har("401", "401"), 1, false},
		{"refused then accepted", har("401", "200"), 0, false},
		{"one exchange", har("401"), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := Run(context.Background(), Input{Text: tt.text}, WithNow(now))
			if tt.noIndex {
				if r.Primary != nil {
					t.Errorf("primary %d with one exchange", *r.Primary)
				}
				return
			}
			if r.Primary == nil || *r.Primary != tt.want {
				t.Fatalf("primary %v, want %d (%d exchanges)", r.Primary, tt.want, len(r.Exchanges))
			}
		})
	}
}
