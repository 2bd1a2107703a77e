// Package bank holds ready-made survey content in the six languages of CSAT
// Desk (English, Russian, Latvian, Italian, simplified and traditional
// Chinese): question banks by topic, scale label presets, the standard NPS
// and CES questions, yes/no labels and complete survey templates.
//
// The question banks follow the classic e-commerce CSAT question lists
// (service, website, order, product); the traditional Chinese wording is
// taken from that source and the simplified Chinese converted from it. Every
// language has the same items in the same order, so a bank item has the
// same Code in every language.
//
// Languages are named "en", "ru", "lv", "it", "zh_Hans" and "zh_Hant";
// Normalize maps common tags ("zh-TW", "ru-RU", "it_IT") onto them and any
// unknown language falls back to English.
//
// The package depends on the standard library and package data only.
package bank

import "strings"

// Language is a language the bank has content for.
type Language struct {
	Code string // "en", "ru", "lv", "it", "zh_Hans", "zh_Hant"
	Name string // the language's own name, e.g. "Latviešu"
}

// Languages lists the supported languages; English first.
var Languages = []Language{
	{"en", "English"},
	{"ru", "Русский"},
	{"lv", "Latviešu"},
	{"it", "Italiano"},
	{"zh_Hans", "简体中文"},
	{"zh_Hant", "繁體中文"},
}

// language indexes into the per-language arrays (tr).
const (
	en = iota
	ru
	lv
	it
	zhHans
	zhHant
	nLang
)

// tr is one text in every language, in the order of Languages.
type tr [nLang]string

// Normalize maps a language tag onto the code of a supported language:
// "zh", "zh-CN", "zh_SG" and "zh-Hans" become "zh_Hans"; "zh-TW", "zh-HK",
// "zh-MO" and "zh-Hant" become "zh_Hant"; "ru-RU" becomes "ru"; anything
// unknown (including "") becomes "en".
func Normalize(lang string) string {
	return Languages[index(lang)].Code
}

// index returns the position of lang in Languages (English when unknown).
func index(lang string) int {
	l := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "-", "_"))
	base, region, _ := strings.Cut(l, "_")
	switch base {
	case "ru":
		return ru
	case "lv":
		return lv
	case "it":
		return it
	case "zh":
		switch {
		case strings.Contains(region, "hant"), strings.HasPrefix(region, "tw"),
			strings.HasPrefix(region, "hk"), strings.HasPrefix(region, "mo"):
			return zhHant
		}
		return zhHans
	}
	return en
}
