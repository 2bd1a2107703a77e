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
var countWords = []string{"how many", "how often", "how long", "number of", "no of", "times did", "times have", "years", "year", "age", "âge", "edad", "idade", "età", "alter",
	"возраст", "vecums", "年龄", "年齢", "나이", "minutes", "hours", "days", "weeks", "months", "minuti", "ore", "giorni", "minutos", "horas", "días", "dias", "минут", "часов", "дней", "лет", "сколько", "как часто", "cik reizes", "cik bieži", "cik daudz",
	"quante volte", "quanti", "quante", "con quale frequenza", "多少次", "几次", "幾次", "多少", "cuántas", "cuantas", "cuántos", "cuantos", "quantas", "quantos",
	"wie oft", "wie viele", "wie viel", "combien", "何回", "몇 번"}

// optionWords in a header ask to pick one thing ("which brand?"): numbers
// in such a column are option codes, not scores.
var optionWords = []string{"which", "brand", "what type", "what kind", "gender", "age group", "marca", "kurš", "kura", "kuru", "quale", "quali", "哪", "品牌", "性别",
	"welche", "welcher", "welches", "sexo", "sesso", "rank", "ranking", "order of preference", "ordine di preferenza", "orden de preferencia", "classement"}

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
	if len(t) > s.longest || !s.mayMatch(t) || isInteger(t) {
		return false // a sentence, a number: not a code
	}
	return s.match(data.Question{}, t, nil)
}

