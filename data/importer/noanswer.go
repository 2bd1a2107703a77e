package importer

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"csatdesk/data"
)

// DefaultNoAnswer lists the answers that mean "no answer" in the exports
// people have: R's NA, "N/A", a dash, the 99 of coded questionnaires, "don't
// know" and "not applicable" in our languages and a few more. In a scored
// question such a cell is a blank answer: not counted, not a refusal, but
// listed in Report.NoAnswer. A code written as a number ("99") counts as
// no answer only where it is outside the question's scale. Matching ignores
// case, punctuation and a trailing answer code ("Not Applicable (8)").
// Mapping.NoAnswer replaces the list (nil means this one).
var DefaultNoAnswer = []string{
	"NA", "N/A", "n.a.", "N.A.", "#N/A", "-", "--", "—", ".", "?", "99", "999",
	"No answer", "No response", "None", "Null", "Missing", "Skipped", "Not answered", "Prefer not to say", "Prefer not to answer",
	"I don't know", "Don't know", "Do not know", "DK", "Unsure", "No opinion", "Can't say", "Cannot say",
	"Not applicable", "Does not apply", "Unfamiliar", "Unfamiliar (N/A)", "Offered", "Unoffered", "Not offered",
	"Not aware", "Unaware", "Not used", "Never used", "Did not use", "Haven't used", "No experience",
	"Prefiero no responder", "Prefiro não responder", "Não aplicável", "Sans avis", "Non pertinent", "Keine Meinung", "Nicht zutreffend",
	"Preferisco non rispondere", "Не могу сказать", "Не применимо", "Nevēlos atbildēt", "未回答", "不好说", "说不清", "无法回答", "無法回答",
	"Ns/Nc", "No sabe", "No sabe / No contesta", "No contesta", "No aplica", "Não sei", "Não se aplica", "Sem resposta",
	"Je ne sais pas", "Ne sais pas", "Sans opinion", "Sans objet", "Weiß nicht", "Weiss nicht", "Keine Angabe", "Trifft nicht zu",
	"Не знаю", "Нет ответа", "Не применимо",
	"Nezinu", "Grūti pateikt", "Nav atbildes",
	"Non so", "Non saprei", "Non applicabile", "Nessuna risposta",
	"不知道", "不清楚", "不适用", "不適用", "無回答", "わからない", "分からない", "모름", "잘 모르겠다",
}

// CodedNoAnswer are the no-answer codes of tools made for statistics
// packages (Source.Coded): negative whole numbers, which no scale or
// choice list of theirs uses for an answer.
var CodedNoAnswer = []string{"-1", "-2", "-3", "-4", "-5", "-6", "-7", "-8", "-9", "-97", "-98", "-99"}

// noAnswerSet is a no-answer list ready for matching.
type noAnswerSet struct {
	words map[string]bool // normalised text codes
	raw   map[string]bool // codes that normalise to nothing ("-", "?"), lower case
	nums  map[int]bool    // numeric codes, no answer only outside the scale
	// longest is the byte length beyond which a cell is no code (a code
	// with a trailing answer code, "Not Applicable (8)", fits).
	longest int
	// first holds the first letters of the codes, lower case: a cell
	// starting with another cannot be one (a quick test for text cells).
	first map[rune]bool
}

// mayMatch is a quick test: could t be a code? False for most answers
// without the cost of normalising them.
func (s noAnswerSet) mayMatch(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if s.first[unicode.ToLower(r)] {
		return true
	}
	_, letter := cutOptionLetter(t) // "d) Not aware"
	return letter
}

func newNoAnswerSet(list []string) noAnswerSet {
	if len(list) == 0 {
		list = DefaultNoAnswer
	}
	s := noAnswerSet{words: map[string]bool{}, raw: map[string]bool{}, nums: map[int]bool{}, first: map[rune]bool{}}
	for _, c := range list {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		s.longest = max(s.longest, 2*len(c)+8)
		for _, f := range []string{c, NormalizeLabel(c), foldDiacritics(NormalizeLabel(c))} {
			if r, _ := utf8.DecodeRuneInString(f); f != "" {
				s.first[unicode.ToLower(r)] = true
				s.first[unicode.ToUpper(r)] = true
			}
		}
		if n, err := strconv.Atoi(c); err == nil {
			s.nums[n] = true
			continue
		}
		if k := NormalizeLabel(c); k != "" {
			s.words[k] = true
		} else {
			s.raw[strings.ToLower(c)] = true
		}
	}
	return s
}

