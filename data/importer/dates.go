package importer

import (
	"math"
	"strconv"
	"strings"
	"time"

	"csatdesk/data"
)

// DateOrder is the order of day, month and year in dates written with
// numbers only, such as 01.09.2023 or 9/1/2023.
type DateOrder string

// The date orders. The order applies to dates written with slashes or
// dashes; dates with dots (01.09.2023) are always day first, as everywhere
// they are written. The zero DateOrder reads dashes as day first and slashes
// as month first (9/1/2023), the usual habits.
const (
	DMY DateOrder = "DMY" // 01.09.2023 is 1 September
	MDY DateOrder = "MDY" // 9/1/2023 is 1 September
	YMD DateOrder = "YMD" // 2023/9/1 is 1 September
)

// ErrBlankDate is returned by ParseDate for an empty cell.
var ErrBlankDate error = &data.Error{Problem: data.NewProblem(KindBlankDate)}

// Excel counts days from 30 December 1899 (its serial 60 is the
// non-existent 29 February 1900, so dates after it come out right).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// Excel serial numbers we take for dates: 1927-05-18 .. 2173-10-14.
const minSerial, maxSerial = 10000, 100000

// ParseDate reads a date with an optional time of day:
//
//	2023-09-01, 2023-09-01T10:01:10Z, 2023-09-01 10:01:10+03:00   ISO 8601
//	9/1/2023 10:01:10, 09/01/2023 10:01 AM                        US (order MDY)
//	01.09.2023, 01.09.2023 10:01:10, 1-9-2023                     European (order DMY)
//	2023/9/1, 2023/9/1 上午10:01:10, 2023.09.01                   year first
//	45170, 45170.4175                                             Excel serial numbers
//	Sep 1, 2023; 1 September 2023                                 English month names
//
// order decides how d/m/y and m/d/y dates are read (see DateOrder); a date
// that does not fit it (13/01/2023 read month first) is an error rather
// than a silent swap. A date without a time zone is in loc (UTC when nil);
// one with a zone (Z, +03:00, UTC) keeps it. Two-digit years are 2000–2069
// and 1970–1999.
func ParseDate(s string, order DateOrder, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, ErrBlankDate
	}
	t, err := parseDate(s, order, loc)
	if err != nil {
		return time.Time{}, err
	}
	if y := t.Year(); y < 1900 || y > 2200 {
		return time.Time{}, problemError(KindImplausibleYear, "Value", short(s), "Year", y)
	}
	return t, nil
}

func notDate(s string) error {
	return problemError(KindNotADate, "Value", strconv.Quote(short(s)))
}

func parseDate(s string, order DateOrder, loc *time.Location) (time.Time, error) {
	if f, ok := parseDecimal(s); ok {
		if f < minSerial || f >= maxSerial {
			return time.Time{}, notDate(s)
		}
		return fromSerial(f, loc), nil
	}
	// Date part: three numbers with one separator.
	var nums [3]int
	var lens [3]int
	var sep byte
	i := 0
	for k := 0; k < 3; k++ {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j-i > 4 {
			return parseNamedMonth(s, loc)
		}
		nums[k], _ = strconv.Atoi(s[i:j])
		lens[k] = j - i
		i = j
		if k < 2 {
			if i >= len(s) {
				return time.Time{}, notDate(s)
			}
			c := s[i]
			if c != '-' && c != '/' && c != '.' {
				return parseNamedMonth(s, loc)
			}
			if k == 0 {
				sep = c
			} else if c != sep {
				return time.Time{}, notDate(s)
			}
			i++
		}
	}
	var y, m, d int
	switch {
	case lens[0] == 4:
		y, m, d = nums[0], nums[1], nums[2]
	case lens[2] == 4 || lens[2] == 2:
		o := order
		switch {
		case sep == '.':
			o = DMY // dotted dates are day first wherever they are written
		case o == "" || o == YMD:
			o = DMY
			if sep == '/' {
				o = MDY
			}
		}
		if o == DMY {
			d, m, y = nums[0], nums[1], nums[2]
		} else {
			m, d, y = nums[0], nums[1], nums[2]
		}
		if lens[2] == 2 {
			y += 2000
			if y >= 2070 {
				y -= 100
			}
		}
		if m > 12 && d <= 12 {
			return time.Time{}, problemError(KindOrderMismatch, "Value", short(s), "Order", orderWords(o), "Month", m)
		}
	default:
		return time.Time{}, notDate(s)
	}
	if m < 1 || m > 12 {
		return time.Time{}, problemError(KindNoMonth, "Value", short(s))
	}
	if d < 1 || d > daysIn(y, m) {
		return time.Time{}, problemError(KindNoDay, "Value", short(s), "Day", d)
	}
	rest := strings.TrimSpace(s[i:])
	rest = strings.TrimPrefix(rest, ".")
	rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(rest, "г."), "г"))
	rest = strings.TrimLeft(rest, "T, ")
	hh, mm, ss, ns, zone, err := parseClock(rest)
	if err != nil {
		return time.Time{}, problemError(KindBadTime, "Value", strconv.Quote(short(s)), "Why", why(err))
	}
	if zone != nil {
		loc = zone
	}
	return time.Date(y, time.Month(m), d, hh, mm, ss, ns, loc), nil
}

