package topics

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// Stem returns the stem of one lower-case word in language lang ("en",
// "ru", "lv", "it"; other languages get the word back): Snowball for
// English and Russian (github.com/kljensen/snowball), ports of Lucene's
// light stemmers for Latvian and Italian. Russian ё is read as е.
func Stem(lang, word string) string {
	switch base(lang) {
	case "en":
		return english.Stem(word, true)
	case "ru":
		return russian.Stem(strings.ReplaceAll(word, "ё", "е"), true)
	case "lv":
		return StemLatvian(word)
	case "it":
		return StemItalian(word)
	}
	return word
}

// base returns the language part of a tag: "zh_Hans" → "zh", "en-GB" → "en".
func base(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "_-"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}
