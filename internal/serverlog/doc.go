// Package serverlog reads what a server's log says about a refused token:
// log lines and stack traces of the libraries, frameworks and gateways that
// validate tokens (the catalogue internal/servermsg matches against). It cuts
// each line out of its noise — timestamps, levels, logger names, JSON log
// objects ({"level":"error","msg":…,"error":…}), logfmt as Go's log/slog
// writes it (level=ERROR msg=… err=…), Python logging and tracebacks (the
// last exception line decides; frames such as jose/jwt.py name the library),
// Java and .NET exceptions with their Caused by: chains, Node's Error stacks,
// Nest's console — and asks servermsg.MatchText which library message it is.
//
// References: RFC 7519 (JWT) and RFC 6750 §3 for what the causes mean; the
// log formats are the programs' own: Python's logging and traceback modules,
// Go's log and log/slog (TextHandler, JSONHandler), logback's default
// pattern, Microsoft.Extensions.Logging's console formatter, NestJS's
// ConsoleLogger, uvicorn's access log.
package serverlog
