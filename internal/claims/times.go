package claims

import (
	"github.com/authdebug/authdebug/internal/report"

	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// NumericDate bounds: the years 1 to 9999, what RFC 3339 can write.
const (
	minUnix = -62135596800
	maxUnix = 253402300799
)

// NumericDate reads a claim value as a NumericDate (RFC 7519 §2): a JSON
// number of seconds since 1970-01-01T00:00:00Z, possibly with a fraction.
// It accepts json.Number, float64 and Go integers; anything else, numeric
// strings included, wraps ErrNotNumericDate, and numbers outside the years
// 1–9999 wrap ErrDateOutOfRange.
func NumericDate(v any) (time.Time, error) {
	d := readDate("", v)
	switch {
	case d.kind != kindNumber:
		return time.Time{}, fmt.Errorf("%s: %w", d.describe(), ErrNotNumericDate)
	case !d.ok:
		return time.Time{}, fmt.Errorf("%s: %w", d.raw, ErrDateOutOfRange)
	}
	return d.t, nil
}

type valueKind int

const (
	kindAbsent valueKind = iota
	kindNumber
	kindNumericString // "1763800000"
	kindDateString    // "2026-11-22T09:00:00Z"
	kindOther         // bool, null, object, array, other string
)

// date is one time claim as read from a payload, leniently.
type date struct {
	name string
	kind valueKind
	raw  string    // the value as written, for evidence: 1763800000, "1763800000"
	t    time.Time // usable when ok
	ok   bool
	// unit is set when an out-of-range number reads well in a smaller unit
	// ("milliseconds"); scaled is that reading.
	unit   string
	scaled time.Time
	secs   float64 // the number as read (kindNumber, kindNumericString)
}

func (d date) describe() string {
	switch d.kind {
	case kindAbsent:
		return "absent"
	case kindNumericString:
		return "the string " + d.raw
	case kindDateString:
		return "the date string " + d.raw
	}
	return d.raw
}

func readDate(name string, v any) date {
	d := date{name: name}
	var f float64
	switch x := v.(type) {
	case nil:
		d.kind, d.raw = kindOther, "null"
		return d
	case json.Number:
		d.raw = report.Clip(x.String(), 40)
		g, err := strconv.ParseFloat(x.String(), 64)
		if err != nil && !isRangeErr(err) {
			d.kind = kindOther
			return d
		}
		d.kind, f = kindNumber, g
	case float64:
		d.kind, f, d.raw = kindNumber, x, strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		d.kind, f, d.raw = kindNumber, float64(x), strconv.FormatFloat(float64(x), 'f', -1, 32)
	case int:
		d.kind, f, d.raw = kindNumber, float64(x), strconv.Itoa(x)
	case int64:
		d.kind, f, d.raw = kindNumber, float64(x), strconv.FormatInt(x, 10)
	case int32:
		d.kind, f, d.raw = kindNumber, float64(x), strconv.FormatInt(int64(x), 10)
	case uint64:
		d.kind, f, d.raw = kindNumber, float64(x), strconv.FormatUint(x, 10)
	case string:
		d.raw = report.Quote(x, 40)
		s := strings.TrimSpace(x)
		if g, err := strconv.ParseFloat(s, 64); (err == nil || isRangeErr(err)) && s != "" && isDecimal(s) {
			d.kind, f = kindNumericString, g
			break
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			d.kind, d.t, d.ok = kindDateString, t.UTC(), true
			return d
		}
		d.kind = kindOther
		return d
	case bool:
		d.kind, d.raw = kindOther, strconv.FormatBool(x)
		return d
	case map[string]any:
		d.kind, d.raw = kindOther, "an object"
		return d
	case []any:
		d.kind, d.raw = kindOther, "an array"
		return d
	default:
		d.kind, d.raw = kindOther, fmt.Sprintf("a %T", v)
		return d
	}
	d.secs = f
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return d
	}
	if f >= minUnix && f <= maxUnix {
		d.t, d.ok = fromSeconds(f), true
		return d
	}
	for _, u := range []struct {
		name string
		div  float64
	}{{"milliseconds", 1e3}, {"microseconds", 1e6}, {"nanoseconds", 1e9}} {
		if g := f / u.div; g >= 3e8 && g < 1e11 {
			d.unit, d.scaled = u.name, fromSeconds(g)
			break
		}
	}
	return d
}

// isDecimal accepts what a JSON number looks like (no "NaN", "Inf", hex).
func isDecimal(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return false
		}
	}
	return true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func fromSeconds(f float64) time.Time {
	sec := math.Floor(f)
	nsec := math.Round((f - sec) * 1e9)
	return time.Unix(int64(sec), int64(nsec)).UTC()
}

// yearOf estimates the calendar year of an out-of-range NumericDate.
func yearOf(f float64) string {
	y := 1970 + f/31556952
	if math.Abs(y) > 1e15 {
		return fmt.Sprintf("%.3g", y)
	}
	return strconv.FormatInt(int64(y), 10)
}

// TokenTimes are one token's time claims, for Clock.
type TokenTimes struct {
	// Path is "tokens[i]" for findings.
	Path          string
	Iat, Nbf, Exp *time.Time
}

// TimesOf reads the iat, nbf and exp claims of a payload. Numbers and numeric
// strings (which many libraries accept) are read; values that are not a date,
// or only one in another unit (milliseconds), are nil. Check reports those.
// Path is left empty for the caller to set.
func TimesOf(payload map[string]any) TokenTimes {
	var tt TokenTimes
	get := func(name string) *time.Time {
		v, ok := payload[name]
		if !ok {
			return nil
		}
		d := readDate(name, v)
		if !d.ok || d.kind == kindOther {
			return nil
		}
		t := d.t
		return &t
	}
	tt.Iat, tt.Nbf, tt.Exp = get("iat"), get("nbf"), get("exp")
	return tt
}

// rfc formats t as RFC 3339 in UTC.
func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// HumanDuration writes d compactly with its two largest units: "45s",
// "2m5s", "3h12m", "4d3h", "2y30d". The sign is dropped.
func HumanDuration(d time.Duration) string {
	s := int64(d / time.Second)
	return humanSeconds(s)
}

func humanSeconds(s int64) string {
	if s < 0 {
		if s == math.MinInt64 {
			s = math.MaxInt64
		} else {
			s = -s
		}
	}
	const (
		min  = 60
		hour = 60 * min
		day  = 24 * hour
		year = 365 * day
	)
	two := func(a int64, ua string, b int64, ub string) string {
		if b == 0 {
			return strconv.FormatInt(a, 10) + ua
		}
		return strconv.FormatInt(a, 10) + ua + strconv.FormatInt(b, 10) + ub
	}
	switch {
	case s < min:
		return strconv.FormatInt(s, 10) + "s"
	case s < hour:
		return two(s/min, "m", s%min, "s")
	case s < day:
		return two(s/hour, "h", s%hour/min, "m")
	case s < year:
		return two(s/day, "d", s%day/hour, "h")
	}
	return two(s/year, "y", s%year/day, "d")
}

// secondsBetween is b − a in whole seconds without time.Duration overflow.
func secondsBetween(a, b time.Time) int64 {
	return b.Unix() - a.Unix()
}
