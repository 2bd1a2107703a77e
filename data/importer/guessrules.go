package importer

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"csatdesk/data"
)

// Rules of Guess about what is not a score, which question is the main
// one, and which cells mean "no answer".

// countWords in a header ask for a count ("how many times did you
// visit?"), never a score.
var countWords = []string{"how many", "how often", "number of", "no of", "times did", "times have", "сколько", "как часто", "cik reizes", "cik bieži", "cik daudz",
	"quante volte", "quanti", "quante", "con quale frequenza", "多少次", "几次", "幾次", "多少", "cuántas", "cuantas", "cuántos", "cuantos", "quantas", "quantos",
	"wie oft", "wie viele", "wie viel", "combien", "何回", "몇 번"}

// optionWords in a header ask to pick one thing ("which brand?"): numbers
// in such a column are option codes, not scores.
var optionWords = []string{"which", "brand", "what is your", "what was your", "what type", "what kind", "gender", "age group", "marca", "какой", "какая", "какое", "какие",
	"kurš", "kura", "kuru", "quale", "quali", "哪", "品牌", "性别", "cuál", "cual", "qual", "welche", "welcher", "quel", "quelle", "sexo", "sesso", "пол"}

func isCountHeader(h string) bool { return hasPhrase(h, countWords) }

func isOptionHeader(h string) bool { return hasPhrase(h, optionWords) }

// hasPhrase reports whether one of ws starts a word of h ("how many" in
// "so how many times", not "сколько" in "насколько"); words of scripts
// written without spaces match anywhere.
func hasPhrase(h string, ws []string) bool {
	for _, w := range ws {
		if !isLatinOrCyrillic(w) {
			if strings.Contains(h, w) {
				return true
			}
			continue
		}
		for i := 0; ; {
			k := strings.Index(h[i:], w)
			if k < 0 {
				break
			}
			k += i
			end := k + len(w)
			if (k == 0 || h[k-1] == ' ') && (end == len(h) || h[end] == ' ') {
				return true
			}
			i = k + 1
		}
	}
	return false
}

// isLatinOrCyrillic: words of these scripts are matched whole.
func isLatinOrCyrillic(w string) bool {
	for _, r := range w {
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
			return false
		}
	}
	return true
}

// matchText reports whether v is one of the set's text codes ("N/A", "Не
// знаю", "-"), whatever the question: numeric codes need a scale.
func (s noAnswerSet) matchText(v string) bool {
	t := strings.TrimSpace(v)
	if _, err := strconv.Atoi(t); err == nil {
		return false
	}
	return s.match(data.Question{}, t, nil)
}

// noAnswerValues lists a question column's answers read as no answer, and
// (when Guess makes the survey) the placeholders among its unreadable
// answers ("*redacted*"), which Guess adds to the no-answer list; with
// zeroBlank (a 0–5 column read as 1–5) so is "0".
func noAnswerValues(q data.Question, cp *ColumnProfile, na noAnswerSet, newSurvey, zeroBlank bool) (blanks []ValueCount, placeholders []string) {
	if !q.Numeric() {
		return nil, nil
	}
	for _, v := range cp.Values {
		switch {
		case na.match(q, v.Value, nil):
			blanks = append(blanks, v)
		case zeroBlank && q.Min == 1 && strings.TrimSpace(v.Value) == "0":
			blanks = append(blanks, v) // a 0–5 rating's "no stars"
			placeholders = append(placeholders, "0")
		case newSurvey && isPlaceholder(v.Value):
			if _, err := parseValue(q, v.Value, nil); err != nil {
				blanks = append(blanks, v)
				placeholders = append(placeholders, v.Value)
			}
		}
	}
	return blanks, placeholders
}

// pending is a column Guess reads as a question, by its index.
type pending struct {
	i  int
	cp *ColumnProfile
}

// isZeroOne: every answer of the column is 0 or 1 (codes aside).
func isZeroOne(cp *ColumnProfile, na noAnswerSet) bool {
	n := 0
	for _, v := range cp.Values {
		switch strings.TrimSpace(v.Value) {
		case "0", "1", "0.0", "1.0":
			n++
		default:
			if !na.matchText(v.Value) {
				return false
			}
		}
	}
	return n > 0
}

