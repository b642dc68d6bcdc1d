package serverlog

import "testing"

func TestFramesLibrary(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"python site-packages, innermost last", "Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in get\n  File \"/usr/lib/python3/dist-packages/requests/api.py\", line 2, in get\n  File \"/usr/lib/python3/dist-packages/urllib3/connection.py\", line 9, in connect\nurllib3.exceptions.NewConnectionError: refused", "urllib3"},
		{"python standard library only: the exception's module", "Traceback (most recent call last):\n  File \"/srv/app/db.py\", line 3, in get\n    conn.execute(q)\nsqlite3.OperationalError: no such table: users", "sqlite3"},
		{"node, innermost first", "Error: connect ECONNREFUSED 127.0.0.1:5432\n    at /app/node_modules/pg/lib/client.js:132:73\n    at /app/node_modules/@prisma/client/runtime/index.js:1:1", "pg"},
		{"node scoped package", "Error: x\n    at /app/node_modules/@prisma/client/runtime/index.js:1:1", "@prisma/client"},
		{"java", "org.hibernate.exception.JDBCConnectionException: unable to open\n\tat org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:112)\n\tat com.example.app.Repo.find(Repo.java:3)", "org.hibernate.engine"},
		{"a token library the catalogue knows", "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/jose/jwt.py\", line 1, in decode\njose.exceptions.JWTError: something new", "python-jose"},
		{"nothing tells", "something failed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FramesLibrary(tt.in); got != tt.want {
				t.Errorf("FramesLibrary = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAccessLines(t *testing.T) {
	tests := []struct {
		name, in string
		method   string
		path     string
		status   int
	}{
		{"uvicorn", `INFO:     127.0.0.1:54321 - "GET /users/me HTTP/1.1" 401 Unauthorized`, "GET", "/users/me", 401},
		{"gunicorn", `[2026-12-07 15:28:11 +0000] [12] [INFO] 10.0.0.1 - - [07/Dec/2026:15:28:11 +0000] "POST /orders HTTP/1.1" 403 43 "-" "curl/8.1"`, "POST", "/orders", 403},
		{"urllib3", `DEBUG:urllib3.connectionpool:https://api:443 "GET /me HTTP/1.1" 401 0`, "GET", "/me", 401},
		{"a quoted phrase is no request", `INFO "GET the users" 401 times`, "", "", 0},
		{"no status", `INFO "GET /me HTTP/1.1" done`, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := AccessLines(tt.in)
			if tt.status == 0 {
				if len(as) != 0 {
					t.Fatalf("access lines %+v", as)
				}
				return
			}
			if len(as) != 1 || as[0].Method != tt.method || as[0].Path != tt.path || as[0].Status != tt.status {
				t.Fatalf("access lines %+v", as)
			}
			if got := tt.in[as[0].Start:as[0].End]; got[0] != '"' || got[len(got)-3:] != itoa3(tt.status) {
				t.Errorf("span holds %q", got)
			}
		})
	}
}

func itoa3(n int) string {
	return string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
}

func FuzzAccessAndFrames(f *testing.F) {
	f.Add(`INFO:     127.0.0.1:1 - "GET /users/me HTTP/1.1" 401 Unauthorized` + "\n\"\"\"GET  HTTP/ 40")
	f.Add("  File \"/x/site-packages/\"\n    at a.b.c.d(\n at /node_modules/@s\ngithub.com/\nx.y: z")
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range AccessLines(s) {
			if a.Start < 0 || a.End > len(s) || a.Start >= a.End || s[a.Start] != '"' || a.Status < 0 || a.Status > 999 {
				t.Fatalf("access %+v out of %d bytes", a, len(s))
			}
		}
		_ = FramesLibrary(s)
	})
}
