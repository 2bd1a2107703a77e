// This file is a Go port of LatvianStemmer.java from Apache Lucene
// (org.apache.lucene.analysis.lv.LatvianStemmer, the light stemmer for
// Latvian written by Robert Muir), licensed under the Apache License,
// Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
//
// Licensed to the Apache Software Foundation (ASF) under one or more
// contributor license agreements. The ASF licenses the original work to
// You under the Apache License, Version 2.0 (the "License"); you may not
// use this file except in compliance with the License. Unless required by
// applicable law or agreed to in writing, software distributed under the
// License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR
// CONDITIONS OF ANY KIND, either express or implied. See the License for
// the specific language governing permissions and limitations under the
// License.
//
// Changes from the original: Go strings of runes instead of a char buffer
// and a length; otherwise the same affixes, order, vowel counts and
// unpalatalization rules (tested against Lucene's TestLatvianStemmer
// vectors in latvian_test.go).

package topics

import "strings"

// lvAffix is one Latvian inflectional suffix: its text, the number of
// vowels it holds (the word must have more), and whether removing it may
// leave a palatalized consonant to undo.
type lvAffix struct {
	affix       []rune
	vowels      int
	palatalizes bool
}

func lv(s string, vc int, pal bool) lvAffix { return lvAffix{[]rune(s), vc, pal} }

// lvAffixes are tried in order; the first that fits is removed. Longer
// adjective endings come first.
var lvAffixes = []lvAffix{
	lv("ajiem", 3, false), lv("ajai", 3, false),
	lv("ajam", 2, false), lv("ajām", 2, false),
	lv("ajos", 2, false), lv("ajās", 2, false),
	lv("iem", 2, true), lv("ajā", 2, false),
	lv("ais", 2, false), lv("ai", 2, false),
	lv("ei", 2, false), lv("ām", 1, false),
	lv("am", 1, false), lv("ēm", 1, false),
	lv("īm", 1, false), lv("im", 1, false),
	lv("um", 1, false), lv("us", 1, true),
	lv("as", 1, false), lv("ās", 1, false),
	lv("es", 1, false), lv("os", 1, true),
	lv("ij", 1, false), lv("īs", 1, false),
	lv("ēs", 1, false), lv("is", 1, false),
	lv("ie", 1, false), lv("u", 1, true),
	lv("a", 1, true), lv("i", 1, true),
	lv("e", 1, false), lv("ā", 1, false),
	lv("ē", 1, false), lv("ī", 1, false),
	lv("ū", 1, false), lv("o", 1, false),
	lv("s", 0, false), lv("š", 0, false),
}

// StemLatvian returns the stem of a lower-case Latvian word: nouns and
// adjectives lose their case, number, gender and definiteness endings, and
// a consonant palatalized before a declension II, V or VI ending is
// restored (akmeņu → akmen). The stem keeps at least three letters and one
// vowel; verbs are left mostly alone.
func StemLatvian(word string) string {
	s := []rune(word)
	vowels := lvVowels(s)
	for _, a := range lvAffixes {
		if vowels > a.vowels && len(s) >= len(a.affix)+3 && hasSuffix(s, a.affix) {
			removed := s[len(s)-len(a.affix)]
			s = s[:len(s)-len(a.affix)]
			if a.palatalizes {
				s = lvUnpalatalize(s, removed)
			}
			return string(s)
		}
	}
	return word
}

// lvUnpalatalize undoes the palatalization of the stem's last consonant;
// removed is the first letter of the ending taken off. The ambiguous
// s,t → š and d,z → ž are left alone, as in Lucene.
func lvUnpalatalize(s []rune, removed rune) []rune {
	end := func(x string) bool { return hasSuffix(s, []rune(x)) }
	set2 := func(a, b rune) []rune { s[len(s)-2], s[len(s)-1] = a, b; return s }
	if removed == 'u' { // genitive plural of declensions II, V, VI
		if end("kš") {
			s = append(s, 0)
			return set2('s', 't')
		}
		if end("ņņ") {
			return set2('n', 'n')
		}
	}
	switch {
	case end("pj"), end("bj"), end("mj"), end("vj"): // labial consonant + j
		return s[:len(s)-1]
	case end("šņ"):
		return set2('s', 'n')
	case end("žņ"):
		return set2('z', 'n')
	case end("šļ"):
		return set2('s', 'l')
	case end("žļ"):
		return set2('z', 'l')
	case end("ļņ"):
		return set2('l', 'n')
	case end("ļļ"):
		return set2('l', 'l')
	case end("č"):
		s[len(s)-1] = 'c'
	case end("ļ"):
		s[len(s)-1] = 'l'
	case end("ņ"):
		s[len(s)-1] = 'n'
	}
	return s
}

// lvVowels counts the vowels of s.
func lvVowels(s []rune) int {
	n := 0
	for _, r := range s {
		if strings.ContainsRune("aeiouāīēū", r) {
			n++
		}
	}
	return n
}

// hasSuffix reports whether s ends with suf.
func hasSuffix(s, suf []rune) bool {
	if len(suf) > len(s) {
		return false
	}
	for i := range suf {
		if s[len(s)-len(suf)+i] != suf[i] {
			return false
		}
	}
	return true
}