// optionColumns finds the 0/1 columns a "select all that apply" question
// was split into: two or more side by side, each 0 or 1, whose headers do
// not ask for a score.
func optionColumns(cols []pending, na noAnswerSet) map[int]bool {
	out := map[int]bool{}
	run := []int{}
	flush := func() {
		if len(run) >= 2 {
			for _, i := range run {
				out[i] = true
			}
		}
		run = run[:0]
	}
	prev := -2
	for _, c := range cols {
		h := NormalizeLabel(c.cp.Header)
		ok := isZeroOne(c.cp, na) && !hasAny(h, scoreWords) && !hasAny(h, npsWords)
		if !ok || c.i != prev+1 {
			flush()
		}
		if ok {
			run = append(run, c.i)
		}
		prev = c.i
	}
	flush()
	return out
}

// isFreeText: the answers are sentences people wrote, not options to pick:
// most have four words or more (or, without spaces, 15 characters), and
// they rarely repeat.
func isFreeText(cp *ColumnProfile) bool {
	if cp.Long > 0 && cp.Long*2 >= cp.NonBlank {
		return true
	}
	long, total, repeated := 0, 0, 0
	for _, v := range cp.Values {
		total += v.Count
		if v.Count > 1 {
			repeated += v.Count - 1
		}
		words := len(strings.Fields(v.Value))
		if words >= 4 || (words < 2 && utf8.RuneCountInString(v.Value) >= 15 && !isLatinOrCyrillic(v.Value)) {
			long += v.Count
		}
	}
	total += cp.Long
	long += cp.Long
	return total > 0 && long*10 >= total*6 && repeated*4 <= total
}

// codeChoice makes a choice question of a column of whole numbers 1…n
// (option codes), its choices named "1"…"n".
func codeChoice(text string, cp *ColumnProfile, na noAnswerSet) (data.Question, bool) {
	hi, n := 0, 0
	for _, v := range cp.Values {
		t := strings.TrimSpace(v.Value)
		x, err := strconv.Atoi(t)
		if err != nil {
			if na.matchText(t) {
				continue
			}
			return data.Question{}, false
		}
		if x < 1 || x > data.MaxChoices {
			return data.Question{}, false
		}
		hi, n = max(hi, x), n+1
	}
	if n < 2 || hi < 2 {
		return data.Question{}, false
	}
	q := data.NewQuestion(data.KindChoice, text, 0)
	q.Choices = make([]string, hi)
	for i := range q.Choices {
		q.Choices[i] = strconv.Itoa(i + 1)
	}
	q.Max = hi
	return q, true
}

// pickMain finds the survey's main satisfaction question by its text (it
// asks how satisfied, in any of our languages; "overall" helps) and moves
// it before the other rating questions, so data.Survey.MainCSAT — the
// dashboard's headline figure — is it. Without such a text the first
// rating question stays the main one. It returns the main question's ID
// (0 when the survey has no rating question).
func pickMain(sv *data.Survey) uint32 {
	first, best, bestScore := -1, -1, 0
	for i, q := range sv.Questions {
		if q.Kind != data.KindRating || q.Retired {
			continue
		}
		if first < 0 {
			first, best = i, i
		}
		h := NormalizeLabel(q.Text)
		score := 0
		if hasAny(h, mainWords) {
			score += 2
		}
		if hasAny(h, []string{"overall", "general", "in general", "total", "в целом", "общ", "kopumā", "complessiv", "generale", "总体", "整体", "總體", "整體", "insgesamt", "global", "geral", "全体", "전반"}) {
			score++
		}
		if hasAny(h, npsWords) || hasAny(h, cesWords) {
			score -= 2
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if first < 0 {
		return 0
	}
	if best != first {
		q := sv.Questions[best]
		sv.Questions = slices.Delete(sv.Questions, best, best+1)
		sv.Questions = slices.Insert(sv.Questions, first, q)
	}
	return sv.Questions[first].ID
}