func orderWords(o DateOrder) data.Problem {
	switch o {
	case MDY:
		return note(KindOrderMDY)
	case DMY:
		return note(KindOrderDMY)
	}
	return note(KindOrderYMD)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// fromSerial converts an Excel serial day number (with a fraction for the
// time of day) to wall-clock time in loc.
func fromSerial(f float64, loc *time.Location) time.Time {
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	u := excelEpoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	return time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), 0, loc)
}

// parseClock reads an optional time of day: "10:01", "10:01:10",
// "10:01:10.123", "10:01 AM", "上午10:01:10", with an optional zone "Z",
// "+03:00", "+0300", "UTC", "GMT".
func parseClock(s string) (h, m, sec, ns int, zone *time.Location, err error) {
	if s == "" {
		return 0, 0, 0, 0, nil, nil
	}
	// Fast path: H:MM or HH:MM:SS.
	if n := len(s); n >= 4 && n <= 8 {
		var v [3]int
		k, ok := 0, true
		for i := 0; i < n && ok; i++ {
			switch c := s[i]; {
			case c >= '0' && c <= '9':
				v[k] = v[k]*10 + int(c-'0')
			case c == ':' && k < 2 && i > 0 && s[i-1] != ':':
				k++
			default:
				ok = false
			}
		}
		if ok && k >= 1 && s[n-1] != ':' && v[0] < 24 && v[1] < 60 && v[2] < 60 {
			return v[0], v[1], v[2], 0, nil, nil
		}
	}
	pm, am := false, false
	for _, p := range []string{"上午", "午前"} {
		if strings.HasPrefix(s, p) {
			am, s = true, strings.TrimSpace(s[len(p):])
		}
	}
	for _, p := range []string{"下午", "午後"} {
		if strings.HasPrefix(s, p) {
			pm, s = true, strings.TrimSpace(s[len(p):])
		}
	}
	// A Spanish or Portuguese "p. m.", "a. m.".
	s = strings.Replace(strings.Replace(s, "p. m.", "pm", 1), "a. m.", "am", 1)
	// Zone suffix.
	if z, rest, ok := gmtOffset(s); ok {
		zone, s = z, rest
	}
	switch {
	case zone != nil:
	case strings.HasSuffix(s, "Z"):
		zone, s = time.UTC, strings.TrimSpace(s[:len(s)-1])
	case strings.HasSuffix(s, " UTC") || strings.HasSuffix(s, " GMT"):
		zone, s = time.UTC, strings.TrimSpace(s[:len(s)-4])
	default:
		if k := strings.LastIndexAny(s, "+-"); k > 0 {
			z := strings.ReplaceAll(s[k+1:], ":", "")
			if len(z) == 4 || len(z) == 2 {
				if n, e := strconv.Atoi(z); e == nil {
					zh, zm := n, 0
					if len(z) == 4 {
						zh, zm = n/100, n%100
					}
					off := zh*3600 + zm*60
					if s[k] == '-' {
						off = -off
					}
					if zh <= 14 && zm < 60 {
						zone, s = time.FixedZone("", off), strings.TrimSpace(s[:k])
					}
				}
			}
		}
	}
	lower := strings.ToLower(s)
	for _, suf := range []string{"a.m.", "am"} {
		if strings.HasSuffix(lower, suf) {
			am, s = true, strings.TrimSpace(s[:len(s)-len(suf)])
			break
		}
	}
	for _, suf := range []string{"p.m.", "pm"} {
		if strings.HasSuffix(lower, suf) {
			pm, s = true, strings.TrimSpace(s[:len(s)-len(suf)])
			break
		}
	}
	// "0.15.35": Italian and Finnish spreadsheets put dots in the time.
	if !strings.Contains(s, ":") && strings.Count(s, ".") >= 1 && strings.Count(s, ".") <= 2 {
		s = strings.ReplaceAll(s, ".", ":")
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, 0, nil, problemError(KindTimeForm)
	}
	frac := ""
	if len(parts) == 3 {
		if k := strings.IndexAny(parts[2], ".,"); k >= 0 {
			parts[2], frac = parts[2][:k], parts[2][k+1:]
		}
	}
	vals := [3]int{}
	for i, p := range parts {
		if p == "" || len(p) > 2 {
			return 0, 0, 0, 0, nil, problemError(KindTimeForm)
		}
		n, e := strconv.Atoi(p)
		if e != nil || n < 0 {
			return 0, 0, 0, 0, nil, problemError(KindTimeForm)
		}
		vals[i] = n
	}
	if frac != "" {
		if len(frac) > 9 {
			frac = frac[:9]
		}
		n, e := strconv.Atoi(frac)
		if e != nil || n < 0 {
			return 0, 0, 0, 0, nil, problemError(KindTimeForm)
		}
		ns = n * int(math.Pow10(9-len(frac)))
	}
	h, m, sec = vals[0], vals[1], vals[2]
	if am || pm {
		if h < 1 || h > 12 {
			return 0, 0, 0, 0, nil, problemError(KindAMPMHour, "Hour", h)
		}
		if h == 12 {
			h = 0
		}
		if pm {
			h += 12
		}
	}
	if h > 23 || m > 59 || sec > 60 {
		return 0, 0, 0, 0, nil, problemError(KindTimeRange)
	}
	if sec == 60 {
		sec = 59 // leap second: keep the day
	}
	return h, m, sec, ns, zone, nil
}