// isInteger: t is an optional sign and digits.
func isInteger(t string) bool {
	t = strings.TrimLeft(t, "+-")
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
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
	if n < 2 || hi < 2 || len(cp.Values) < 2 || cp.MoreValues {
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
// dashboard's headline figure — is it. Only questions with at least half
// the answers of the most answered one (answers, by question ID) compete. Without such a text the first
// rating question stays the main one. It returns the main question's ID
// (0 when the survey has no rating question).
func pickMain(sv *data.Survey, answers map[uint32]int) uint32 {
	most := 0
	for _, q := range sv.Questions {
		if q.Kind == data.KindRating && !q.Retired {
			most = max(most, answers[q.ID])
		}
	}
	first, best, bestScore := -1, -1, 0
	for i, q := range sv.Questions {
		if q.Kind != data.KindRating || q.Retired {
			continue
		}
		if first < 0 {
			first, best = i, i
		}
		if answers[q.ID]*2 < most {
			continue // a follow-up few answered ("if you used the app…")
		}
		h := NormalizeLabel(q.Text)
		score := 0
		if hasAny(h, mainWords) || hasLetterWord(h, "sat", "csat") {
			score += 2 // R and SPSS name it sat1, csat
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

// allIntegers: every answer (codes aside) is a whole number.
func allIntegers(cp *ColumnProfile, na noAnswerSet) bool {
	n := 0
	for _, v := range cp.Values {
		t := strings.TrimSpace(v.Value)
		if _, err := strconv.Atoi(t); err != nil {
			if na.matchText(t) {
				continue
			}
			return false
		}
		n++
	}
	return n > 0
}

// isRowCounter: the column numbers the rows 1, 2, 3… (or from any start),
// each value once: a row number, not an answer.
func isRowCounter(cp *ColumnProfile) bool {
	if len(cp.Values) < 5 || cp.MoreValues {
		return false
	}
	first, err := strconv.Atoi(cp.Values[0].Value)
	if err != nil {
		return false
	}
	for i, v := range cp.Values {
		if n, err := strconv.Atoi(v.Value); err != nil || n != first+i || v.Count != 1 {
			return false
		}
	}
	return true
}

// repeatedOthers: answers a yes/no reading leaves unread that recur ("No,
// but I used to", 25 times): the column is a choice, not yes/no.
func repeatedOthers(q data.Question, cp *ColumnProfile, na noAnswerSet) bool {
	others := 0
	for _, v := range cp.Values {
		if v.Count < 2 || na.match(q, v.Value, nil) {
			continue
		}
		if _, err := parseValue(q, v.Value, nil); err != nil {
			others += v.Count
		}
	}
	return others*20 >= cp.NonBlank
}

// dateHeaderWords name a date in a header ("Data di acquisto", "Visit
// date"): with dates (or Excel serials) below, the column is the date.
var dateHeaderWords = []string{"date", "data", "datum", "fecha", "дата", "datums", "日期", "日付", "날짜", "timestamp", "time", "zeit", "hora", "время", "laiks"}

// pickNPS moves the question that asks about recommending before the other
// NPS questions (0–10 columns without that word), so it is the survey's
// NPS.
func pickNPS(sv *data.Survey) {
	first, best := -1, -1
	for i, q := range sv.Questions {
		if q.Kind != data.KindNPS || q.Retired {
			continue
		}
		if first < 0 {
			first = i
		}
		h := NormalizeLabel(q.Text)
		if best < 0 && (hasAny(h, npsWords) || hasWord(h, "nps")) {
			best = i
		}
	}
	if best > first && first >= 0 {
		q := sv.Questions[best]
		sv.Questions = slices.Delete(sv.Questions, best, best+1)
		sv.Questions = slices.Insert(sv.Questions, first, q)
	}
}

// seqWords name a column that numbers the rows (问卷星's 序号): with
// repeated values it is no respondent ID.
var seqWords = words("序号|序號|no|nr|n|№|row|row number|line|#")

func hasRepeats(cp *ColumnProfile) bool {
	for _, v := range cp.Values {
		if v.Count > 1 {
			return true
		}
	}
	return false
}

// LimeSurvey's metadata columns in its full headings, by language.
var (
	limeStartWords  = words("date started|startdate|start date|start time|started|date de lancement|datum gestartet|fecha de inicio|data di inizio|data de início|дата начала|sākuma datums")
	limeActionWords = words("datestamp|date last action|date de la dernière action|datum letzte aktivität|fecha de la última acción|data ultima azione|data da última ação|дата последнего действия")
	limeSubmitWords = words("submitdate|date submitted|date de soumission|datum abgeschickt|fecha de envío|data invio|data de envio|дата отправки|iesniegšanas datums")
	limeMetaWords   = words("last page|lastpage|dernière page|letzte seite|última página|ultima pagina|последняя страница|pēdējā lapa|" +
		"start language|startlanguage|langue de départ|start sprache|idioma inicial|lingua iniziale|язык|sākuma valoda|" +
		"seed|tête de série|zufallsstartwert|semilla|seme|semente|" +
		"ip address|adresse ip|ip adresse|dirección ip|indirizzo ip|endereço ip|ip адрес|ip adrese|" +
		"referrer url|url référente|referrer|url de referencia|url di provenienza|url de referência|refurl")
	limeIDWords = words("response id|id de la réponse|id réponse|antwort id|id de respuesta|id risposta|id da resposta|id ответа")
)

// sentencesLeft counts the answers q does not read that are sentences
// (four words or more).
func sentencesLeft(q data.Question, cp *ColumnProfile, na noAnswerSet) int {
	n := cp.Long
	for _, v := range cp.Values {
		if len(strings.Fields(v.Value)) < 4 || na.match(q, v.Value, nil) {
			continue
		}
		if _, err := parseValue(q, v.Value, nil); err != nil {
			n += v.Count
		}
	}
	return n
}

// hasLetterWord reports whether one of ws is a run of letters in h ("sat"
// in "sat1", "overall_sat").
func hasLetterWord(h string, ws ...string) bool {
	for _, f := range strings.FieldsFunc(h, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(ws, f) {
			return true
		}
	}
	return false
}

// isQuizScore: every answer reads "points / total" with one total, as the
// Score column of a Google Forms quiz does ("7 / 10").
func isQuizScore(cp *ColumnProfile) bool {
	total := -1
	for _, v := range cp.Values {
		_, den, ok := parseNumber(numberKey(v.Value))
		if !ok || den == 0 || (total >= 0 && den != total) {
			return false
		}
		total = den
	}
	return total > 0
}

// afterTimestamp: column i comes right after a Google Form's timestamp
// (and its email column), where the form puts a quiz's score.
func afterTimestamp(p *Profile, i int) bool {
	switch i {
	case 1:
		return true
	case 2:
		return ignoreWords[NormalizeLabel(p.Columns[1].Header)]
	}
	return false
}