var defaultNoAnswerSet = newNoAnswerSet(nil)

// matchNegative reports whether t is a negative number on the list: no
// answer to any question, since no scale or choice list goes below 0.
func (s noAnswerSet) matchNegative(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || t[0] != '-' {
		return false
	}
	n, err := strconv.Atoi(t)
	return err == nil && n < 0 && s.nums[n]
}

// match reports whether cell t (trimmed) is a no-answer code for q.
// Answers q itself names (a label, a choice, a score the user assigned)
// are answers, not codes.
func (s noAnswerSet) match(q data.Question, t string, assigned map[string]int) bool {
	if n, err := strconv.Atoi(t); err == nil {
		return s.nums[n] && (n < q.Min || n > q.Max)
	}
	key := NormalizeLabel(t)
	if key == "" {
		return s.raw[strings.ToLower(t)]
	}
	if !s.words[key] {
		if rest, ok := cutOptionLetter(t); ok && s.words[NormalizeLabel(rest)] {
			key = NormalizeLabel(rest) // "d) Not aware"
		}
		for _, part := range bilingualParts(t) { // "je ne sais pas/ I don't know"
			if k := NormalizeLabel(part); s.words[k] {
				key = k
			}
		}
	}
	if !s.words[key] {
		// "Not Applicable (8)": a code with its answer code.
		i := strings.LastIndexByte(key, ' ')
		if i <= 0 {
			return false
		}
		if _, err := strconv.Atoi(key[i+1:]); err != nil || !s.words[key[:i]] {
			return false
		}
	}
	if _, ok := assigned[key]; ok {
		return false
	}
	for _, c := range q.Choices {
		if NormalizeLabel(c) == key {
			return false
		}
	}
	for _, l := range q.Labels {
		if l != "" && NormalizeLabel(l) == key {
			return false
		}
	}
	return true
}

// placeholderWords mark a cell as a stand-in for an answer removed or never
// given ("*redacted*", "[removed]", "<blank>").
var placeholderWords = []string{"redact", "removed", "hidden", "anonymi", "withheld", "confidential", "blank", "empty", "missing", "skipped", "n a", "null", "none"}

// isPlaceholder reports whether v reads as a placeholder rather than an
// answer: wrapped in * [ ] < > { } or ( ), or naming a removal.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) >= 3 {
		a, z := v[0], v[len(v)-1]
		if (a == '*' && z == '*') || (a == '[' && z == ']') || (a == '<' && z == '>') || (a == '{' && z == '}') || (a == '(' && z == ')') || (a == '#' && z == '#') {
			return true
		}
	}
	k := NormalizeLabel(v)
	for _, w := range placeholderWords {
		if k == w || strings.HasPrefix(k, w) {
			return true
		}
	}
	return false
}

// noAnswerCounter counts the no-answer cells a Converter passed as blank.
type noAnswerCounter struct {
	counts map[string]int
	order  []string
}

// maxNoAnswerKinds bounds the distinct codes counted (as written).
const maxNoAnswerKinds = 1000

func (c *noAnswerCounter) add(v string) {
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	if _, ok := c.counts[v]; !ok {
		if len(c.order) >= maxNoAnswerKinds {
			return
		}
		c.order = append(c.order, strings.Clone(v))
	}
	c.counts[v]++
}

// list returns the codes with their counts, most frequent first.
func (c *noAnswerCounter) list() []ValueCount {
	if len(c.order) == 0 {
		return nil
	}
	out := make([]ValueCount, len(c.order))
	for i, v := range c.order {
		out[i] = ValueCount{Value: v, Count: c.counts[v]}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}