var namedMonthLayouts = []string{
	"Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "2 Jan 2006", "2 January 2006", "02-Jan-2006", "2-Jan-06",
	"Jan 2, 2006 15:04:05", "Jan 2, 2006 3:04:05 PM", "Jan 2, 2006 3:04 PM", "2 Jan 2006 15:04:05", "2 Jan 2006 15:04",
	"Mon, 02 Jan 2006 15:04:05 MST", "Mon Jan 2 15:04:05 2006",
}

func parseNamedMonth(s string, loc *time.Location) (time.Time, error) {
	for _, l := range namedMonthLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, notDate(s)
}

// DetectDateOrder looks at every value of a date column and decides how
// numeric dates are to be read: a first number above 12 (25.12.2023) proves
// day first, a second number above 12 (12/25/2023) proves month first.
// ambiguous is true when no value proves either order (the answer then
// follows the separator: dots and dashes day first, slashes month first) or
// when values prove both (the answer is the majority); the user should
// confirm the order then. Year-first and ISO dates need no order: YMD.
func DetectDateOrder(values []string) (order DateOrder, ambiguous bool) {
	var st dateStats
	for _, v := range values {
		st.add(v)
	}
	return st.result()
}

// dateStats gathers DetectDateOrder's evidence one value at a time, so a
// column can be judged in one streaming pass.
type dateStats struct {
	dayFirst, monthFirst, either int
	dots, slashes, dashes        int
}

func (st *dateStats) add(s string) {
	s = strings.TrimSpace(s)
	var nums [3]int
	var sep byte
	i := 0
	for k := 0; k < 3; k++ {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j-i > 4 || (k < 2 && j-i > 2) {
			return
		}
		nums[k], _ = strconv.Atoi(s[i:j])
		i = j
		if k < 2 {
			if i >= len(s) || (s[i] != '.' && s[i] != '/' && s[i] != '-') || (k == 1 && s[i] != sep) {
				return
			}
			sep = s[i]
			i++
		}
	}
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		return
	}
	switch sep {
	case '.':
		st.dots++
		return // always day first: no evidence either way
	case '/':
		st.slashes++
	default:
		st.dashes++
	}
	switch {
	case nums[0] > 12 && nums[1] <= 12:
		st.dayFirst++
	case nums[1] > 12 && nums[0] <= 12:
		st.monthFirst++
	default:
		st.either++
	}
}

func (st *dateStats) result() (DateOrder, bool) {
	switch {
	case st.dayFirst > 0 && st.monthFirst == 0:
		return DMY, false
	case st.monthFirst > 0 && st.dayFirst == 0:
		return MDY, false
	case st.monthFirst > 0 && st.dayFirst > 0:
		if st.monthFirst > st.dayFirst {
			return MDY, true
		}
		return DMY, true
	case st.either > 0:
		if st.slashes > st.dashes {
			return MDY, true
		}
		return DMY, true
	case st.dots > 0:
		return DMY, false
	}
	return YMD, false
}

// gmtOffset reads a trailing "GMT-3", "GMT+05:30", "UTC+2" (Google Forms'
// own CSV download writes the form's zone so), returning the zone and the
// text before it.
func gmtOffset(s string) (*time.Location, string, bool) {
	i := strings.LastIndex(s, "GMT")
	if j := strings.LastIndex(s, "UTC"); j > i {
		i = j
	}
	if i < 0 {
		return nil, s, false
	}
	z := s[i+3:]
	if z == "" || (z[0] != '+' && z[0] != '-') || len(z) > 6 {
		return nil, s, false
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	hh, mm := z[1:], ""
	if k := strings.IndexByte(hh, ':'); k >= 0 {
		hh, mm = hh[:k], hh[k+1:]
	} else if len(hh) == 4 {
		hh, mm = hh[:2], hh[2:]
	}
	h, err := strconv.Atoi(hh)
	if err != nil || h < 0 || h > 14 || len(hh) == 0 || len(hh) > 2 {
		return nil, s, false
	}
	m := 0
	if mm != "" {
		if m, err = strconv.Atoi(mm); err != nil || m < 0 || m > 59 || len(mm) != 2 {
			return nil, s, false
		}
	}
	return time.FixedZone(strings.TrimSpace(s[i:]), sign*(h*3600+m*60)), strings.TrimSpace(s[:i]), true
}
