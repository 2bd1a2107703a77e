package topics

import (
	"strings"
	"unicode"
)

// LangOf returns the language a comment is matched in: "zh" when it holds
// Chinese characters, "ru" when it is mostly Cyrillic, "lv" when it has a
// letter only Latvian uses (ā č ē ģ ī ķ ļ ņ š ū ž), else the survey's
// language (its base: "en", "lv", "it"), or "en" when the survey's
// language is written in another script than the comment.
func LangOf(text, surveyLang string) string {
	var latin, cyr int
	lvMark := false
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			return "zh"
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			latin++
			if strings.ContainsRune("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ", r) {
				lvMark = true
			}
		}
	}
	if cyr > latin {
		return "ru"
	}
	if lvMark {
		return "lv"
	}
	switch b := base(surveyLang); b {
	case "en", "lv", "it":
		return b
	}
	return "en"
}

// Tokens cuts text into lower-case words at everything that is not a
// letter, a digit or a combining mark.
func Tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

// entry is one compiled dictionary word: stems to find in a row, or a
// prefix of one word.
type entry struct {
	stems  []string
	prefix string
}

// Matcher is a dictionary compiled for matching; build it once with
// Compile and use it from any number of goroutines.
type Matcher struct {
	dict   Dictionary
	byLang []map[string][]entry // per topic: base language → entries
	zh     [][]string           // per topic: Chinese words of both scripts
}

// Compile prepares d for matching.
func Compile(d Dictionary) *Matcher {
	m := &Matcher{dict: d, byLang: make([]map[string][]entry, len(d.Topics)), zh: make([][]string, len(d.Topics))}
	for i, t := range d.Topics {
		m.byLang[i] = map[string][]entry{}
		for lang, words := range t.Words {
			b := base(lang)
			for _, w := range words {
				w = NormalizeWord(w)
				if w == "" {
					continue
				}
				if b == "zh" {
					m.zh[i] = append(m.zh[i], w)
					continue
				}
				if p, ok := strings.CutSuffix(w, "*"); ok && !strings.Contains(p, " ") {
					if p = strings.TrimSpace(p); p != "" {
						m.byLang[i][b] = append(m.byLang[i][b], entry{prefix: p})
					}
					continue
				}
				var stems []string
				for _, tok := range Tokens(w) {
					stems = append(stems, Stem(b, tok))
				}
				if len(stems) > 0 {
					m.byLang[i][b] = append(m.byLang[i][b], entry{stems: stems})
				}
			}
		}
	}
	return m
}

// Dictionary returns the dictionary m was compiled from.
func (m *Matcher) Dictionary() Dictionary { return m.dict }

// Match returns the indexes (into the dictionary's Topics) of the topics
// text is about, in dictionary order; surveyLang is the survey's language
// (LangOf picks the comment's).
func (m *Matcher) Match(text, surveyLang string) []int {
	return m.match(text, surveyLang, nil)
}

// stemCache remembers stems by language and word within one count: the
// words of a business's comments repeat, and stemming is most of the cost
// of a match.
type stemCache map[[2]string]string

func (c stemCache) stem(lang, word string) string {
	if c == nil {
		return Stem(lang, word)
	}
	k := [2]string{lang, word}
	if s, ok := c[k]; ok {
		return s
	}
	s := Stem(lang, word)
	c[k] = s
	return s
}

// match is Match with an optional stem cache.
func (m *Matcher) match(text, surveyLang string, cache stemCache) []int {
	lang := LangOf(text, surveyLang)
	var out []int
	if lang == "zh" {
		low := strings.ToLower(text)
		for i, words := range m.zh {
			for _, w := range words {
				if strings.Contains(low, w) {
					out = append(out, i)
					break
				}
			}
		}
		return out
	}
	toks := Tokens(text)
	stems := make([]string, len(toks))
	for i, t := range toks {
		stems[i] = cache.stem(lang, t)
	}
	for i := range m.byLang {
		if m.matches(m.byLang[i][lang], toks, stems) {
			out = append(out, i)
		}
	}
	return out
}

// matches reports whether one of entries occurs in the comment.
func (m *Matcher) matches(entries []entry, toks, stems []string) bool {
	for _, e := range entries {
		if e.prefix != "" {
			for _, t := range toks {
				if strings.HasPrefix(t, e.prefix) {
					return true
				}
			}
			continue
		}
	outer:
		for s := 0; s+len(e.stems) <= len(stems); s++ {
			for k, st := range e.stems {
				if stems[s+k] != st {
					continue outer
				}
			}
			return true
		}
	}
	return false
}
