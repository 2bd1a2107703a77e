package importer

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"csatdesk/data"
)

// NormalizeLabel returns the form of an answer label used for matching:
// Unicode NFC, full-width characters narrowed, lower case, ё as е, curly
// apostrophes straight, other punctuation and emoji variation selectors
// removed, runs of white space collapsed to one space, trimmed. Two labels
// match when their normal forms are equal.
func NormalizeLabel(s string) string {
	s = width.Fold.String(norm.NFC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u2019' || r == '\u2018' || r == '`' || r == '\'' || r == '\u00b4':
			r = '\''
		case r == 'ё':
			r = 'е'
		case r == 'Ё':
			r = 'Е'
		case r == '\ufe0f' || r == '\ufe0e' || r == '\u200b' || r == '\u200d' || r == '\u00ad' || r == '\ufeff':
			continue
		case r == '-' || r == '–' || r == '—' || r == '_':
			r = ' '
		case unicode.IsPunct(r):
			r = ' '
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	// Lower case can make a pair NFC composes ("Y̊" → "ẙ" → "ẙ"): compose
	// again, so that the normal form of a normal form is itself.
	return norm.NFC.String(b.String())
}

// foldDiacritics removes combining marks ("ļoti" → "loti"), for people who
// type without their language's keyboard. Used only as a fallback, and only
// for labels whose folded form is unambiguous.
func foldDiacritics(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// labelHit is one place a label occurs in the tables.
type labelHit struct {
	family string
	points int
	lang   string
	pos    int // 0-based scale position
}

// labelIndex maps a normalised label to every table position it occupies.
var labelIndex, foldedIndex = buildLabelIndex()

func buildLabelIndex() (map[string][]labelHit, map[string][]labelHit) {
	idx := make(map[string][]labelHit)
	folded := make(map[string][]labelHit)
	for _, t := range scaleTables {
		for lang, positions := range t.langs {
			for pos, syns := range positions {
				for _, s := range syns {
					h := labelHit{t.family, t.points, lang, pos}
					k := NormalizeLabel(s)
					idx[k] = append(idx[k], h)
					fk := foldDiacritics(k)
					folded[fk] = append(folded[fk], h)
				}
			}
		}
	}
	return idx, folded
}

// lookupLabel returns the 0-based scale position of label key on a scale of
// the given number of points, searching the families allowed for kind.
func lookupLabel(kind data.Kind, points int, key string) (int, bool) {
	if p, ok := lookupIn(labelIndex[key], kind, points); ok {
		return p, true
	}
	return lookupIn(foldedIndex[foldDiacritics(key)], kind, points)
}

func lookupIn(hits []labelHit, kind data.Kind, points int) (int, bool) {
	pos := -1
	for _, h := range hits {
		if h.points != points || !familyFits(kind, h.family) || h.family == familyQualityVG {
			continue
		}
		if pos >= 0 && pos != h.pos {
			return 0, false // ambiguous: refuse rather than guess
		}
		pos = h.pos
	}
	return pos, pos >= 0
}

// familyFits reports whether labels of family may answer a question of kind.
func familyFits(kind data.Kind, family string) bool {
	switch kind {
	case data.KindRating:
		return family != familyYesNo && family != familyEase
	case data.KindCES:
		return family == familyAgreement || family == familyEase
	case data.KindYesNo:
		return family == familyYesNo || family == familyGoodBad
	case data.KindNPS:
		return family == familyLikelihood
	}
	return false
}

// ParseValue returns the scale value of answer s to question q: a number on
// the scale ("4", "4.0", "4,0", "4/5", "4 из 5", "4 - Satisfied"), a label of
// q or from the built-in tables in English, Russian, Latvian, Italian and
// Chinese ("Very satisfied", "Очень доволен", "Ļoti apmierināts", "Molto
// soddisfatto", "非常满意"), stars ("★★★★☆"), a face emoji (😞 🙁 😐 🙂 😀 on 3-
// and 5-point scales), yes/no words and symbols, or a choice of a choice
// question. ok is false for blanks, text questions and anything else.
func ParseValue(q data.Question, s string) (v int, ok bool) {
	v, err := parseValue(q, s, nil)
	return v, err == nil
}

// parseValue is ParseValue with a reason, and with user-assigned labels
// (keys normalised) checked first.
func parseValue(q data.Question, s string, assigned map[string]int) (int, error) {
	if !q.Numeric() {
		return 0, problemError(KindTakesText)
	}
	raw := strings.TrimSpace(s)
	if raw == "" {
		return 0, problemError(KindBlank)
	}
	// Fast path: a plain integer.
	if n, err := strconv.Atoi(raw); err == nil {
		return inScale(q, n, raw)
	}
	key := NormalizeLabel(raw)
	if v, ok := assigned[key]; ok {
		return inScale(q, v, raw)
	}
	if q.Kind == data.KindChoice {
		for i, c := range q.Choices {
			if NormalizeLabel(c) == key {
				return i + 1, nil
			}
		}
	}
	for i, l := range q.Labels {
		if l != "" && NormalizeLabel(l) == key {
			return q.Min + i, nil
		}
	}
	if q.Kind != data.KindChoice {
		if p, ok := lookupLabel(q.Kind, q.Points(), key); ok {
			return q.Min + p, nil
		}
		if q.Kind == data.KindNPS {
			switch key {
			case "not at all likely":
				return 0, nil
			case "extremely likely":
				return 10, nil
			}
		}
	}
	if v, ok := parseSymbols(q, raw); ok {
		return inScale(q, v, raw)
	}
	// "Bon / Good": a label in two languages.
	if q.Kind != data.KindChoice {
		parts := bilingualParts(raw)
		for _, part := range parts { // the question's own labels first
			k := NormalizeLabel(part)
			for i, l := range q.Labels {
				if l != "" && NormalizeLabel(l) == k {
					return q.Min + i, nil
				}
			}
		}
		for _, part := range parts {
			if p, ok := lookupLabel(q.Kind, q.Points(), NormalizeLabel(part)); ok {
				return q.Min + p, nil
			}
		}
	}
	// "b) Satisfied": an option letter before a label.
	if rest, ok := cutOptionLetter(raw); ok && q.Kind != data.KindChoice {
		if p, ok := lookupLabel(q.Kind, q.Points(), NormalizeLabel(rest)); ok {
			return q.Min + p, nil
		}
	}
	if n, den, ok := parseNumber(numberKey(raw)); ok {
		if den != 0 && den != q.Max {
			return 0, problemError(KindScoreOutOf, "Value", strconv.Quote(raw), "Den", den, "Min", q.Min, "Max", q.Max)
		}
		if n != math.Trunc(n) {
			if math.Abs(n-math.Round(n)) > 1e-9 {
				return 0, problemError(KindNotWhole, "Value", raw, "Min", q.Min, "Max", q.Max)
			}
			n = math.Round(n)
		}
		if n < -1e6 || n > 1e6 {
			return 0, problemError(KindOutsideScale, "Value", raw, "Min", q.Min, "Max", q.Max)
		}
		return inScale(q, int(n), raw)
	}
	return 0, problemError(KindUnknownAnswer, "Value", strconv.Quote(short(raw)), "Scale", scaleWords(q))
}

func scaleWords(q data.Question) data.Problem {
	switch q.Kind {
	case data.KindYesNo:
		return note(KindScaleYesNo)
	case data.KindChoice:
		return note(KindScaleChoices, "N", len(q.Choices))
	}
	return note(KindScaleRange, "Min", q.Min, "Max", q.Max)
}

func inScale(q data.Question, n int, raw string) (int, error) {
	if n < q.Min || n > q.Max {
		if q.Kind == data.KindChoice {
			return 0, problemError(KindNotAChoice, "Value", short(raw), "N", len(q.Choices))
		}
		return 0, problemError(KindOutsideScale, "Value", short(raw), "Min", q.Min, "Max", q.Max)
	}
	return n, nil
}

// short cuts a value for messages.
func short(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// parseSymbols reads stars, face emoji and yes/no symbols.
func parseSymbols(q data.Question, s string) (int, bool) {
	filled, empty, faces, mood, yes, no, other := 0, 0, 0, -1, 0, 0, 0
	for _, r := range s {
		switch {
		case r == '\ufe0f' || r == '\ufe0e' || r == '\u200d' || unicode.IsSpace(r):
		case strings.ContainsRune(filledStars, r):
			filled++
		case strings.ContainsRune(emptyStars, r):
			empty++
		case strings.ContainsRune(yesSymbols, r):
			yes++
		case strings.ContainsRune(noSymbols, r):
			no++
		default:
			m := faceMood(r)
			if m < 0 {
				other++
				continue
			}
			if faces > 0 && m != mood {
				return 0, false
			}
			faces++
			mood = m
		}
	}
	if other > 0 {
		return 0, false
	}
	switch {
	case filled+empty > 0 && faces == 0 && yes+no == 0:
		if empty > 0 && filled+empty != q.Points() && filled+empty != q.Max {
			return 0, false
		}
		return filled, true
	case faces > 0 && filled+empty == 0 && yes+no == 0:
		switch q.Points() {
		case 5:
			return q.Min + mood, true
		case 3:
			return q.Min + [5]int{0, 0, 1, 2, 2}[mood], true
		}
	case yes+no > 0 && (yes == 0 || no == 0) && faces+filled+empty == 0:
		if q.Kind == data.KindYesNo {
			if yes > 0 {
				return 1, true
			}
			return 0, true
		}
	}
	return 0, false
}

func faceMood(r rune) int {
	for m, set := range emojiMoods {
		if strings.ContainsRune(set, r) {
			return m
		}
	}
	return -1
}

// Words that say "out of" between a score and its scale top, in our
// languages: "4/5", "4 of 5", "4 из 5", "4 no 5", "4 su 5".
var outOfWords = []string{"/", " out of ", " of ", " из ", " no ", " su ", " di ", " iš "}

// Unit words after a score: "4 stars", "4 балла", "4 zvaigznes", "4 stelle", "4分".
var unitWords = []string{"stars", "star", "points", "point", "pts", "звезды", "звезда", "звезд", "балла", "баллов", "балл",
	"zvaigznes", "zvaigzne", "zvaigžņu", "punkti", "punkts", "stelle", "stella", "punti", "颗星", "顆星", "星", "分"}

// numberKey prepares a cell for parseNumber: NFC, full-width digits
// narrowed, lower case, ё as е, white space collapsed; punctuation kept.
func numberKey(s string) string {
	s = strings.ToLower(width.Fold.String(norm.NFC.String(s)))
	s = strings.ReplaceAll(s, "ё", "е")
	return strings.Join(strings.Fields(s), " ")
}

// parseNumber reads a number from a cell prepared by numberKey: "4", "4.0",
// "4,0" (decimal comma), "4/5" and "4 из 5" (den 5), "4 stars", "4 - satisfied",
// "4. satisfied", "4) good", "satisfied (4)". den is 0 unless the text names
// the scale top.
func parseNumber(key string) (n float64, den int, ok bool) {
	if f, ok := parseDecimal(key); ok {
		return f, 0, true
	}
	for _, w := range outOfWords {
		if i := strings.Index(key, w); i > 0 {
			a, b := strings.TrimSpace(key[:i]), strings.TrimSpace(key[i+len(w):])
			fa, ok1 := parseDecimal(a)
			fb, ok2 := parseDecimal(b)
			if ok1 && ok2 && fb == math.Trunc(fb) && fb >= 1 && fb <= 100 {
				return fa, int(fb), true
			}
		}
	}
	for _, u := range unitWords {
		if strings.HasSuffix(key, u) {
			if f, ok := parseDecimal(strings.TrimSpace(strings.TrimSuffix(key, u))); ok {
				return f, 0, true
			}
		}
	}
	// Leading integer, a separator, then words: "4 - satisfied", "4. good".
	i := 0
	for i < len(key) && key[i] >= '0' && key[i] <= '9' {
		i++
	}
	if i > 0 && i <= 3 && i < len(key) {
		rest := strings.TrimLeft(key[i:], " -–—.):=")
		if len(rest) < len(key[i:]) && rest != "" && !startsWithDigit(rest) && !isRangeRest(rest) {
			n, _ := strconv.Atoi(key[:i])
			return float64(n), 0, true
		}
	}
	// Trailing "(4)": "satisfied (4)".
	if strings.HasSuffix(key, ")") {
		if j := strings.LastIndexByte(key, '('); j > 0 {
			if n, err := strconv.Atoi(key[j+1 : len(key)-1]); err == nil && n >= 0 && n <= 100 {
				return float64(n), 0, true
			}
		}
	}
	return 0, 0, false
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// parseDecimal reads "4", "+4", "-1", "4.5" and "4,5" (one decimal comma).
func parseDecimal(s string) (float64, bool) {
	if s == "" || len(s) > 32 {
		return 0, false
	}
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	for i, c := range s {
		if (c < '0' || c > '9') && c != '.' && !((c == '-' || c == '+') && i == 0) {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// isRangeRest: what follows a number makes it a range, not a score: "3 ~
// 12 months", "1 to 3 years", "5 a 10 anni", "2 до 4 часов".
func isRangeRest(rest string) bool {
	for _, w := range []string{"~", "to ", "a ", "à ", "até ", "до ", "bis ", "e ", "y ", "и ", "or ", "o ", "ou ", "og "} {
		if r, ok := strings.CutPrefix(rest, w); ok && startsWithDigit(strings.TrimLeft(r, " ")) {
			return true
		}
	}
	return false
}

// cutOptionLetter removes an option letter from the start of an answer:
// "b) Satisfied", "c. Neutral", "(a) Very good" give the label.
func cutOptionLetter(s string) (string, bool) {
	s = strings.TrimPrefix(s, "(")
	if len(s) < 3 {
		return "", false
	}
	c := s[0] | 0x20
	if c < 'a' || c > 'h' || (s[1] != ')' && s[1] != '.') {
		return "", false
	}
	rest := strings.TrimSpace(s[2:])
	return rest, rest != ""
}

// bilingualParts splits a label written in two languages, "Bon / Good",
// "Tres bon /Very Good", into its parts; nil when s is not one ("N/A",
// "Ns/Nc" and "4/5" have no word of three letters on each side).
func bilingualParts(s string) []string {
	i := strings.IndexByte(s, '/')
	if i < 0 || strings.Count(s, "/") != 1 {
		return nil
	}
	a, b := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	if letters(a) < 3 || letters(b) < 3 {
		return nil
	}
	return []string{a, b}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// unformula reads a cell a program wrote as an Excel formula to keep it
// text (1KA, some CSV exports): ="2" is 2, ="" is blank. Other cells come
// back as they are.
func unformula(t string) string {
	if len(t) < 3 || t[0] != '=' || t[1] != '"' || t[len(t)-1] != '"' {
		return t
	}
	inner := t[2 : len(t)-1]
	if strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`) {
		return t // ="a" & "b": a real formula
	}
	return strings.TrimSpace(strings.ReplaceAll(inner, `""`, `"`))
}
